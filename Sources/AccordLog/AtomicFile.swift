import Foundation

/// Writes a file so readers see the old content or the new, never a part:
/// write a temporary file beside it, fsync, rename over, fsync the directory.
public enum AtomicFile {
    /// - Throws: ``AccordError`` `.io` naming the path.
    public static func write(_ bytes: [UInt8], to path: String) throws(AccordError) {
        let writer = try Writer(finalPath: path)
        try writer.append(bytes)
        try writer.commit()
    }

    /// A file being written beside its final path (as `.NAME.tmp-<random>`), renamed into place by ``commit()``.
    public final class Writer {
        public let finalPath: String
        public let temporaryPath: String
        private let fd: Int32
        private var buffer: [UInt8] = []
        private var done = false

        public init(finalPath: String) throws(AccordError) {
            self.finalPath = finalPath
            let directory = (finalPath as NSString).deletingLastPathComponent
            let name = (finalPath as NSString).lastPathComponent
            // A random name, created exclusively and never through a link: the directory may be
            // shared, and a name another party can predict could be planted as a link to any file.
            var path = ""
            var fd: Int32 = -1
            for _ in 0..<8 {
                var random = SystemRandomNumberGenerator()
                let tag = Hex.encode((0..<12).map { _ in UInt8.random(in: 0...255, using: &random) })
                path = ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(".\(name).tmp-\(tag)")
                fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                if fd >= 0 || errno != EEXIST { break }
            }
            temporaryPath = path
            self.fd = fd
            guard fd >= 0 else { throw AccordError(.io, "cannot create \(temporaryPath): \(String(cString: strerror(errno)))", place: finalPath) }
            buffer.reserveCapacity(1 << 20)
        }

        deinit {
            if !done {
                close(fd)
                unlink(temporaryPath)
            }
        }

        public func append(_ bytes: some Collection<UInt8>) throws(AccordError) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { try flush() }
        }

        private func flush() throws(AccordError) {
            try writeAll(buffer, to: fd, place: finalPath)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Flushes, fsyncs and renames into place.
        public func commit() throws(AccordError) {
            try flush()
            guard fsync(fd) == 0 else { throw AccordError(.io, "cannot fsync: \(String(cString: strerror(errno)))", place: finalPath) }
            close(fd)
            done = true
            guard rename(temporaryPath, finalPath) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw AccordError(.io, "cannot rename into place: \(reason)", place: finalPath)
            }
            let directory = (finalPath as NSString).deletingLastPathComponent
            let dfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)
            if dfd >= 0 {
                fsync(dfd)
                close(dfd)
            }
        }
    }
}
