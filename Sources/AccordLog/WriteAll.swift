import Foundation

/// Writes every byte of `bytes` to `fd`, retrying short writes and EINTR: the one write loop
/// the atomic file writer and the shared-folder segment writer both use.
///
/// - Throws: `.io` with the system's reason, at `place`.
public func writeAll(_ bytes: some ContiguousBytes, to fd: Int32, place: String) throws(AccordError) {
    let failure: Int32? = bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
    if let failure { throw AccordError(.io, "cannot write: \(String(cString: strerror(failure)))", place: place) }
}
