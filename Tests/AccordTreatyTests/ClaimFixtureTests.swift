import AccordLog
import AccordTestSupport
import AccordTreaty
import Foundation
import Testing

@Suite("The claim decoder on the fixtures")
struct ClaimFixtureTests {
    static let decoder = ClaimDecoder()

    @Test(arguments: Fixtures.names("claims", .valid))
    func aValidFixtureIsAccepted(_ name: String) throws {
        // Given a fixture the schemas accept
        let bytes = try Fixtures.bytes(name)
        // Then the decoder accepts it too
        #expect(throws: Never.self) { try Self.decoder.decode(json: bytes) }
    }

    @Test(arguments: Fixtures.names("claims", .invalid))
    func anInvalidFixtureIsRefusedWithOneLineSayingWhy(_ name: String) throws {
        // Given a fixture the schemas refuse
        let bytes = try Fixtures.bytes(name)
        // When it is decoded
        let error = #expect(throws: AccordError.self) { try Self.decoder.decode(json: bytes) }
        // Then it is refused as bad input, with a one-line message
        #expect(error?.code == .invalidInput)
        #expect(error.map { !$0.message.isEmpty } == true)
        #expect(error.map { !$0.message.contains("\n") } == true, "\(String(describing: error))")
    }

    @Test func thereAreFixturesOfBothOutcomes() {
        // (Guards the parameterised tests above against running over nothing.)
        #expect(Fixtures.names("claims", .valid).count >= 10)
        #expect(Fixtures.names("claims", .invalid).count >= 10)
    }

    @Test func envelopeFixturesCarryClaimsTheDomainChecks() throws {
        let domain = TreatyDomain()
        // Given the envelope fixtures: a known claim, a claim of a type from a newer version, a claim without a type
        let known = try Envelope.parse(Fixtures.bytes("envelopes/valid/envelope-seq2-action-chained.json"))
        let newer = try Envelope.parse(Fixtures.bytes("envelopes/valid/envelope-unknown-claim-type-from-newer-version.json"))
        let untyped = try Envelope.parse(Fixtures.bytes("envelopes/invalid/envelope-claim-without-type.json"))
        // Then the known one decodes, the newer one is kept undecoded, the untyped one is refused
        #expect(try domain.decodeForeign(claim: known.claimBytes)?.type == "action")
        #expect(try domain.decodeForeign(claim: newer.claimBytes) == nil)
        let error = #expect(throws: AccordError.self) { try domain.decodeForeign(claim: untyped.claimBytes) }
        #expect(error?.code == .invalidBundle)
    }
}
