import AccordLog
import AccordTreaty
import Testing

@Suite("What the claim decoder says about bad claims")
struct ClaimDecoderMessageTests {
    static let decoder = ClaimDecoder()
    static let source = #""sources":[{"url":"https://example.org/a"}]"#

    static func action(state: String = "LTU", action: String = "ratification", date: String = "2011-03-24") -> String {
        #"{"type":"action","treaty":"CCM","state":"\#(state)","action":"\#(action)","date":"\#(date)",\#(source)}"#
    }

    static func decode(_ text: String) throws(AccordError) -> Claim { try decoder.decode(json: Array(text.utf8)) }

    static func refusal(_ text: String) -> AccordError? {
        #expect(throws: AccordError.self) { try decode(text) }
    }

    @Test(arguments: ["Lithuania", "lithuania", "LITHUANIA", "LTU"])
    func aStateGivenByNameIsStoredAsItsCode(_ state: String) throws {
        // When an action names its state by English short name or code
        let claim = try Self.decode(Self.action(state: state))
        // Then the claim holds the alpha-3 code, and so do its canonical bytes and fact key
        guard case .action(let action) = claim.body else {
            Issue.record("decoded as \(claim.type)")
            return
        }
        #expect(action.state == "LTU")
        #expect(String(decoding: claim.canonicalJSON, as: UTF8.self).contains(#""state":"LTU""#))
        #expect(claim.fact.description == "action/CCM/LTU/ratification")
    }

    @Test func aStatementAboutACountryByNameIsAboutItsCode() throws {
        let claim = try Self.decode(#"{"type":"statement","subject":"Lithuania","property":"uxo-mitigation","value":"v",\#(Self.source)}"#)
        #expect(claim.fact.description == "statement/LTU/uxo-mitigation")
    }

    @Test(arguments: [("Lithuana", "Lithuania"), ("Lithunia", "Lithuania"), ("Frnace", "France"), ("LTV", "LTU (Lithuania)")])
    func anUnknownStateIsRefusedSuggestingTheNearest(_ typed: String, _ suggestion: String) {
        let error = Self.refusal(Self.action(state: typed))
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("unknown state \"\(typed)\"") == true, "\(String(describing: error))")
        #expect(error?.message.contains(suggestion) == true, "\(String(describing: error))")
    }

    @Test func anUnknownTypeIsRefusedListingTheValidTypes() {
        let error = Self.refusal(#"{"type":"rumour","treaty":"CCM",\#(Self.source)}"#)
        #expect(error?.message.contains("unknown type \"rumour\"") == true)
        for type in ["treaty", "action", "statement"] {
            #expect(error?.message.contains(type) == true, "\(type) not listed in: \(String(describing: error))")
        }
    }

    @Test func anUnknownActionIsRefusedListingEveryValidAction() {
        let error = Self.refusal(Self.action(action: "ratified"))
        #expect(error?.message.contains("unknown action \"ratified\"") == true)
        // (The contract's list, CONTRACT.md "Claims".)
        let valid = [
            "signature", "ratification", "acceptance", "approval", "accession", "succession",
            "withdrawal-notification", "withdrawal-effective", "entry-into-force", "suspension-notification",
            "parliament-vote", "decree", "announcement",
        ]
        for action in valid {
            #expect(error?.message.contains(action) == true, "\(action) not listed in: \(String(describing: error))")
        }
        #expect(Set(TreatyAction.allCases.map(\.rawValue)) == Set(valid))
    }

    @Test(arguments: [
        ("2024-02-30", "not a calendar date"), ("2024-13", "not a calendar date"), ("24-07-18", "not an ISO 8601 date"),
        ("2024-11/2024-09", "ends before it starts"),
    ])
    func aBadDateIsRefusedQuotingIt(_ date: String, _ reason: String) {
        let error = Self.refusal(Self.action(date: date))
        #expect(error?.message.contains("\"\(date)\"") == true, "\(String(describing: error))")
        #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-24"}"#,
        #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-24","sources":[]}"#,
        #"{"type":"statement","subject":"LTU","property":"p","value":"v"}"#,
    ])
    func actionsAndStatementsNeedASource(_ text: String) {
        let error = Self.refusal(text)
        #expect(error?.message.contains("\"sources\"") == true, "\(String(describing: error))")
    }

    @Test func aTreatyNeedsNoSource() throws {
        let claim = try Self.decode(#"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","consent_takes_effect":{"rule":"on-deposit"},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#)
        #expect(claim.fact.description == "treaty/CCM")
        #expect(claim.sources.isEmpty)
    }

    @Test(arguments: [("[1,2]", "not a claim"), ("\"action\"", "not a claim"), (#"{"treaty":"CCM"}"#, "\"type\" is missing"), ("{\"type\":", "malformed JSON")])
    func whatIsNoClaimObjectIsRefusedSayingSo(_ text: String, _ reason: String) {
        let error = Self.refusal(text)
        #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
    }
}
