import ArgumentParser

/// `accord`: the root command, with subcommands grouped the way an analyst thinks of them.
public struct AccordCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Record treaty actions as sourced claims, reconcile them, and sync replicas over files.",
        discussion: """
            Every command works on a replica directory: --store DIR, else $ACCORD_STORE, else ./.accord. Exit status: 0 success, 1 bad input or store (one line on stderr says what and where), 2 usage.

            Start here:
              accord demo                       # the articles' scenario, end to end
              accord init --name ana            # your own replica
              accord append --file claims.jsonl
              accord import status.csv --treaty CCM --source URL   # a UN status table
              accord status --treaty CCM --state LTU --on 2025-03-06
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "Getting started", subcommands: [Demo.self, Init.self, Id.self]),
            CommandGroup(name: "Recording", subcommands: [Append.self, Import.self, Log.self]),
            CommandGroup(name: "Asking", subcommands: [Status.self, Parties.self, Timeline.self]),
            CommandGroup(name: "Reconciling", subcommands: [Disputes.self, Show.self, Resolve.self, Retract.self]),
            CommandGroup(name: "Syncing", subcommands: [TrustCommand.self, SyncCommand.self]),
            CommandGroup(name: "Maintenance", subcommands: [Rebuild.self, Check.self, Export.self]),
        ]
    )

    public init() {}
}
