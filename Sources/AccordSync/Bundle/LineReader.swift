import AccordLog
import Foundation

/// Reads a file line by line in fixed-size chunks, so a bundle of millions of
/// events (or a claims file of millions of lines) is read in constant memory —
/// and a hostile bundle cannot hang or exhaust the reader.
///
/// Opened as a bundle (``init(bundleAt:followSymlinks:)``):
/// - Only a regular file is read: the opened descriptor is checked with `fstat`,
///   so a FIFO, a device (`/dev/zero`), a socket or a directory is refused before
///   a byte is read. It is opened with `O_NONBLOCK`, so opening a FIFO that no one
///   writes does not block either.
/// - Unless the caller follows links (a path a person typed), the last component
///   is opened with `O_NOFOLLOW`: a link planted in a shared folder is refused.
/// - Every line is bounded by the caller (``next(maximumLength:what:)``), so a file
///   without newlines grows the buffer by at most that much.
///
/// Lines are scanned once, whatever their length (linear in the file).
public final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes (bytes before it, from `start`, hold none).
    private var scanned = 0
    private var atEnd = false
    private let chunk = 1 << 20
    /// Where each read lands before it joins the buffer (allocated once).
    private lazy var scratch = [UInt8](repeating: 0, count: chunk)
    public let path: String
    private let ownsDescriptor: Bool
    /// Whether this is a bundle (opened by ``init(bundleAt:followSymlinks:)``), for the words of errors.
    private let isBundle: Bool
    /// The number of the line `next` returned last (1-based).
    public private(set) var lineNumber = 0

    /// Reads from an open descriptor (stdin: 0), named `name` in errors; the caller keeps it open.
    public init(fileDescriptor: Int32, name: String) {
        path = name
        fd = fileDescriptor
        ownsDescriptor = false
        isBundle = false
        buffer.reserveCapacity(chunk * 2)
    }

    /// Opens a file a person named (a claims file; `<(…)` gives a pipe, which is read too).
    ///
    /// - Throws: `.io` when it cannot be opened.
    public init(path: String) throws(AccordError) {
        ownsDescriptor = true
        isBundle = false
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw AccordError(.io, errno == ENOENT ? "no such file" : "cannot read: \(String(cString: strerror(errno)))", place: path)
        }
        buffer.reserveCapacity(chunk * 2)
    }

    /// Opens a bundle: only a regular file, never waiting on a FIFO.
    ///
    /// - Parameter followSymlinks: whether a symbolic link as the last component is followed
    ///   (for a path given on the command line) or refused (for a name found in a shared folder).
    /// - Throws: `.io` when the file cannot be opened; `.invalidBundle` when it is not a regular file.
    public init(bundleAt path: String, followSymlinks: Bool) throws(AccordError) {
        ownsDescriptor = true
        isBundle = true
        self.path = path
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW)
        var fd: Int32
        repeat { fd = open(path, flags) } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            let reason: String
            switch errno {
            case ENOENT: reason = "no such file"
            case ELOOP where !followSymlinks:
                reason = "is a symbolic link, which accord does not follow here (it may point anywhere): not read"
            default: reason = "cannot read: \(String(cString: strerror(errno)))"
            }
            throw AccordError(.io, reason, place: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AccordError(.io, "cannot read: \(reason)", place: path)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw AccordError(.invalidBundle, "is \(Self.kind(of: info.st_mode)), not a regular file: not an accord bundle (not read)", place: path)
        }
        self.fd = fd
        buffer.reserveCapacity(chunk * 2)
    }

    /// Reads a bundle from `descriptor` — a regular file the caller opened and checked —
    /// which the reader now owns and closes; `path` names it in messages.
    init(descriptor: Int32, path: String) {
        self.path = path
        fd = descriptor
        ownsDescriptor = true
        isBundle = true
        buffer.reserveCapacity(chunk * 2)
    }

    deinit { if ownsDescriptor { close(fd) } }

    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// The next line without its `\n`, and whether it ended with one; nil at the end of the file.
    public func next() throws(AccordError) -> (line: ArraySlice<UInt8>, terminated: Bool)? {
        try next(maximumLength: Int.max, what: "a line")
    }

    /// The next line without its `\n`, and whether it ended with one; nil at the end of the file.
    ///
    /// - Parameters:
    ///   - maximumLength: the longest line accepted, without its newline.
    ///   - what: what the line holds, for the error (`"the header"`, `"an event line"`).
    /// - Throws: `.invalidBundle` at `path:line` when the line is longer, having read at
    ///   most `maximumLength` plus one chunk of it.
    public func next(maximumLength: Int, what: String) throws(AccordError) -> (line: ArraySlice<UInt8>, terminated: Bool)? {
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: 0x0a) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = 0
                return try deliver(line, terminated: true, maximumLength: maximumLength, what: what)
            }
            scanned = buffer.count - start
            if scanned > maximumLength {
                lineNumber += 1
                throw tooLong(maximumLength: maximumLength, what: what)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = 0
                return try deliver(line, terminated: false, maximumLength: maximumLength, what: what)
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

    private func deliver(
        _ line: ArraySlice<UInt8>, terminated: Bool, maximumLength: Int, what: String
    ) throws(AccordError) -> (line: ArraySlice<UInt8>, terminated: Bool) {
        lineNumber += 1
        guard line.count <= maximumLength else { throw tooLong(maximumLength: maximumLength, what: what) }
        return (line, terminated)
    }

    private func tooLong(maximumLength: Int, what: String) -> AccordError {
        let message = "\(what) is longer than \(maximumLength) bytes, the most accord accepts"
        return isBundle
            ? AccordError(.invalidBundle, message + ": the bundle is damaged or not from accord", place: "\(path):\(lineNumber)")
            : AccordError(.invalidInput, message, place: "\(path):\(lineNumber)")
    }
}
