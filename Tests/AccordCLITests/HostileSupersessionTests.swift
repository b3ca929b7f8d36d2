import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 2: a trusted peer's claim may supersede only claims of its own
/// fact, as local `append` requires. Import refuses one that names a claim of
/// another fact — held already, earlier in the bundle or later in it — with one
/// line and the store byte-identical; `check` reports one that got in before.
@Suite("A peer's claim cannot supersede a claim of another fact")
struct HostileSupersessionTests {
    static let sources = #""sources":[{"url":"https://example.org/eve"}]"#
    static let treaty = #"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"first-day-of-month-after","months":6},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#
    static func action(_ state: String, _ action: String, _ date: String, supersedes: [String] = []) -> String {
        let also = supersedes.isEmpty ? "" : #","supersedes":[\#(supersedes.map { "\"\($0)\"" }.joined(separator: ","))]"#
        return #"{"type":"action","treaty":"CCM","state":"\#(state)","action":"\#(action)","date":"\#(date)",\#(sources)\#(also)}"#
    }

    /// ana, holding a ratification of Lithuania's, who trusts eve (and mallory, whom eve relays).
    struct Receiver {
        let ana: CLIReplica
        let ratification: String
        let eve: ForgedFeed
        let mallory: ForgedFeed

        init() async throws {
            ana = try await CLIReplica.make(claims: [HostileSupersessionTests.treaty, HostileSupersessionTests.action("LTU", "ratification", "2011-03-24")])
            ratification = try #require(try await ana.logEntries().last?["id"] as? String)
            eve = try ForgedFeed(keyByte: 0x65)
            mallory = try ForgedFeed(keyByte: 0x6d)
            for (feed, name) in [(eve.feed, "eve"), (mallory.feed, "mallory")] {
                let trusted = try await ana.run(["trust", "add"], [feed.hex, "--name", name])
                try #require(trusted.status == 0, "\(trusted)")
            }
        }

        /// Writes `bytes` as a bundle file and imports it.
        func importing(_ bytes: [UInt8]) async throws -> ProcessResult {
            let path = ana.directory.path("eve.bundle")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return try await ana.run(["sync", "import"], [path])
        }
    }

    @Test func aClaimSupersedingAHeldClaimOfAnotherFactIsRefused() async throws {
        // Given ana, who holds a ratification, and eve's signature claim that supersedes it
        let receiver = try await Receiver()
        var eve = receiver.eve
        eve.append(Self.action("LTU", "signature", "2008-12-03", supersedes: [receiver.ratification]))
        let before = try receiver.ana.snapshot()
        // When ana imports eve's bundle
        let result = try await receiver.importing(eve.bundle())
        // Then it is refused at the claim's line, in append's words, and nothing changed
        expectRefusal(result, mentioning: ["eve.bundle:2:", "supersedes[0]", "is about action/CCM/LTU/ratification, not action/CCM/LTU/signature"])
        #expect(try receiver.ana.snapshot() == before)
        // And the ratification is still there
        let status = try await receiver.ana.run("status", ["--treaty", "CCM", "--state", "LTU", "--on", "2020-01-01", "--json"])
        #expect(status.stdout.contains(#""status":"party""#), "\(status)")
    }

    @Test func aClaimSupersedingAnEarlierClaimOfTheBundleOfAnotherFactIsRefused() async throws {
        // Given eve's feed: a vote, then a signature that supersedes the vote
        let receiver = try await Receiver()
        var eve = receiver.eve
        let vote = eve.append(Self.action("NOR", "ratification", "2009-12-03"))
        eve.append(Self.action("NOR", "signature", "2008-12-03", supersedes: [vote.id.hex]))
        let before = try receiver.ana.snapshot()
        // When ana imports it
        let result = try await receiver.importing(eve.bundle())
        // Then the signature's line is named, and nothing changed
        expectRefusal(result, mentioning: ["eve.bundle:3:", "supersedes[0]", "is about action/CCM/NOR/ratification"])
        #expect(try receiver.ana.snapshot() == before)
    }

    @Test func aClaimSupersedingALaterClaimOfTheBundleOfAnotherFactIsRefused() async throws {
        // Given eve's claim that supersedes mallory's, which comes after it in the bundle
        let receiver = try await Receiver()
        var eve = receiver.eve, mallory = receiver.mallory
        let target = mallory.append(Self.action("NOR", "ratification", "2009-12-03"))
        eve.append(Self.action("NOR", "signature", "2008-12-03", supersedes: [target.id.hex]))
        let before = try receiver.ana.snapshot()
        // When ana imports eve's bundle relaying mallory's feed
        let result = try await receiver.importing(eve.bundle(relaying: [mallory]))
        // Then eve's claim (line 2) is named, and nothing changed
        expectRefusal(result, mentioning: ["eve.bundle:2:", "supersedes[0]", "is about action/CCM/NOR/ratification, not action/CCM/NOR/signature"])
        #expect(try receiver.ana.snapshot() == before)
    }

    @Test func aClaimSupersedingAClaimOfItsOwnFactIsImported() async throws {
        // Given eve's correction of ana's ratification date (the same fact)
        let receiver = try await Receiver()
        var eve = receiver.eve
        eve.append(Self.action("LTU", "ratification", "2011-03-25", supersedes: [receiver.ratification]))
        // When ana imports it
        let result = try await receiver.importing(eve.bundle())
        // Then it is accepted and the store checks
        #expect(result.status == 0, "\(result)")
        let check = try await receiver.ana.run("check")
        #expect(check.status == 0, "\(check)")
    }

    @Test func checkReportsASupersessionAcrossFactsThatGotIn() async throws {
        // Given a store where a signature claim supersedes a ratification (written past append's rules)
        let receiver = try await Receiver()
        let ids = try UncheckedAppend.append(
            [Self.action("LTU", "signature", "2008-12-03", supersedes: [receiver.ratification])], toReplica: receiver.ana.store)
        // When it is checked
        let check = try await receiver.ana.run("check")
        // Then check fails naming the claim and both facts
        expectRefusal(check, mentioning: [String(ids[0].prefix(12)), "action/CCM/LTU/ratification", "action/CCM/LTU/signature"])
    }
}
