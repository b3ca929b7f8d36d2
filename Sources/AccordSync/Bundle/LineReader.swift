import AccordLog
import Foundation

/// Reads a file line by line in fixed-size chunks, so a bundle of millions
/// of events (or a claims file of millions of lines) is read in constant memory.
public final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let chunk = 1 << 20
    /// Where each read lands before it joins the buffer (allocated once).
    private lazy var scratch = [UInt8](repeating: 0, count: chunk)
    public let path: String
    private let ownsDescriptor: Bool

    /// Reads from an open descriptor (stdin: 0), named `name` in errors; the caller keeps it open.
    public init(fileDescriptor: Int32, name: String) {
        path = name
        fd = fileDescriptor
        ownsDescriptor = false
        buffer.reserveCapacity(chunk * 2)
    }

    public init(path: String) throws(AccordError) {
        ownsDescriptor = true
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw AccordError(.io, errno == ENOENT ? "no such file" : "cannot read: \(String(cString: strerror(errno)))", place: path)
        }
        buffer.reserveCapacity(chunk * 2)
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its `\n`, and whether it ended with one; nil at the end of the file.
    public func next() throws(AccordError) -> (line: ArraySlice<UInt8>, terminated: Bool)? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0a) {
                let line = buffer[start..<newline]
                start = newline + 1
                return (line, true)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return (line, false)
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let n = scratch.withUnsafeMutableBytes { read(fd, $0.baseAddress!, chunk) }
            guard n >= 0 else {
                if errno == EINTR { continue }
                throw AccordError(.io, "cannot read: \(String(cString: strerror(errno)))", place: path)
            }
            buffer.append(contentsOf: scratch[..<n])
            if n == 0 { atEnd = true }
        }
    }
}
