import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The `<Error><Code>…</Code><Message>…</Message></Error>` body S3 sends with a failure.
struct S3ErrorBody {
    var code: String?
    var message: String?

    static func parse(_ bytes: [UInt8]) -> S3ErrorBody {
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        _ = parser.parse()
        return S3ErrorBody(code: reader.code, message: reader.message)
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var code: String?
        var message: String?
        private var path: [String] = []
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            path.append(name)
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if path == ["Error", "Code"] { code = text }
            if path == ["Error", "Message"] { message = text }
            path.removeLast()
            text = ""
        }
    }
}
