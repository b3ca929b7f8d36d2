import Foundation

/// The root of the Accord package (the folder holding `Package.swift`), found
/// by walking up from this source file, so tests find fixtures and the built
/// binary wherever the clone lives.
public enum PackageRoot {
    /// The package root's absolute path.
    public static let path: String = locate(from: #filePath)

    /// `relative` inside the package root.
    public static func path(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    static func locate(from file: String) -> String {
        var directory = (file as NSString).deletingLastPathComponent
        while directory != "/" && !directory.isEmpty {
            if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("Package.swift")) {
                return directory
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
        // Sources/AccordTestSupport/PackageRoot.swift: two levels below the root.
        return (((file as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent as NSString)
            .deletingLastPathComponent
    }
}
