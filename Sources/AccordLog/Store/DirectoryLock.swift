import Foundation

/// An exclusive `flock` on a directory, held by this process until released:
/// how two processes creating a replica in one directory take turns.
///
/// The lock is on the directory itself, not on a file in it (SQLite's POSIX locks
/// on the store would be dropped by any `close()` of the store file), and leaves
/// nothing behind. Released by the kernel if the process dies.
final class DirectoryLock {
    private var fd: Int32

    /// Waits for, then takes, the lock of `directory`.
    ///
    /// - Throws: `.io` naming the directory when it cannot be opened or locked.
    init(_ directory: String) throws(AccordError) {
        fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw AccordError(.io, "cannot open the replica directory: \(String(cString: strerror(errno)))", place: directory)
        }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AccordError(.io, "cannot lock the replica directory: \(reason)", place: directory)
        }
    }

    /// Releases the lock (also done when the value is released).
    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
