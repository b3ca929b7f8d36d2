import AccordLog
import Foundation

/// Sync through a shared folder (USB stick, network share, Syncthing): each
/// replica writes its own feed to `<feed id>.bundle`, replaced atomically, and
/// imports every other feed file. One writer per file, so file-sync tools
/// never see two writers.
public enum FolderExchange {
    /// The outcome of one `sync folder` run.
    public struct Outcome: Sendable {
        public var written: BundleWriter.Summary
        public var imported: [ImportReport]
        /// Files refused, with why; the others were still imported.
        public var refused: [(file: String, error: AccordError)]
    }

    /// The file name of a feed in the shared folder.
    public static func fileName(for feed: FeedID) -> String { "\(feed.hex).bundle" }

    /// Writes this replica's feed into `directory` and imports every other feed file there.
    ///
    /// Temporary and partial files (anything not named `<64 hex>.bundle`) are ignored.
    public static func sync<Domain: EventDomain>(
        store: ReplicaStore, domain: Domain, directory: String, progress: (String, Int64) -> Void = { _, _ in }
    ) throws(AccordError) -> Outcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AccordError(.io, "the shared folder does not exist (create it, or mount the share)", place: directory)
        }
        let own = fileName(for: store.feed)
        var imported: [ImportReport] = []
        var refused: [(String, AccordError)] = []
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw AccordError(.io, "cannot list the shared folder: \(error.localizedDescription)", place: directory)
        }
        // Import first, so the file written afterwards carries nothing stale about this replica's view.
        for name in names.sorted() where name != own && isFeedFile(name) {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                imported.append(try BundleImporter.importBundle(at: path, into: store, domain: domain) { progress(name, $0) })
            } catch {
                refused.append((name, error))
            }
        }
        let written = try BundleWriter.write(
            store: store, to: (directory as NSString).appendingPathComponent(own), feeds: [store.feed]) { progress(own, $0) }
        return Outcome(written: written, imported: imported, refused: refused)
    }

    static func isFeedFile(_ name: String) -> Bool {
        guard name.hasSuffix(".bundle") else { return false }
        return FeedID(hex: name.dropLast(".bundle".count)) != nil
    }
}
