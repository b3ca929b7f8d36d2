import Foundation

/// The replica's private key on disk: 64 hex digits and a newline, mode 0600,
/// created exclusively so an existing key is never overwritten.
enum KeyFile {
    static func write(_ key: ReplicaKey, to path: String) throws(AccordError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw AccordError(.io, "cannot create the key file: \(String(cString: strerror(errno)))", place: path)
        }
        defer { close(fd) }
        // The mode given to open() is reduced by the umask; make sure it is exactly 0600.
        fchmod(fd, 0o600)
        let text = Array((Hex.encode(key.rawRepresentation) + "\n").utf8)
        let written = text.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(fd) == 0 else {
            throw AccordError(.io, "cannot write the key file: \(String(cString: strerror(errno)))", place: path)
        }
    }

    static func read(from path: String) throws(AccordError) -> ReplicaKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AccordError(.corruptStore, "the replica's key file is missing or unreadable", place: path)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Hex.decode(text), raw.count == 32 else {
            throw AccordError(.corruptStore, "the replica's key file does not hold a 32-byte key in hex", place: path)
        }
        return try ReplicaKey(rawRepresentation: raw)
    }
}
