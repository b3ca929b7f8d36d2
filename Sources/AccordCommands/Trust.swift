import AccordLog
import AccordSync
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord trust`: the feeds this replica accepts.
    struct TrustCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust",
            abstract: "Choose whose feeds this replica accepts.",
            discussion: """
                Bundles carrying a feed you do not trust are refused whole. Get a peer's feed id from them (`accord id` on their replica).

                Examples:
                  accord trust add 3fa1…c2d4 --name ben
                  accord trust list
                """,
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Trust a peer's feed under a name.",
                discussion: "Example:\n  accord trust add $(accord id --store ../ben --json | jq -r .feed) --name ben")
            @OptionGroup var options: StoreOptions
            @Argument(help: "The peer's feed id: 64 hex digits, from `accord id` on their replica.") var feedID: String
            @Option(help: "The name to show for this peer (in disputes, and for `sync export --for`).") var name: String

            func run() throws {
                try runReporting {
                    let replica = try options.open()
                    let entry = try Trust.add(feedID, name: name, store: replica.store)
                    Terminal.line("trusted \(entry.name): \(entry.feed.hex)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List trusted feeds.", discussion: "Example:\n  accord trust list --json")
            @OptionGroup var options: StoreOptions
            @Flag(help: "Print JSON.") var json = false

            func run() throws {
                try runReporting {
                    let replica = try options.open()
                    let entries = try Trust.list(store: replica.store)
                    if json {
                        var w = JSONWriter()
                        w.beginObject()
                        w.key("trusted")
                        w.beginArray()
                        for e in entries {
                            w.beginObject()
                            w.key("name"); w.string(e.name)
                            w.key("feed"); w.string(e.feed.hex)
                            w.key("held"); w.integer(e.held)
                            w.endObject()
                        }
                        w.endArray()
                        w.endObject()
                        Terminal.line(w.string)
                    } else if entries.isEmpty {
                        Terminal.line("no trusted peers yet: `accord trust add FEED_ID --name NAME`")
                    } else {
                        for e in entries { Terminal.line("\(e.name.padding(toLength: 12, withPad: " ", startingAt: 0))  \(e.feed.hex)  \(e.held) events held") }
                    }
                }
            }
        }
    }
}
