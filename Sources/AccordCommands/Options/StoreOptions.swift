import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

/// `--store DIR`, shared by every command: the replica directory, else
/// `$ACCORD_STORE`, else `./.accord`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica directory (default: $ACCORD_STORE, else ./.accord).", valueName: "dir"))
    var store: String?

    @Flag(name: .long, help: "Log what accord does to stderr.")
    var verbose = false

    /// The directory this command works on.
    var directory: String {
        if let store { return store }
        if let env = ProcessInfo.processInfo.environment["ACCORD_STORE"], !env.isEmpty { return env }
        return ".accord"
    }

    /// Opens the replica, or fails naming `accord init`.
    func open() throws(AccordError) -> TreatyReplica {
        Diagnostics.bootstrap(verbose: verbose)
        Diagnostics.logger.debug("opening replica at \(directory)")
        let replica: TreatyReplica
        do { replica = try TreatyReplica.open(at: directory) } catch where error.code == .noReplica {
            // Say where the directory came from and both ways to name another, before `init`.
            let fromEnvironment = !(ProcessInfo.processInfo.environment["ACCORD_STORE"] ?? "").isEmpty
            let origin = store != nil ? "given by --store" : fromEnvironment ? "given by $ACCORD_STORE" : "the default, ./.accord"
            throw AccordError(
                .noReplica,
                "no replica here (\(error.message.contains("does not exist") ? "no such directory" : "no store in it"), \(origin)): name your replica with --store DIR or $ACCORD_STORE, or create one with `accord init --store \(directory)`",
                place: directory)
        }
        Diagnostics.logger.debug("replica \(replica.store.name), feed \(replica.store.feed.hex), busy timeout \(replica.store.busyTimeout) s")
        return replica
    }
}
