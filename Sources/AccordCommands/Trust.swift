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
                Bundles carrying a feed you do not trust are refused whole. Get a peer's feed id from them (`accord id` on their replica): all 64 hex digits, since this replica cannot know a key it has never seen from a prefix.

                Examples:
                  accord trust add FEED_ID --name ben
                  accord trust list
                  accord trust remove ben
                """,
            subcommands: [Add.self, List.self, Remove.self])

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Stop trusting a peer's feed.",
                discussion: """
                    The events of that feed already held stay (they are signed history, and other claims may rest on them); bundles that carry that feed are refused from now on, naming the `accord trust add` command that would accept them again.

                    Example:
                      accord trust remove ben
                    """)
            @OptionGroup var options: StoreOptions
            @Argument(help: "The name the peer is trusted under (see `accord trust list`).") var name: String

            func run() throws {
                try runReporting {
                    let replica = try options.open()
                    let entry = try Trust.remove(named: name, store: replica.store)
                    Terminal.line("no longer trusted: \(TerminalText.escaped(entry.name)) (\(entry.feed.hex)); its \(entry.held) events held stay")
                }
            }
        }

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
