import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange at a time over URLSession, waited for synchronously (the
/// command line is synchronous), with a bound on the body it accepts: past
/// `maximumBytes` the transfer is cancelled rather than held in memory.
final class HTTPTransport: @unchecked Sendable {
    /// What came back.
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    /// Why no response came.
    enum Failure: Error {
        /// The connection failed or broke off (unreachable, refused, reset, timed out).
        case transport(String)
        /// The body grew past the bound.
        case tooLarge(Int64)
    }

    let timeout: Double

    init(timeout: Double) { self.timeout = timeout }

    func send(_ request: URLRequest, body: [UInt8]?, maximumBytes: Int64) -> Result<Response, Failure> {
        let exchange = Exchange(maximumBytes: maximumBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout, 600)
        configuration.httpMaximumConnectionsPerHost = 1
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
        let task = body.map { session.uploadTask(with: request, from: Data($0)) } ?? session.dataTask(with: request)
        task.resume()
        exchange.done.wait()
        session.finishTasksAndInvalidate()
        return exchange.result()
    }

    /// The delegate of one exchange: collects the body, cancels past the bound, signals the end.
    private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private let maximumBytes: Int64
        private var body: [UInt8] = []
        private var status = 0
        private var failure: Failure?

        init(maximumBytes: Int64) { self.maximumBytes = maximumBytes }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse, completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            lock.withLock { status = (response as? HTTPURLResponse)?.statusCode ?? 0 }
            if response.expectedContentLength > maximumBytes {
                lock.withLock { failure = .tooLarge(response.expectedContentLength) }
                completionHandler(.cancel)
                return
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over = lock.withLock { () -> Bool in
                body.append(contentsOf: data)
                if Int64(body.count) > maximumBytes {
                    failure = .tooLarge(Int64(body.count))
                    return true
                }
                return false
            }
            if over { dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            lock.withLock {
                if failure == nil, let error {
                    failure = .transport((error as? URLError).map(Self.describe) ?? error.localizedDescription)
                }
            }
            done.signal()
        }

        func result() -> Result<Response, Failure> {
            lock.withLock {
                if let failure { return .failure(failure) }
                return .success(Response(status: status, body: body))
            }
        }

        private static func describe(_ error: URLError) -> String {
            switch error.code {
            case .cannotConnectToHost: "connection refused (is the server running, and is the endpoint right?)"
            case .cannotFindHost, .dnsLookupFailed: "the host name does not resolve"
            case .timedOut: "no answer in time"
            case .networkConnectionLost: "the connection broke off"
            case .notConnectedToInternet: "no network"
            case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
                "the TLS connection failed (\(error.localizedDescription))"
            default: error.localizedDescription
            }
        }
    }
}
