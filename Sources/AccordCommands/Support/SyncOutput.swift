import AccordLog
import AccordSync
import ArgumentParser
import Foundation

/// Runs a segment sync for `sync folder` and `sync s3://…` and prints what it did:
/// per segment read, what arrived; then what was written and read in all, and the
/// disputes that arrived. Refusals go to stderr, one line each; any makes the exit status 1.
func runSegmentSync(options: StoreOptions, remote: some SegmentRemote, json: Bool) throws {
    let replica = try options.open()
    let before = try disputedFacts(replica)
    let progress = Progress(label: "syncing")
    // ACCORD_SEGMENT_EVENTS: the most events per written segment (default 100,000; tests use small ones).
    let segmentEvents = ProcessInfo.processInfo.environment["ACCORD_SEGMENT_EVENTS"].flatMap { Int64($0) }.map { max(1, $0) } ?? 100_000
    let report = try SegmentSync.sync(store: replica.store, domain: replica.domain, remote: remote, segmentEvents: segmentEvents) { _, n in
        progress.update(n)
    }
    progress.finish()
    let newDisputes = try disputedFacts(replica).subtracting(before).sorted()
    let names = (try? replica.feedNames()) ?? [:]
    if json {
        Terminal.line(SyncOutput.json(report, newDisputes: newDisputes, names: names))
    } else {
        SyncOutput.text(report, newDisputes: newDisputes, names: names)
    }
    for refusal in report.refused { Terminal.diagnostic(TerminalText.escaped("error: \(refusal.error.description)")) }
    if !report.refused.isEmpty { throw ExitCode(1) }
}

/// How a ``SyncReport`` is printed, for a person and as JSON.
enum SyncOutput {
    /// `ben/1-11` for a segment of the feed trusted as ben, `ben (old layout)` for a whole-feed file.
    static func label(_ item: RemoteItem, names: [FeedID: String]) -> String {
        switch item {
        case .segment(let s): "\(names[s.feed] ?? "\(s.feed.short)…")/\(s.first)-\(s.last)"
        case .wholeFeed(let feed): "\(names[feed] ?? "\(feed.short)…") (old layout)"
        }
    }

    static func text(_ report: SyncReport, newDisputes: [String], names: [FeedID: String]) {
        for read in report.read {
            let r = read.report
            let what: String
            if r.newEvents == 0 {
                what = "nothing new (\(plural(r.events, "event")) already held)"
            } else {
                let feeds = r.newByFeed.sorted { $0.key < $1.key }.map { "\($0.value) from \(names[$0.key] ?? "\($0.key.short)…")" }
                what = "\(plural(Int64(r.newEvents), "new event")) (\(feeds.joined(separator: ", ")))"
            }
            Terminal.line("read \(label(read.item, names: names)): \(what), \(plural(read.bytes, "byte"))")
            for (type, count) in r.unknownTypes.sorted(by: { $0.key < $1.key }) {
                // The type word is a peer's text: shown with control characters escaped.
                Terminal.line("  \(plural(Int64(count), "claim")) of type \"\(TerminalText.escaped(type))\", unknown to this version: stored, left out of projections (upgrade accord to see them)")
            }
            if r.aheadOfClock > 0, let latest = r.latestAheadOfClock {
                let n = r.aheadOfClock
                Terminal.line("  \(n) event\(n == 1 ? " was" : "s were") recorded more than \(HybridLogicalClock.maximumDrift / 3_600_000) h ahead of this machine's clock (the latest at \(latest.rfc3339)): kept as recorded, but this replica's clock did not follow \(n == 1 ? "it" : "them")")
            }
        }
        for gap in report.gaps {
            Terminal.line("\(names[gap.feed] ?? "\(gap.feed.short)…"): held up to seq \(gap.held); the segments from seq \(gap.held + 1) are not there yet (the next one starts at \(gap.resumesAt)); a later sync picks them up")
        }
        if report.written.isEmpty && (report.writeRefused || report.stoppedEarly) {
            Terminal.line("wrote nothing: writing this replica's segments failed (the error says why)")
        } else if report.written.isEmpty {
            Terminal.line("wrote nothing: this replica's feed has no events the remote lacks")
        } else {
            Terminal.line("wrote \(plural(Int64(report.written.count), "segment")) to \(report.location): \(plural(report.eventsWritten, "event")) of this replica's feed, \(plural(report.bytesWritten, "byte"))")
        }
        Terminal.line("read \(plural(Int64(report.read.count), "segment")): \(plural(report.eventsRead, "event")), \(report.newEvents) new, \(plural(report.bytesRead, "byte"))")
        if !newDisputes.isEmpty { Terminal.line("new disputes: \(newDisputes.joined(separator: ", "))") }
    }

    /// Format decision: one object, keys in a fixed order —
    /// `{"remote","written":[{"segment","events","bytes"}],"read":[{"segment","events","new_events","bytes","from":{name:n}}],
    /// "totals":{…},"new_disputes":[…],"gaps":[{"feed","held","resumes_at"}],"refused":[{"place","error"}]}`;
    /// `segment` is the path under the remote (`<feed>/<first>-<last>.bundle`, or `<feed>.bundle` in the old layout).
    static func json(_ report: SyncReport, newDisputes: [String], names: [FeedID: String]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("remote"); w.string(report.location)
        w.key("written")
        w.beginArray()
        for written in report.written {
            w.beginObject()
            w.key("segment"); w.string(written.segment.relativePath)
            w.key("events"); w.integer(written.segment.events)
            w.key("bytes"); w.integer(written.bytes)
            w.endObject()
        }
        w.endArray()
        w.key("read")
        w.beginArray()
        for read in report.read {
            w.beginObject()
            switch read.item {
            case .segment(let s): w.key("segment"); w.string(s.relativePath)
            case .wholeFeed(let feed): w.key("segment"); w.string("\(feed.hex).bundle")
            }
            w.key("events"); w.integer(read.report.events)
            w.key("new_events"); w.integer(Int64(read.report.newEvents))
            w.key("bytes"); w.integer(read.bytes)
            w.key("from")
            w.beginObject()
            for (feed, count) in read.report.newByFeed.sorted(by: { $0.key < $1.key }) {
                w.key(names[feed] ?? feed.hex); w.integer(Int64(count))
            }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("totals")
        w.beginObject()
        w.key("segments_written"); w.integer(Int64(report.written.count))
        w.key("events_written"); w.integer(report.eventsWritten)
        w.key("bytes_written"); w.integer(report.bytesWritten)
        w.key("segments_read"); w.integer(Int64(report.read.count))
        w.key("events_read"); w.integer(report.eventsRead)
        w.key("new_events"); w.integer(Int64(report.newEvents))
        w.key("bytes_read"); w.integer(report.bytesRead)
        w.endObject()
        w.key("new_disputes")
        w.beginArray()
        for fact in newDisputes { w.string(fact) }
        w.endArray()
        w.key("gaps")
        w.beginArray()
        for gap in report.gaps {
            w.beginObject()
            w.key("feed"); w.string(gap.feed.hex)
            w.key("held"); w.integer(gap.held)
            w.key("resumes_at"); w.integer(gap.resumesAt)
            w.endObject()
        }
        w.endArray()
        w.key("refused")
        w.beginArray()
        for refusal in report.refused {
            w.beginObject()
            w.key("place"); w.string(refusal.place)
            w.key("error"); w.string(refusal.error.description)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func plural(_ count: Int64, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
