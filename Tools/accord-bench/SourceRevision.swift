import Foundation

/// Which code was measured. The binary does not know the commit it was built
/// from, so this names the commit checked out when it runs and says whether
/// `Sources/` differs from that commit or changed after the binary was built:
/// others work on the code while it is measured.
enum SourceRevision {
    static func describe() -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let head = git(["-C", root.path, "log", "-1", "--format=%h %s"]) else { return "unknown (no git)" }
        var remarks: [String] = []
        if let status = git(["-C", root.path, "status", "--porcelain", "--", "Sources"]), !status.isEmpty {
            remarks.append("Sources/ differs from it")
        }
        if let built = modified("/proc/self/exe"), changedSince(built, under: root.appendingPathComponent("Sources")) {
            remarks.append("Sources/ changed after this binary was built")
        }
        return "HEAD \(head)" + (remarks.isEmpty ? "" : " (\(remarks.joined(separator: "; ")))")
    }

    private static func modified(_ path: String) -> Date? {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
        return (try? FileManager.default.attributesOfItem(atPath: resolved))?[.modificationDate] as? Date
    }

    private static func changedSince(_ date: Date, under directory: URL) -> Bool {
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.contentModificationDateKey]) else { return false }
        for case let file as URL in files {
            if let changed = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, changed > date {
                return true
            }
        }
        return false
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
