import AccordLog
import AccordSync
import AccordTreaty
import Foundation

extension BenchRun {
    /// Issue 14: a sync through a folder of segments costs the delta, not the log.
    /// The source's whole feed (N events and the big-store phase's claims) is synced
    /// into an empty folder and read by a fresh replica; then the source records 10
    /// claims more and both sync again. The second pair's files and bytes against the
    /// first's are the issue's measure (at most a few files, under 1 % of the bytes);
    /// its time, compared across N, the other (within 2× of the same at 10^3).
    func segmentSyncPhases() throws {
        progress("segment sync: the feed through a folder, then 10 claims more")
        let folder = FolderRemote(path: path("shared"))
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let reader = try createReplica("segment-reader")
        _ = try Trust.add(source.store.feed.hex, name: "source", store: reader.store)
        let source = self.source!
        func syncPair() throws -> Measured<(written: SyncReport, read: SyncReport)> {
            try measurePhase("segment sync") {
                let written = try SegmentSync.sync(store: source.store, domain: source.domain, remote: folder)
                let read = try SegmentSync.sync(store: reader.store, domain: reader.domain, remote: folder)
                guard written.refused.isEmpty, read.refused.isEmpty else {
                    throw BenchError("segment sync refused: \((written.refused + read.refused).map(\.error.description).joined(separator: "; "))")
                }
                return (written, read)
            }
        }
        let first = try syncPair()
        var generator = ClaimGenerator(treatyCount: treatyCount, seed: settings.seed &+ 2, data: data, registerTreaties: false)
        let decoder = ClaimDecoder()
        try source.append((0..<10).map { _ in try decoder.decode(json: generator.next()) })
        let second = try syncPair()
        guard second.value.read.newEvents == 10 else { throw BenchError("the second sync brought \(second.value.read.newEvents) events, expected 10") }
        func describe(_ pair: (written: SyncReport, read: SyncReport)) -> String {
            "wrote \(pair.written.written.count) segment(s), \(Report.bytes(Int(pair.written.bytesWritten))); read \(pair.read.read.count), \(Report.bytes(Int(pair.read.bytesRead)))"
        }
        let firstBytes = Double(first.value.written.bytesWritten + first.value.read.bytesRead)
        let secondBytes = Double(second.value.written.bytesWritten + second.value.read.bytesRead)
        record(PhaseResult(
            name: "segment sync, whole feed", events: Int(first.value.written.eventsWritten), seconds: first.seconds, memory: first.memory,
            note: "write then read through a folder: \(describe(first.value))"))
        record(PhaseResult(
            name: "segment sync, +10 claims", events: 10, seconds: second.seconds, memory: second.memory,
            note: "\(describe(second.value)): \(String(format: "%.3f", 100 * secondBytes / max(firstBytes, 1))) % of the first sync's bytes"))
    }
}
