import AccordLog

/// `s3://BUCKET/PREFIX`: the bucket and the key prefix under which the segments live.
///
/// The prefix is kept without leading or trailing `/`; segments are stored as
/// `PREFIX/<feed hex>/<first>-<last>.bundle` (or without `PREFIX/` when it is empty).
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    public var prefix: String

    /// Reads `s3://bucket/prefix`.
    ///
    /// - Throws: `.invalidInput` saying what is wrong with the URL.
    public init(_ text: String) throws(AccordError) {
        guard text.hasPrefix("s3://") else {
            throw AccordError(.invalidInput, "\"\(text)\" is not an s3:// URL (write s3://BUCKET/PREFIX)")
        }
        let rest = text.dropFirst("s3://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        let prefix = rest.dropFirst(bucket.count).split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        let allowed = bucket.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d || $0 == 0x2e }
        guard (3...63).contains(bucket.count), allowed, bucket.first != "-", bucket.first != "." else {
            throw AccordError(.invalidInput, "\"\(bucket)\" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)", place: text)
        }
        guard !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw AccordError(.invalidInput, "the prefix may not contain \".\" or \"..\" as a part", place: text)
        }
        self.bucket = bucket
        self.prefix = prefix
    }

    /// The key of `relativePath` under the prefix.
    public func key(_ relativePath: String) -> String { prefix.isEmpty ? relativePath : "\(prefix)/\(relativePath)" }

    /// What a listing asks for: everything under the prefix.
    var listPrefix: String { prefix.isEmpty ? "" : "\(prefix)/" }

    public var description: String { prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)" }
}
