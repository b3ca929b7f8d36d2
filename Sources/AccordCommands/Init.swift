import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord init`: creates a replica.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a replica: the store, its key and its feed id.",
            discussion: """
                Creates DIR (default: $ACCORD_STORE, else ./.accord) holding store.sqlite and replica.key (an Ed25519 key, readable by you only), and prints the feed id: the public key, which peers trust with `accord trust add`. Never overwrites a replica.

                Example:
                  accord init --store ~/accord/ana --name ana
                """)

        @OptionGroup var options: StoreOptions

        @Option(help: "The name peers and disputes show for this replica (default: your login name).")
        var name: String?

        func run() throws {
            try runReporting {
                Diagnostics.bootstrap(verbose: options.verbose)
                let name = self.name ?? ProcessInfo.processInfo.environment["USER"] ?? "replica"
                guard !name.isEmpty, !name.contains(where: \.isNewline) else { throw UsageError("--name must be a non-empty single line") }
                let replica = try TreatyReplica.create(at: options.directory, name: name)
                Terminal.line(replica.store.feed.hex)
                Terminal.diagnostic("created replica \"\(name)\" in \(options.directory)")
            }
        }
    }

    /// `accord id`: this replica's feed id and name.
    struct Id: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print this replica's feed id and name.",
            discussion: """
                The feed id is the replica's public key: give it to peers, who trust it with `accord trust add FEED_ID --name NAME`.

                Example:
                  accord id --json     # {"feed":"3fa1…","name":"ana"}
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "Print {\"feed\":…,\"name\":…}.") var json = false

        func run() throws {
            try runReporting {
                let replica = try options.open()
                if json {
                    var w = JSONWriter()
                    w.beginObject()
                    w.key("feed"); w.string(replica.store.feed.hex)
                    w.key("name"); w.string(replica.store.name)
                    w.endObject()
                    Terminal.line(w.string)
                } else {
                    Terminal.line("\(replica.store.feed.hex)  \(replica.store.name)")
                }
            }
        }
    }
}
