import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import Testing

/// A bundle that is damaged, reordered, from a feed nobody trusts, or forked
/// is refused, and the store it was offered to is left exactly as it was: the
/// same events and the same bytes in `store.sqlite` (hashed with no connection
/// open; every step opens the replica and closes it again).
@Suite("Refused bundles leave the store byte-identical")
struct RefusedBundleTests {
    /// Four replicas that trust each other; `cy` will receive. `ana` holds every
    /// feed (hers, ben's, dan's and cy's), and cy already holds the start of ben's.
    struct Setting {
        let directory: TemporaryDirectory
        let ana: SyncTesting.Peer, ben: SyncTesting.Peer, cy: SyncTesting.Peer, dan: SyncTesting.Peer
        /// ana's full bundle: a header and the 9 envelopes of four feeds.
        let bundle: String
        let bytes: [UInt8]
        /// cy before any refused import.
        let baseline: StoreSnapshot

        init() throws {
            directory = try TemporaryDirectory(prefix: "accord-refused")
            let peers = try SyncTesting.makePeers(["ana", "ben", "cy", "dan"], in: directory)
            (ana, ben, cy, dan) = (peers[0], peers[1], peers[2], peers[3])
            try SyncTesting.append(ana, [
                SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03-24", url: "https://example.org/ana/1"),
                SyncTesting.action(state: "LTU", action: "withdrawal-notification", date: "2024-09-06", url: "https://example.org/ana/2"),
            ])
            try SyncTesting.append(ana, [SyncTesting.action(state: "NOR", action: "signature", date: "2008-12-03", url: "https://example.org/ana/3")])
            try SyncTesting.append(ben, [
                SyncTesting.action(state: "LTU", action: "withdrawal-notification", date: "2024-07-18", url: "https://example.org/ben/1"),
                SyncTesting.action(state: "LTU", action: "signature", date: "2008-12-03", url: "https://example.org/ben/2"),
            ])
            try SyncTesting.append(cy, [SyncTesting.action(state: "NOR", action: "ratification", date: "2009-12", url: "https://example.org/cy/1")])
            try SyncTesting.append(dan, [
                SyncTesting.action(state: "FRA", action: "ratification", date: "2009-09-25", url: "https://example.org/dan/1"),
                SyncTesting.action(state: "FRA", action: "signature", date: "2008-12-03", url: "https://example.org/dan/2"),
            ])
            // cy holds ben's first two events before the bundle arrives
            try SyncTesting.export(ben, to: directory.path("ben-early.bundle"))
            _ = try SyncTesting.importBundle(directory.path("ben-early.bundle"), into: cy)
            try SyncTesting.append(ben, [SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03", url: "https://example.org/ben/3")])
            for peer in [ben, cy, dan] {
                try SyncTesting.export(peer, to: directory.path("\(peer.name).bundle"))
                _ = try SyncTesting.importBundle(directory.path("\(peer.name).bundle"), into: ana)
            }
            bundle = directory.path("ana.bundle")
            let summary = try SyncTesting.export(ana, to: bundle)
            guard summary.feeds == 4, summary.events == 9 else { throw SupportError("the setting changed: \(summary)") }
            bytes = try SyncTesting.read(bundle)
            baseline = try SyncTesting.snapshot(cy)
            _ = try SyncTesting.copyReplica(cy, to: directory.path("cy-pristine"))
        }

        /// Offers `bytes` to cy as a bundle and returns the refusal, checking that cy is unchanged.
        func refusal(of bytes: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> AccordError? {
            let path = directory.path("altered.bundle")
            try SyncTesting.write(bytes, to: path)
            let error = try SyncTesting.refusal(importing: path, into: cy)
            #expect(error != nil, "\(what): accepted", sourceLocation: sourceLocation)
            #expect(try SyncTesting.snapshot(cy) == baseline, "\(what): cy's store changed (\(error.map(String.init(describing:)) ?? "accepted"))", sourceLocation: sourceLocation)
            if error == nil { try restore() }
            return error
        }

        /// Puts cy back as it was, after a bundle that should have been refused was accepted.
        func restore() throws {
            try FileManager.default.removeItem(atPath: cy.directory)
            _ = try SyncTesting.copyReplica(SyncTesting.Peer(name: cy.name, directory: directory.path("cy-pristine"), feed: cy.feed), to: cy.directory)
        }

        /// Where each header field's value lies in the header line.
        func headerRange(of field: String) -> Range<Int> {
            let header = Array(bytes[..<bytes.firstIndex(of: 0x0a)!])
            let key = Array("\"\(field)\":".utf8)
            let start = (0...(header.count - key.count)).first { Array(header[$0..<($0 + key.count)]) == key }! + key.count
            var depth = 0, inString = false, end = start
            while end < header.count {
                let byte = header[end]
                if byte == 0x22 { inString.toggle() }
                if !inString {
                    if byte == 0x7b || byte == 0x5b { depth += 1 }
                    if byte == 0x7d || byte == 0x5d { if depth == 0 { break }; depth -= 1 }
                    if byte == 0x2c && depth == 0 { break }
                }
                end += 1
            }
            return start..<end
        }
    }

    @Test func theUnalteredBundleIsAccepted() throws {
        // Given the bundle every other test alters, and a copy of its receiver
        let setting = try Setting()
        let copy = try SyncTesting.copyReplica(setting.cy, to: setting.directory.path("cy-copy"))
        // When it is imported as written
        let report = try SyncTesting.importBundle(setting.bundle, into: copy)
        // Then it brings what the receiver lacked: ana's 3, ben's third and dan's 2
        #expect(report.newEvents == 6)
        #expect(report.events == 9)
    }

    @Test func everySingleByteFlipIsRefused() throws {
        // Given a bundle of four feeds (every byte of it is covered: the events by the header's
        // digest, the header, its sender and vector included, by the sender's signature)
        let setting = try Setting()
        let signed = [setting.headerRange(of: "sender"), setting.headerRange(of: "vector")]
        var generator = SeededGenerator(seed: 0xF11B)
        var flipped = 0
        var headerFlips = 0, senderOrVectorFlips = 0
        while flipped < 80 {
            let position = Int.random(in: 0..<setting.bytes.count, using: &generator)
            if signed.contains(where: { $0.contains(position) }) { senderOrVectorFlips += 1 }
            let mask = UInt8.random(in: 1...255, using: &generator)
            // When one byte is flipped
            var altered = setting.bytes
            altered[position] ^= mask
            // Then the bundle is refused and cy is unchanged
            let error = try setting.refusal(of: altered, "seed 0xF11B: byte \(position) ^ \(mask)")
            if let error { #expect(error.description.hasPrefix(setting.directory.path("altered.bundle")), "\(error)") }
            flipped += 1
            if position < setting.bytes.firstIndex(of: 0x0a)! { headerFlips += 1 }
        }
        #expect(headerFlips >= 5, "too few flips landed in the header to mean anything: \(headerFlips)")
        #expect(senderOrVectorFlips >= 1, "no flip landed in the sender or the vector: \(senderOrVectorFlips)")
    }

    @Test func aChangedHexDigitInAHeadOrTheDigestIsRefused() throws {
        // Given the positions of the signed heads' values (feed, seq, id, signature), the digest and the event count
        let setting = try Setting()
        let hexDigits = Set(Array("0123456789abcdef".utf8))
        var positions: [Int] = []
        for field in ["heads", "digest", "events"] {
            let values = setting.headerRange(of: field).filter { hexDigits.contains(setting.bytes[$0]) }
            // every run of value bytes: its first, middle and last byte
            var runs: [[Int]] = []
            for p in values { if let last = runs.last?.last, last == p - 1 { runs[runs.count - 1].append(p) } else { runs.append([p]) } }
            for run in runs { positions += Set([run.first!, run[run.count / 2], run.last!]).sorted() }
        }
        #expect(positions.count >= 40)
        for position in positions {
            // When the digit is changed to another
            var altered = setting.bytes
            altered[position] = altered[position] == 0x30 ? 0x31 : 0x30
            // Then the bundle is refused and cy is unchanged
            _ = try setting.refusal(of: altered, "header byte \(position) '\(UnicodeScalar(setting.bytes[position]))' → '\(UnicodeScalar(altered[position]))'")
        }
    }

    /// The header's "sender" is signed with the rest of the header: a changed sender id
    /// would record the sender's vector under a feed that did not send it, so it is refused.
    @Test func aChangedSenderIsRefused() throws {
        let setting = try Setting()
        let range = setting.headerRange(of: "sender")
        // When one hex digit of the sender is changed to another
        var altered = setting.bytes
        let position = range.lowerBound + 5
        altered[position] = altered[position] == 0x30 ? 0x31 : 0x30
        // Then the bundle is refused
        _ = try setting.refusal(of: altered, "sender hex digit changed")
        // (a sender that is not hex at all is refused)
        altered[position] = 0x7a
        _ = try setting.refusal(of: altered, "sender digit made 'z'")
    }

    /// The header's "vector" only decides what `--for` sends later, but it is signed with
    /// the rest of the header: a changed digit would be recorded as the peer's vector and a
    /// later `export --for` would leave out events the peer lacks, so it is refused.
    @Test func aChangedVectorIsRefused() throws {
        let setting = try Setting()
        let range = setting.headerRange(of: "vector")
        let header = Array(setting.bytes[range])
        // When a seq digit of the vector is changed ("…":3 → "…":9)
        let digit = try #require(header.indices.first { i in
            i > 0 && header[i - 1] == 0x3a && (0x31...0x39).contains(header[i]) && !(0x30...0x39).contains(header[i + 1])
        })
        var altered = setting.bytes
        altered[range.lowerBound + digit] = 0x39
        // Then the bundle is refused
        _ = try setting.refusal(of: altered, "vector seq changed to 9")
        // (a vector that is not a vector is refused)
        altered[range.lowerBound + digit] = 0x2d
        _ = try setting.refusal(of: altered, "vector seq made '-'")
    }

    /// An altered vector is refused, so ben never records it as what ana holds: his next
    /// `export --for ana` still carries the events she lacks.
    @Test func aChangedVectorDoesNotStopALaterDeltaFromCarryingWhatThePeerLacks() throws {
        // Given ana holding ben's first event, and her bundle's vector altered to say she holds nine
        let directory = try TemporaryDirectory(prefix: "accord-refused")
        let peers = try SyncTesting.makePeers(["ana", "ben"], in: directory)
        let (ana, ben) = (peers[0], peers[1])
        try SyncTesting.append(ben, [SyncTesting.action(state: "LTU", action: "signature", date: "2008-12-03", url: "https://example.org/ben/1")])
        try SyncTesting.export(ben, to: directory.path("ben.bundle"))
        _ = try SyncTesting.importBundle(directory.path("ben.bundle"), into: ana)
        try SyncTesting.append(ana, [SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03-24", url: "https://example.org/ana/1")])
        try SyncTesting.export(ana, to: directory.path("ana.bundle"))
        let text = String(decoding: try SyncTesting.read(directory.path("ana.bundle")), as: UTF8.self)
        let altered = text.replacingOccurrences(of: "\"\(ben.feed.hex)\":1}", with: "\"\(ben.feed.hex)\":9}")
        try #require(altered != text)
        try SyncTesting.write(Array(altered.utf8), to: directory.path("ana-altered.bundle"))
        #expect(throws: AccordError.self, "the altered bundle is refused") {
            try SyncTesting.importBundle(directory.path("ana-altered.bundle"), into: ben)
        }
        // When ben records three more claims and exports what ana lacks
        try SyncTesting.append(ben, (2...4).map { SyncTesting.action(state: "NOR", action: "signature", date: "2008-12-0\($0)", url: "https://example.org/ben/\($0)") })
        let summary = try SyncTesting.export(ben, to: directory.path("delta.bundle"), for: ana)
        // Then the delta carries them
        #expect(summary.events >= 3, "the delta must carry the three events ana lacks (over-sending is harmless)")
    }

    @Test func aBundleCutAtAnyLineBoundaryOrMidLineIsRefused() throws {
        // Given the bundle's lines
        let setting = try Setting()
        let lines = SyncTesting.lines(of: setting.bytes)
        var offsets: [Int] = []
        var start = 0
        for line in lines {
            offsets.append(start)                      // cut before this line
            offsets.append(start + line.count / 2)     // cut in its middle
            offsets.append(start + line.count - 1)     // cut just before its newline
            start += line.count
        }
        for offset in offsets {
            // When it is cut there
            // Then it is refused and cy is unchanged
            _ = try setting.refusal(of: Array(setting.bytes[..<offset]), "cut after \(offset) of \(setting.bytes.count) bytes")
        }
        // And so is a bundle with one envelope line left out
        for dropped in 1..<lines.count {
            var kept = lines
            kept.remove(at: dropped)
            _ = try setting.refusal(of: kept.flatMap { $0 }, "line \(dropped + 1) left out")
        }
    }

    @Test func aBundleWithTwoLinesSwappedIsRefused() throws {
        // Given the bundle's lines
        let setting = try Setting()
        let lines = SyncTesting.lines(of: setting.bytes)
        var pairs: [(Int, Int)] = (0..<(lines.count - 1)).map { ($0, $0 + 1) }
        pairs += [(0, lines.count - 1), (1, lines.count - 1), (2, 7)]
        for (i, j) in pairs {
            // When two lines change places
            var swapped = lines
            swapped.swapAt(i, j)
            // Then it is refused and cy is unchanged
            _ = try setting.refusal(of: swapped.flatMap { $0 }, "lines \(i + 1) and \(j + 1) swapped")
        }
        // And so is the body in reverse order
        _ = try setting.refusal(of: ([lines[0]] + lines.dropFirst().reversed()).flatMap { $0 }, "body reversed")
    }

    @Test func anAlteredEnvelopeIsRefusedNamingItsLine() throws {
        // Given the bundle's lines
        let setting = try Setting()
        let lines = SyncTesting.lines(of: setting.bytes)
        let path = setting.directory.path("altered.bundle")
        var places: [String] = []
        for k in 1..<lines.count {
            // When a byte inside the claim of envelope line k+1 is changed
            var altered = lines
            altered[k][altered[k].count - 20] ^= 0x01
            // Then the bundle is refused, cy is unchanged, and the error names that line
            let error = try setting.refusal(of: altered.flatMap { $0 }, "line \(k + 1) altered")
            places.append("line \(k + 1) → \(error?.place.map { $0.replacingOccurrences(of: path, with: "bundle") } ?? "none")")
        }
        #expect(places == (1..<lines.count).map { "line \($0 + 1) → bundle:\($0 + 1)" })
    }

    @Test func anAlteredCopyOfAnEventTheReceiverHoldsIsNotCalledAFork() throws {
        // Given the bundle's lines: cy's own first event is line 2, ben's second (which cy holds) line 9
        let setting = try Setting()
        let lines = SyncTesting.lines(of: setting.bytes)
        let cyFirst = try #require(lines.dropFirst().firstIndex { String(decoding: $0, as: UTF8.self).contains(#""feed":"\#(setting.cy.feed.hex)","seq":1,"#) })
        let benSecond = try #require(lines.dropFirst().firstIndex { String(decoding: $0, as: UTF8.self).contains(#""feed":"\#(setting.ben.feed.hex)","seq":2,"#) })
        for k in [cyFirst, benSecond] {
            // When a byte inside that event's claim is changed
            var altered = lines
            altered[k][altered[k].count - 20] ^= 0x01
            let error = try setting.refusal(of: altered.flatMap { $0 }, "line \(k + 1) altered")
            // Then it is refused as altered, not as a fork (nobody copied a replica; the chain to the signed head is broken)
            #expect(error?.code == .invalidBundle, "\(String(describing: error))")
            #expect(error?.message.contains("copied") == false, "\(String(describing: error))")
        }
    }

    @Test func aBundleOfAnUntrustedFeedIsRefusedNamingTheTrustCommand() throws {
        // Given eve, whom cy does not trust, with claims of her own
        let setting = try Setting()
        let eve = try SyncTesting.makePeers(["eve"], in: setting.directory, keys: [try SyncTesting.key(0x7e)])[0]
        try SyncTesting.append(eve, [SyncTesting.action(state: "LTU", action: "ratification", date: "1999", url: "https://example.org/eve/1")])
        try SyncTesting.export(eve, to: setting.directory.path("eve.bundle"))
        // When eve's bundle is offered to cy
        let error = try setting.refusal(of: try SyncTesting.read(setting.directory.path("eve.bundle")), "eve's bundle")
        // Then it is refused with the command that would trust her feed
        #expect(error?.code == .untrustedFeed)
        #expect(error?.message.contains("accord trust add \(eve.feed.hex)") == true, "\(String(describing: error))")

        // Given ana, who trusts eve, holding her feed among the others
        _ = try Trust.add(eve.feed.hex, name: "eve", store: try SyncTesting.open(setting.ana).store)
        _ = try SyncTesting.importBundle(setting.directory.path("eve.bundle"), into: setting.ana)
        try SyncTesting.export(setting.ana, to: setting.directory.path("ana-with-eve.bundle"))
        // When ana's bundle is offered to cy
        let relayed = try setting.refusal(of: try SyncTesting.read(setting.directory.path("ana-with-eve.bundle")), "ana relaying eve")
        // Then the whole bundle is refused, naming eve's feed and the command
        #expect(relayed?.code == .untrustedFeed)
        #expect(relayed?.message.contains("accord trust add \(eve.feed.hex)") == true, "\(String(describing: relayed))")
    }

    @Test func aHeadSignedByAnotherKeyIsRefused() throws {
        // Given ana's bundle, and eve's key
        let setting = try Setting()
        let eve = try SyncTesting.key(0x7e)
        var lines = SyncTesting.lines(of: setting.bytes)
        var header = try BundleHeader.parse(lines[0].dropLast())
        let index = try #require(header.heads.firstIndex { $0.head.feed == setting.ben.feed })
        // When ben's head carries eve's signature of it
        header.heads[index].signature = eve.sign(header.heads[index].head)
        // (re-signed by its sender, ana, so only the head's signature is wrong)
        let keyText = try String(contentsOfFile: (setting.ana.directory as NSString).appendingPathComponent(ReplicaStore.keyFileName), encoding: .utf8)
        let anaKey = try ReplicaKey(rawRepresentation: try #require(Hex.decode(keyText.trimmingCharacters(in: .whitespacesAndNewlines))))
        lines[0] = header.line(signedWith: { anaKey.sign(message: $0) }) + [0x0a]
        // Then the bundle is refused and cy is unchanged
        let error = try setting.refusal(of: lines.flatMap { $0 }, "ben's head signed by eve")
        #expect(error?.message.contains("signature") == true, "\(String(describing: error))")
    }

    @Test func aForkedFeedIsRefusedSayingTheReplicaWasCopied() throws {
        // Given ana's replica directory copied (cp -r), and both copies going on writing
        let setting = try Setting()
        let copy = try SyncTesting.copyReplica(setting.ana, to: setting.directory.path("ana-copy"))
        try SyncTesting.append(setting.ana, [SyncTesting.action(state: "PER", action: "signature", date: "2008-12-03", url: "https://example.org/ana/4")])
        try SyncTesting.append(copy, [SyncTesting.action(state: "JPN", action: "signature", date: "2008-12-03", url: "https://example.org/copy/4")])
        try SyncTesting.export(setting.ana, to: setting.directory.path("ana-original.bundle"))
        try SyncTesting.export(copy, to: setting.directory.path("ana-copied.bundle"))
        // When cy imports the original's bundle, then the copy's
        let first = try SyncTesting.importBundle(setting.directory.path("ana-original.bundle"), into: setting.cy)
        #expect(first.newEvents == 7)
        let afterFirst = try SyncTesting.snapshot(setting.cy)
        let error = try SyncTesting.refusal(importing: setting.directory.path("ana-copied.bundle"), into: setting.cy)
        // Then the second is refused as a fork, saying the replica was copied, and cy is unchanged
        #expect(error?.code == .forkedFeed)
        #expect(error?.message.contains("fork") == true && error?.message.contains("copied") == true, "\(String(describing: error))")
        #expect(error?.message.contains(setting.ana.feed.short) == true, "\(String(describing: error))")
        #expect(try SyncTesting.snapshot(setting.cy) == afterFirst)

        // And the same whichever copy arrives first, at dan
        _ = try SyncTesting.importBundle(setting.directory.path("ana-copied.bundle"), into: setting.dan)
        let danBefore = try SyncTesting.snapshot(setting.dan)
        let reverse = try SyncTesting.refusal(importing: setting.directory.path("ana-original.bundle"), into: setting.dan)
        #expect(reverse?.code == .forkedFeed)
        #expect(reverse?.message.contains("copied") == true, "\(String(describing: reverse))")
        #expect(try SyncTesting.snapshot(setting.dan) == danBefore)

        // And when the fork arrives relayed by a third replica (ben holds the original; cy the copy's)
        _ = try SyncTesting.importBundle(setting.directory.path("ana-original.bundle"), into: setting.ben)
        try SyncTesting.export(setting.ben, to: setting.directory.path("ben-relay.bundle"))
        let relayed = try SyncTesting.refusal(importing: setting.directory.path("ben-relay.bundle"), into: setting.dan)
        #expect(relayed?.code == .forkedFeed)
        #expect(try SyncTesting.snapshot(setting.dan) == danBefore)
    }
}
