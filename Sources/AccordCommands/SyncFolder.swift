import AccordSync
import ArgumentParser

extension AccordCommand.SyncCommand {
    /// `accord sync folder DIR`: segments through a shared folder.
    struct Folder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync through a shared folder: write this replica's new events, import the others'.",
            discussion: """
                DIR holds a directory per feed (named by its feed id) of immutable segment files, \
                <first seq>-<last seq>.bundle, each a signed bundle of consecutive events. A sync writes \
                only this replica's events above its last segment (nothing when nothing is new) and reads \
                only the segments of other feeds above what it holds. Each segment is imported on its own, \
                all or nothing: a refused one is reported and the others still imported (exit status 1 if \
                any was refused). Files sync tools leave behind are ignored; a link, FIFO or device named \
                like a segment is reported and never opened. A folder in the \
                older layout (<feed id>.bundle at the top) is still read.

                Examples:
                  accord sync folder ~/Sync/accord
                  accord sync folder /media/usb/accord --json
                """)
        @OptionGroup var options: StoreOptions
        @Argument(help: "The shared folder.") var directory: String
        @Flag(help: "Print what was written and read as one JSON object.") var json = false

        func run() throws {
            try runReporting {
                try runSegmentSync(options: options, remote: FolderRemote(path: directory), json: json)
            }
        }
    }
}
