import AccordLog
import Foundation

/// Where a command writes a file (`--out`): written beside it and renamed into place, so
/// readers never see half a file.
enum OutputPath {
    /// Refuses an `--out` that is a symbolic link: renaming into place would replace the link
    /// itself with a regular file and leave its target as it was, which is not what anyone
    /// asking to write "to the link" means. The message names the target to give instead.
    ///
    /// - Throws: `.invalidInput` naming the path.
    static func checkWritable(_ path: String) throws(AccordError) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (\($0))" } ?? ""
        throw AccordError(
            .invalidInput,
            "is a symbolic link: accord writes a new file and renames it into place, which would replace the link rather than write through it; give the link's target\(target) as --out",
            place: path)
    }
}
