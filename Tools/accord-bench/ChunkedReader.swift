import Foundation

/// Reads a file front to back in 1 MiB chunks, as lines or as fixed-size
/// pieces, so inputs of millions of claims or records take constant memory.
final class ChunkedReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let chunk = 1 << 20
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError("cannot read \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(chunk * 2)
    }

    deinit { close(fd) }

    /// The next line without its newline; nil at the end of the file.
    func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0a) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            try fill()
        }
    }

    /// The next `count` bytes; nil at the end of the file.
    func next(_ count: Int) throws -> ArraySlice<UInt8>? {
        while buffer.count - start < count {
            if atEnd { return nil }
            try fill()
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, chunk) }
        guard n >= 0 else { throw BenchError("cannot read \(path): \(String(cString: strerror(errno)))") }
        buffer.removeSubrange((old + n)...)
        if n == 0 { atEnd = true }
    }
}

/// Writes a file through a 1 MiB buffer with write(2); `finish` fsyncs and closes it.
final class BufferedFile {
    private let fd: Int32
    private var buffer: [UInt8] = []
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func append(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func append(byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends raw bytes from C memory (a SQLite column).
    func append(_ pointer: UnsafeRawPointer, count: Int) throws {
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, when `sync`, fsyncs: the file is on disk when this returns.
    func finish(sync: Bool) throws {
        try flush()
        if sync, fsync(fd) != 0 { throw BenchError("cannot fsync \(path): \(String(cString: strerror(errno)))") }
    }
}
