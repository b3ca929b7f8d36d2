import Foundation

/// A fresh, uniquely named directory under the system's temporary directory,
/// removed with everything in it when the value is released.
///
/// One per test keeps tests independent, so they can run in parallel.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory.
    ///
    /// - Parameter prefix: the start of the directory's name, to recognise leftovers.
    /// - Throws: when the directory cannot be created.
    public init(prefix: String = "accord-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        let path = (base as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside this directory (nothing is created).
    public func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` to the file `name` inside this directory and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// Runs `body` with a new temporary directory, removed when `body` returns or throws.
public func withTemporaryDirectory<T>(
    prefix: String = "accord-test", _ body: (TemporaryDirectory) async throws -> T
) async throws -> T {
    let directory = try TemporaryDirectory(prefix: prefix)
    defer { try? FileManager.default.removeItem(atPath: directory.path) }
    return try await body(directory)
}
