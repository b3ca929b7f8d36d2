import AccordLog
import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests, written by hand.
///
/// Why by hand: a full S3 client for Swift (Soto, the AWS SDK) brings its own
/// HTTP and TLS stack (swift-nio, swift-nio-ssl with a second BoringSSL) and
/// several hundred MB of dependencies to build, for the four requests Accord
/// makes (list, get, put, and the same with a guard). The signature itself is
/// a canonical form and four HMAC-SHA256s, which swift-crypto already gives
/// us; the transport is Foundation's URLSession (FoundationNetworking over the
/// system's libcurl on Linux). It is checked against the requests and
/// signatures of AWS's published SigV4 test suite (`SignatureV4Tests`).
///
/// See <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html>.
public struct SignatureV4: Sendable {
    /// What a request to sign says: the parts of it that the signature covers.
    public struct Request: Sendable {
        public var method: String
        /// The canonical URI: the path, each segment already URI-encoded once (S3 does not normalise paths).
        public var path: String
        /// Query parameters, neither encoded (the signer encodes them) nor sorted.
        public var query: [(name: String, value: String)]
        /// The headers to sign, any case and order; a name given twice has its values joined with commas.
        public var headers: [(name: String, value: String)]
        /// The SHA-256 of the body as lowercase hex (S3 also wants it in `x-amz-content-sha256`).
        public var payloadHash: String

        public init(method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    public var accessKey: String
    public var secretKey: String
    public var region: String
    public var service: String

    public init(accessKey: String, secretKey: String, region: String, service: String = "s3") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
        self.service = service
    }

    /// The `Authorization` header's value for `request` signed at `timestamp` (`yyyyMMdd'T'HHmmss'Z'`, UTC),
    /// which must also be sent as `x-amz-date` (and be among the signed headers).
    public func authorization(_ request: Request, timestamp: String) -> String {
        let signed = signedHeaders(request)
        let signature = Hex.encode(hmac(signingKey(day: String(timestamp.prefix(8))), Array(stringToSign(request, timestamp: timestamp).utf8)))
        return "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope(timestamp)), SignedHeaders=\(signed), Signature=\(signature)"
    }

    /// The canonical request: method, URI, query, headers, signed header names and payload hash, one per line.
    public func canonicalRequest(_ request: Request) -> String {
        var pairs: [(name: String, value: String)] = []
        for item in request.query {
            pairs.append((Self.encode(item.name, keepSlash: false), Self.encode(item.value, keepSlash: false)))
        }
        pairs.sort { (a: (name: String, value: String), b: (name: String, value: String)) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        let query: String = pairs.map { (pair: (name: String, value: String)) -> String in pair.name + "=" + pair.value }.joined(separator: "&")
        var headerLines = ""
        for header in canonicalHeaders(request) { headerLines += header.name + ":" + header.value + "\n" }
        let parts: [String] = [request.method, request.path, query, headerLines, signedHeaders(request), request.payloadHash]
        return parts.joined(separator: "\n")
    }

    /// The string to sign: the algorithm, the time, the scope and the hash of the canonical request.
    public func stringToSign(_ request: Request, timestamp: String) -> String {
        let hash = Hex.encode(Array(SHA256.hash(data: Array(canonicalRequest(request).utf8))))
        return "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope(timestamp))\n\(hash)"
    }

    /// `yyyyMMdd'T'HHmmss'Z'` for `date`, in UTC.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    /// URI-encodes `text` as SigV4 wants: every byte but `A–Z a–z 0–9 - . _ ~` as `%XY`
    /// (uppercase hex), and `/` too unless `keepSlash` (for an object key in a path).
    public static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0f)]))
            }
        }
        return out
    }

    /// The SHA-256 of `bytes` as lowercase hex.
    public static func payloadHash(_ bytes: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return Hex.encode(Array(hasher.finalize()))
    }

    private func scope(_ timestamp: String) -> String { "\(timestamp.prefix(8))/\(region)/\(service)/aws4_request" }

    private func canonicalHeaders(_ request: Request) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for header in request.headers {
            // Trim, and fold runs of spaces into one (the suite's get-header-value-trim).
            let value = header.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
            merged[header.name.lowercased(), default: []].append(value)
        }
        return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }

    private func signedHeaders(_ request: Request) -> String {
        Set(request.headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    private func signingKey(day: String) -> [UInt8] {
        let date = hmac(Array("AWS4\(secretKey)".utf8), Array(day.utf8))
        let region = hmac(date, Array(region.utf8))
        let service = hmac(region, Array(service.utf8))
        return hmac(service, Array("aws4_request".utf8))
    }

    private func hmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
