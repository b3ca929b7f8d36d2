import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One page of a ListObjectsV2 answer, read with Foundation's `XMLParser`:
/// the keys and sizes, and where the next page starts.
struct ListBucketResult {
    struct Object {
        var key: String
        var size: Int64
    }

    var objects: [Object] = []
    var isTruncated = false
    var nextContinuationToken: String?

    /// Parses the XML body; nil if it is not a ListBucketResult.
    static func parse(_ bytes: [UInt8]) -> ListBucketResult? {
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        guard parser.parse(), reader.sawRoot else { return nil }
        return reader.result
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var result = ListBucketResult()
        var sawRoot = false
        private var path: [String] = []
        private var text = ""
        private var key = ""
        private var size: Int64 = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if path.isEmpty && name == "ListBucketResult" { sawRoot = true }
            path.append(name)
            text = ""
            if path == ["ListBucketResult", "Contents"] {
                key = ""
                size = 0
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch path {
            case ["ListBucketResult", "Contents", "Key"]: key = text
            case ["ListBucketResult", "Contents", "Size"]: size = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            case ["ListBucketResult", "Contents"]: result.objects.append(Object(key: key, size: size))
            case ["ListBucketResult", "IsTruncated"]: result.isTruncated = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
            case ["ListBucketResult", "NextContinuationToken"]: result.nextContinuationToken = text
            default: break
            }
            path.removeLast()
            text = ""
        }
    }
}
