import Foundation

/// The commit of the code measured, and whether `Sources/` had uncommitted
/// changes when the benchmark ran: others work on the code while it is measured.
enum SourceRevision {
    static func describe() -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        guard let head = git(["-C", root, "log", "-1", "--format=%h %s"]) else { return "unknown (no git)" }
        let dirty = git(["-C", root, "status", "--porcelain", "--", "Sources"]).map { !$0.isEmpty } ?? false
        return head + (dirty ? " (Sources/ has uncommitted changes)" : "")
    }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
