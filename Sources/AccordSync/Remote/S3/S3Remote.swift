import AccordLog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An S3-compatible bucket as a ``SegmentRemote``: the folder layout as keys
/// under a prefix, `PREFIX/<feed hex>/<first>-<last>.bundle`.
///
/// Four requests, each signed with ``SignatureV4``: ListObjectsV2 (paginated),
/// GetObject (bounded by the size the listing gave and the segment's name),
/// PutObject with `If-None-Match: *` as a guard against writing over a key
/// (correctness never depends on it: one writer per feed and a new key per
/// segment), and nothing else — no locks, no compare-and-swap. A failure of
/// the endpoint itself (unreachable, credentials refused, a server error) is
/// marked ``RemoteUnavailable`` so the sync stops there.
public final class S3Remote: SegmentRemote {
    public let bucket: S3Location
    /// The endpoint's base URL, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:8333`.
    public let endpoint: URL
    public let region: String
    let credentials: S3Credentials
    /// Whether puts carry `If-None-Match: *`.
    let guardPuts: Bool
    /// Path-style (`endpoint/bucket/key`, for S3-compatible servers) or virtual-hosted (`bucket.endpoint/key`, AWS).
    let pathStyle: Bool
    private let transport: HTTPTransport
    /// Sizes the last listing gave, by key: a download is bounded by them.
    private var listedSizes: [String: Int64] = [:]

    /// - Parameters:
    ///   - endpoint: the service's URL; nil for AWS itself in `region`.
    ///   - region: the signing region (`us-east-1` for most S3-compatible servers).
    ///   - timeout: seconds without progress before a request fails.
    /// - Throws: `.invalidInput` for an endpoint that is not an http(s) URL.
    public init(
        bucket: S3Location, endpoint: String?, region: String, credentials: S3Credentials, guardPuts: Bool = true, timeout: Double = 30
    ) throws(AccordError) {
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        self.guardPuts = guardPuts
        if let endpoint {
            guard let url = URL(string: endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint),
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil,
                  url.path.isEmpty || url.path == "/", url.query == nil
            else {
                throw AccordError(.invalidInput, "the S3 endpoint \"\(endpoint)\" is not an http:// or https:// URL of a server (no path)")
            }
            self.endpoint = url
            pathStyle = true
        } else {
            self.endpoint = URL(string: "https://s3.\(region).amazonaws.com")!
            pathStyle = bucket.bucket.contains(".")
        }
        transport = HTTPTransport(timeout: timeout)
    }

    public var location: String { bucket.description }

    /// How errors name the remote: the bucket and the endpoint.
    var remotePlace: String { "\(bucket) at \(endpoint.absoluteString)" }

    public func list() throws(AccordError) -> RemoteListing {
        var listing = RemoteListing()
        var token: String?
        listedSizes = [:]
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: bucket.listPrefix)]
            if let token { query.append((name: "continuation-token", value: token)) }
            let response = try send("GET", key: nil, query: query, body: nil, maximumBytes: 64 << 20, place: remotePlace)
            guard response.status == 200 else { throw failure(response, place: remotePlace, key: nil) }
            guard let page = ListBucketResult.parse(response.body) else {
                throw AccordError(.io, "the listing is not a ListObjectsV2 answer (is the endpoint an S3 service?)", place: remotePlace, cause: RemoteUnavailable("bad listing"))
            }
            for object in page.objects {
                guard object.key.hasPrefix(bucket.listPrefix) else { continue }
                let parts = object.key.dropFirst(bucket.listPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, let feed = FeedID(hex: parts[0]), let name = SegmentName(feed: feed, fileName: parts[1]) else { continue }
                listing.segments[feed, default: []].append(name)
                listedSizes[object.key] = object.size
            }
            token = page.isTruncated ? page.nextContinuationToken : nil
            if page.isTruncated && (token ?? "").isEmpty {
                throw AccordError(.io, "the listing is cut short without a continuation token", place: remotePlace, cause: RemoteUnavailable("bad listing"))
            }
        } while token != nil
        return listing
    }

    public func put(_ segment: SegmentName, bytes: [UInt8]) throws(AccordError) {
        let key = bucket.key(segment.relativePath)
        let place = "s3://\(bucket.bucket)/\(key)"
        let response = try send("PUT", key: key, query: [], body: bytes, maximumBytes: 1 << 20, place: place)
        switch response.status {
        case 200, 201, 204: return
        case 412:
            throw AccordError(.io, "already exists, and a segment is never written over; if this replica did not write it, remove it and sync again", place: place)
        default:
            throw failure(response, place: place, key: key)
        }
    }

    public func open(_ item: RemoteItem, maximumBytes: Int64) throws(AccordError) -> Int32 {
        guard case .segment(let segment) = item else {
            throw AccordError(.io, "a bucket holds no files of the old layout", place: place(of: item))
        }
        let key = bucket.key(segment.relativePath)
        let place = place(of: item)
        if let listed = listedSizes[key], listed > maximumBytes {
            throw AccordError(.io, "is \(listed) bytes, more than the \(maximumBytes) a segment of that name can be: not read", place: place)
        }
        let bound = min(maximumBytes, listedSizes[key] ?? maximumBytes)
        let response = try send("GET", key: key, query: [], body: nil, maximumBytes: bound, place: place)
        guard response.status == 200 else { throw failure(response, place: place, key: key) }
        return try Self.privateFile(holding: response.body, place: place)
    }

    public func place(of item: RemoteItem) -> String {
        switch item {
        case .segment(let segment): "s3://\(bucket.bucket)/\(bucket.key(segment.relativePath))"
        case .wholeFeed(let feed): "s3://\(bucket.bucket)/\(bucket.key("\(feed.hex).bundle"))"
        }
    }

    /// Signs and sends one request.
    private func send(
        _ method: String, key: String?, query: [(name: String, value: String)], body: [UInt8]?, maximumBytes: Int64, place: String
    ) throws(AccordError) -> HTTPTransport.Response {
        var path = pathStyle ? "/\(bucket.bucket)" : ""
        if let key { path += "/" + SignatureV4.encode(key, keepSlash: true) }
        if path.isEmpty { path = "/" }
        var host = pathStyle ? endpoint.host! : "\(bucket.bucket).\(endpoint.host!)"
        if let port = endpoint.port { host += ":\(port)" }
        let queryText = query.map { "\(SignatureV4.encode($0.name, keepSlash: false))=\(SignatureV4.encode($0.value, keepSlash: false))" }
            .joined(separator: "&")
        let urlText = "\(endpoint.scheme!)://\(host)\(path)\(queryText.isEmpty ? "" : "?" + queryText)"
        guard let url = URL(string: urlText) else {
            throw AccordError(.invalidInput, "cannot make a URL of \(urlText)", place: place)
        }
        let timestamp = SignatureV4.timestamp(Date())
        let payloadHash = SignatureV4.payloadHash(body ?? [])
        var headers: [(name: String, value: String)] = [
            ("host", host), ("x-amz-date", timestamp), ("x-amz-content-sha256", payloadHash),
        ]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        if method == "PUT" && guardPuts { headers.append(("if-none-match", "*")) }
        let signer = SignatureV4(accessKey: credentials.accessKey, secretKey: credentials.secretKey, region: region)
        let authorization = signer.authorization(
            .init(method: method, path: path, query: query, headers: headers, payloadHash: payloadHash), timestamp: timestamp)
        var request = URLRequest(url: url)
        request.httpMethod = method
        for header in headers where header.name != "host" { request.setValue(header.value, forHTTPHeaderField: header.name) }
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        if body != nil { request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type") }
        // A server error or a broken connection is tried again twice, after 0.25 s and 1 s, as S3
        // clients do (every request here is idempotent: a put creates a key named by its content).
        var outcome = transport.send(request, body: body, maximumBytes: maximumBytes)
        for pause in [0.25, 1.0] {
            switch outcome {
            case .success(let response) where response.status >= 500:
                break
            case .failure(.transport):
                break
            default:
                return try finish(outcome, place: place, maximumBytes: maximumBytes)
            }
            Thread.sleep(forTimeInterval: pause)
            outcome = transport.send(request, body: body, maximumBytes: maximumBytes)
        }
        return try finish(outcome, place: place, maximumBytes: maximumBytes)
    }

    private func finish(
        _ outcome: Result<HTTPTransport.Response, HTTPTransport.Failure>, place: String, maximumBytes: Int64
    ) throws(AccordError) -> HTTPTransport.Response {
        switch outcome {
        case .success(let response):
            return response
        case .failure(.transport(let reason)):
            let at = place.hasSuffix(endpoint.absoluteString) ? "the endpoint" : endpoint.absoluteString
            throw AccordError(.io, "cannot reach \(at): \(reason)", place: place, cause: RemoteUnavailable(reason))
        case .failure(.tooLarge(let size)):
            throw AccordError(.io, "the answer is larger than expected (\(size) bytes, at most \(maximumBytes)): not read", place: place)
        }
    }

    /// The error for a non-success answer, from its status and S3's error body.
    private func failure(_ response: HTTPTransport.Response, place: String, key: String?) -> AccordError {
        let body = S3ErrorBody.parse(response.body)
        let code = body.code ?? "HTTP \(response.status)"
        let detail = body.message.map { ": \($0)" } ?? ""
        switch (response.status, body.code) {
        case (_, "NoSuchBucket"):
            return AccordError(.io, "the bucket \"\(bucket.bucket)\" does not exist there (NoSuchBucket); create it first", place: place, cause: RemoteUnavailable(code))
        case (_, "NoSuchKey") where key != nil, (404, nil) where key != nil:
            return AccordError(.io, "disappeared between the listing and the download (NoSuchKey); the next sync lists again", place: place)
        case (_, "InvalidAccessKeyId"), (_, "SignatureDoesNotMatch"), (_, "AccessDenied"), (_, "InvalidToken"), (_, "ExpiredToken"), (401, _), (403, _):
            return AccordError(.io, "the endpoint refused the credentials (\(code)\(detail)); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", place: place, cause: RemoteUnavailable(code))
        default:
            let unavailable = response.status >= 500 || response.status == 0
            return AccordError(.io, "\(endpoint.absoluteString) answered \(response.status) (\(code)\(detail))", place: place, cause: unavailable ? RemoteUnavailable(code) : nil)
        }
    }

    /// A file of this process alone holding `bytes`, already unlinked, positioned at its start.
    static func privateFile(holding bytes: [UInt8], place: String) throws(AccordError) -> Int32 {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("accord-segment-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw AccordError(.io, "cannot make a temporary file: \(String(cString: strerror(errno)))", place: place) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                throw AccordError(.io, "cannot write a temporary file: \(reason)", place: place)
            }
            offset += n
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }
}
