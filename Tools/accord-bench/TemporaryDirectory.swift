import Foundation

/// A new, uniquely named directory for one run's stores and files.
enum TemporaryDirectory {
    static func make(prefix: String, in parent: String) throws -> String {
        let template = (parent as NSString).appendingPathComponent("\(prefix)-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard mkdtemp(&bytes) != nil else {
            throw BenchError("cannot create a directory under \(parent): \(String(cString: strerror(errno)))")
        }
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
