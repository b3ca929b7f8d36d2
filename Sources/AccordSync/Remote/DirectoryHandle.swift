import AccordLog
import Foundation

/// An open directory in a shared place, worked on through its descriptor
/// (`openat`, `linkat`, `fstatat`) so that nothing below it is reached
/// through a symbolic link another party planted.
final class DirectoryHandle {
    /// What kind of entry a name is, without following links; `other` says which ("a FIFO").
    enum Kind: Equatable { case regular, directory, other(String) }

    let fd: Int32
    /// The directory's path, for messages.
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Opens the directory the user named (a link there is the user's choice, and followed).
    static func open(_ path: String) throws(AccordError) -> DirectoryHandle {
        let fd = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "the shared folder does not exist (create it, or mount the share)" : "cannot open the shared folder: \(Self.reason())"
            throw AccordError(.io, reason, place: path)
        }
        return DirectoryHandle(fd: fd, path: path)
    }

    /// The subdirectory `name`, never through a link; created (mode 0755) if `create` and missing.
    ///
    /// - Returns: nil if it does not exist and `create` is false.
    /// - Throws: `.io` if `name` is a link or not a directory, or cannot be made.
    func subdirectory(_ name: String, create: Bool) throws(AccordError) -> DirectoryHandle? {
        let place = child(name)
        var fd = openat(self.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 && errno == ENOENT {
            guard create else { return nil }
            if mkdirat(self.fd, name, 0o755) != 0 && errno != EEXIST {
                throw AccordError(.io, "cannot create the directory: \(Self.reason())", place: place)
            }
            fsync(self.fd)
            fd = openat(self.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            if errno == ELOOP || errno == ENOTDIR {
                throw AccordError(.io, "is a symbolic link or not a directory, so nothing is written there; remove it and sync again", place: place)
            }
            throw AccordError(.io, "cannot open the directory: \(Self.reason())", place: place)
        }
        return DirectoryHandle(fd: fd, path: place)
    }

    /// Every entry's name (without `.` and `..`) and kind, links not followed.
    func entries() throws(AccordError) -> [(name: String, kind: Kind)] {
        let copy = dup(fd)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw AccordError(.io, "cannot list: \(Self.reason())", place: path)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var result: [(String, Kind)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }  // gone since the listing
            switch info.st_mode & S_IFMT {
            case S_IFREG: result.append((name, .regular))
            case S_IFDIR: result.append((name, .directory))
            case S_IFLNK: result.append((name, .other("a symbolic link")))
            default: result.append((name, .other(LineReader.kind(of: info.st_mode))))
            }
        }
        return result
    }

    /// Opens the regular file `name` for reading: never through a link, never blocking on
    /// a FIFO or a device (the kind is checked on the opened descriptor), at most `maximumBytes`.
    func openRegularFile(_ name: String, maximumBytes: Int64) throws(AccordError) -> Int32 {
        let place = child(name)
        let fd = openat(self.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw AccordError(.io, "is a symbolic link, not a file: not read", place: place) }
            throw AccordError(.io, errno == ENOENT ? "disappeared before it could be read" : "cannot read: \(Self.reason())", place: place)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw AccordError(.io, "is not a regular file (a FIFO, device or directory): not read", place: place)
        }
        guard Int64(info.st_size) <= maximumBytes else {
            close(fd)
            throw AccordError(.io, "is \(info.st_size) bytes, more than the \(maximumBytes) a segment of that name can be: not read", place: place)
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }

    /// Writes `bytes` as the new file `name`, atomically and only once.
    ///
    /// The bytes go to a temporary file with a random name, created with
    /// `O_CREAT|O_EXCL|O_NOFOLLOW` (so a planted link or file at that name is
    /// never written through or over), fsynced, then hard-linked to `name` —
    /// which fails if `name` exists — and the temporary name removed; then the
    /// directory is fsynced. On a file system without hard links (FAT, some
    /// network shares) it is renamed instead, after checking that `name` is free.
    ///
    /// - Throws: `.io` naming the file if `name` exists or anything fails; the temporary file is removed.
    func createOnce(_ name: String, bytes: [UInt8]) throws(AccordError) {
        let place = child(name)
        var temporary = ""
        var tfd: Int32 = -1
        for _ in 0..<8 {
            var random = SystemRandomNumberGenerator()
            temporary = ".accord-\(Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })).tmp"
            tfd = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if tfd >= 0 || errno != EEXIST { break }
        }
        guard tfd >= 0 else { throw AccordError(.io, "cannot create a temporary file: \(Self.reason())", place: place) }
        var linked = false
        defer { if !linked { unlinkat(fd, temporary, 0) } }
        do {
            defer { close(tfd) }
            try writeAll(bytes, to: tfd, place: place)
            guard fsync(tfd) == 0 else { throw AccordError(.io, "cannot fsync: \(Self.reason())", place: place) }
        }
        if linkat(fd, temporary, fd, name, 0) == 0 {
            linked = true
            unlinkat(fd, temporary, 0)
        } else if errno == EEXIST {
            throw AccordError(.io, "already exists, and a segment is never written over; if this replica did not write it, remove it and sync again", place: place)
        } else if [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS].contains(errno) {
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) != 0, errno == ENOENT else {
                throw AccordError(.io, "already exists, and a segment is never written over; if this replica did not write it, remove it and sync again", place: place)
            }
            guard renameat(fd, temporary, fd, name) == 0 else {
                throw AccordError(.io, "cannot rename into place: \(Self.reason())", place: place)
            }
            linked = true
        } else {
            throw AccordError(.io, "cannot link into place: \(Self.reason())", place: place)
        }
        guard fsync(fd) == 0 || errno == EINVAL else { throw AccordError(.io, "cannot fsync the directory: \(Self.reason())", place: path) }
    }

    /// The path of `name` in this directory, for messages.
    func child(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
