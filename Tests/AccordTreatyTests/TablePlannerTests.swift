import AccordLog
import AccordTestSupport
import Foundation
import Testing

@testable import AccordTreaty

/// Issue 15: reading status tables into claims, without a store — the CSV
/// reader, UN headers and act letters, date formats, participant names.
@Suite("Table import: reading tables into claims")
struct TablePlannerTests {
    static let source = Source(url: "https://treaties.un.org/x", outlet: "UN Treaty Collection")

    static func plan(_ text: String, layout: TableLayout? = nil, format: TableDateFormat? = nil, none: Set<String> = []) throws -> TablePlan {
        try TablePlanner(options: TableImportOptions(treaty: "CCM", source: source, layout: layout, dateFormat: format, noneValues: none))
            .plan(text, name: "t.csv")
    }

    static func actions(_ plan: TablePlan) -> [String] {
        plan.claims.compactMap {
            guard case .action(let a) = $0.claim.body else { return nil }
            return "\(a.state) \(a.action.rawValue) \(a.date)"
        }
    }

    // MARK: - Delimited text

    @Test func quotedCellsKeepDelimitersQuotesAndLineBreaks() throws {
        let records = try DelimitedText.records(
            "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x , \u{00A0}y\u{00A0}\n", delimiter: .comma, name: "t.csv")
        #expect(records.map(\.fields) == [["a", "b, c", "say \"hi\""], ["two\nlines", "x", "y"]])
        #expect(records.map(\.line) == [1, 2])
        #expect(records[0].text == "a,\"b, c\",\"say \"\"hi\"\"\"")
    }

    @Test func anUnterminatedQuoteIsAnErrorAtItsPlace() {
        #expect(throws: AccordError(.invalidInput, "a quoted cell starts here and never ends (a \" is missing)", place: "t.csv:2:2")) {
            try DelimitedText.records("a,b\nc,\"d,e\nf\n", delimiter: .comma, name: "t.csv")
        }
    }

    @Test func copiedTextWithAnUnpairedQuoteIsReadWithQuotesAsText() throws {
        let records = try DelimitedText.records("Participant\tSignature\nNorway\t3 Dec 2008\n\"A note that never closes\n", delimiter: .tab, name: "t.txt")
        #expect(records.map(\.fields) == [["Participant", "Signature"], ["Norway", "3 Dec 2008"], ["\"A note that never closes"]])
    }

    @Test(arguments: [
        ("Participant\tSignature\tRatification, Accession(a)\n", DelimitedText.Delimiter.tab),
        ("Participant,Signature,\"Ratification, Accession(a)\"\n", .comma),
        ("treatyID;stateName;stateRat\n", .semicolon),
    ])
    func theDelimiterIsGuessedFromTheHeader(_ text: String, _ expected: DelimitedText.Delimiter) {
        #expect(DelimitedText.guessDelimiter(text) == expected)
    }

    // MARK: - UN headers

    @Test(arguments: [
        "Signature, Succession to signature(d)",
        "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)",
        "Approval(AA), Acceptance(A), Accession(a), Ratification",
        "Provisional application(n)",
        "Formal confirmation(c)",
        "Definitive signature(s)",
        "Ratification, Acceptance (A), Approval (AA), Accession (a)",
    ])
    func unHeadersAreRecognizedByTheirWords(_ header: String) {
        let result = UNStatusHeader.read(["Participant", header])
        guard case .success(let read) = result else { Issue.record("not read: \(result)"); return }
        #expect(read.columns.count == 1)
    }

    @Test func lettersArePerColumnAndCaseMatters() throws {
        let plan = try Self.plan(
            "Participant,\"Signature, Succession to signature(d)\",\"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)\"\n"
                + "Czech Republic 4,22 Feb 1993 d,22 Feb 1993 d\nJapan,3 Dec 2008,14 Jul 2009 A\nAndorra,,9 Apr 2013 a\nEuropean Union,3 Dec 2008,5 Oct 2016 AA\nGermany2,3,3 Dec 2008,8 Jul 2009\n")
        #expect(Self.actions(plan) == [
            "CZE signature 1993-02-22", "CZE succession 1993-02-22", "JPN signature 2008-12-03", "JPN acceptance 2009-07-14",
            "AND accession 2013-04-09", "EUU signature 2008-12-03", "EUU approval 2016-10-05",
        ])
        // "Germany2,3" is one participant only when quoted; unquoted, its footnote spills into the next cell
        #expect(plan.rejected.count == 1)
    }

    @Test func aLetterTheHeaderDoesNotGiveIsABadRow() throws {
        let plan = try Self.plan("Participant,Signature,\"Ratification, Accession(a)\"\nNorway,3 Dec 2008,3 Dec 2008 AA\n")
        let problem = try #require(plan.rejected.first?.problems.first)
        #expect(problem.column == 3)
        #expect(problem.cause.contains("act letter \"AA\""))
        #expect(problem.cause.contains("a accession"))
    }

    @Test func provisionalApplicationIsCountedNotRecorded() throws {
        let plan = try Self.plan("Participant,Provisional application(n),\"Accession(a), Ratification\"\nBelize 1,2 Sep 2014 n,2 Sep 2014 a\n")
        #expect(Self.actions(plan) == ["BLZ accession 2014-09-02"])
        #expect(plan.unrecorded == ["provisional application": 1])
    }

    @Test func aDefinitiveSignatureIsRecordedAsConsentWithANote() throws {
        let plan = try Self.plan("Participant,\"Definitive signature(s), Signature\",Ratification\nNorway,3 Dec 2008 s,\n")
        #expect(Self.actions(plan) == ["NOR ratification 2008-12-03"])
        #expect(plan.claims[0].claim.note?.contains("definitive signature") == true)
    }

    @Test func anUnknownHeaderWordIsAnErrorAtTheHeader() {
        #expect(throws: AccordError.self) { try Self.plan("Participant,Signature,Objection(o)\nNorway,3 Dec 2008,\n") }
    }

    @Test func titleLinesAboveAndNotesBelowACopiedTableAreSkipped() throws {
        let plan = try Self.plan("Convention\nStatus:\tParties: 1\n\nParticipant\tSignature\nNorway \t 3 Dec\u{00A0}2008 \n\n1 A note.\n")
        #expect(Self.actions(plan) == ["NOR signature 2008-12-03"])
        #expect(plan.rowCount == 1)
        #expect(plan.skippedLines == 1)
        #expect(plan.claims[0].place == "t.csv:5:2")
    }

    @Test func aFactStatedTwiceAlikeIsKeptOnceAndDifferentlyIsABadRow() throws {
        let plan = try Self.plan("Participant,Signature\nNorway,3 Dec 2008\nNorway 1,3 Dec 2008\nNorway 2,4 Dec 2008\n")
        #expect(Self.actions(plan) == ["NOR signature 2008-12-03"])
        #expect(plan.rejected.map(\.record.line) == [4])
        #expect(plan.rejected[0].problems[0].cause.contains("line 2 already gives"))
    }

    // MARK: - Mapped tables

    @Test func aWideTableWithSentinels() throws {
        let plan = try Self.plan(
            "stateName;stateRat;stateWithdrawal\nUSSR;05.03.1970;31.12.9999\nGerman Democratic Republic;31.10.1969;NA\n",
            layout: .wide(participant: "stateName", acts: [.init(action: .ratification, column: "stateRat"), .init(action: .withdrawalEffective, column: "3")]),
            format: .dayMonthYearDots, none: ["NA", "31.12.9999"])
        #expect(Self.actions(plan) == ["SUHH ratification 1970-03-05", "DDDE ratification 1969-10-31"])
    }

    @Test func aTableOfManyTreatiesIsReadForOneWithATreatyColumn() throws {
        let plan = try TablePlanner(options: TableImportOptions(
            treaty: "CCM", source: Self.source,
            layout: .wide(participant: "state", acts: [.init(action: .ratification, column: "rat")]), treatyColumn: "treatyID"))
            .plan("treatyID,state,rat\nCCM,LTU,2011-03-24\nAPMBC,LTU,2003-05-12\nCCM,NOR,2008-12-03\n", name: "t.csv")
        #expect(Self.actions(plan) == ["LTU ratification 2011-03-24", "NOR ratification 2008-12-03"])
        #expect(plan.otherTreatyRows == 1)
        #expect(plan.rejected.isEmpty)
    }

    @Test func aMappedColumnThatIsNotThereNamesTheColumnsThatAre() {
        #expect(throws: AccordError(
            .invalidInput, "--act ratification=stateRatification: the header has no column \"stateRatification\" (its columns: \"state\", \"stateRat\"; or give a column number)",
            place: "t.csv:1")) {
            try Self.plan("state,stateRat\nLTU,2011-03-24\n", layout: .wide(participant: "state", acts: [.init(action: .ratification, column: "stateRatification")]))
        }
    }

    // MARK: - Dates

    @Test(arguments: [
        (TableDateFormat.dayMonthNameYear, "3 Dec 2008", "2008-12-03"),
        (.dayMonthNameYear, "03 December 2008", "2008-12-03"),
        (.dayMonthNameYear, "9 Sept 2013", "2013-09-09"),
        (.dayMonthYearDots, "24.3.2011", "2011-03-24"),
        (.iso, "2011-03", "2011-03"),
        (.year, "2011", "2011"),
        (.dayMonthYearSlashes, "24/03/2011", "2011-03-24"),
        (.monthDayYearSlashes, "03/24/2011", "2011-03-24"),
    ])
    func datesAreReadInEachFormat(_ format: TableDateFormat, _ text: String, _ expected: String) {
        #expect((try? format.parse(text).get())?.description == expected)
    }

    @Test(arguments: [
        (TableDateFormat.iso, "2010-02-29", "not a calendar date"),
        (.iso, "0001-01-01", "the year 0001 is outside"),
        (.iso, "1971-0706", "not a date in the form yyyy-mm-dd"),
        (.dayMonthNameYear, "30 Feb 2010", "not a calendar date"),
        (.dayMonthNameYear, "3 Dex 2008", "not a date in the form d mmm yyyy"),
        (.dayMonthYearDots, "31.12.9999", "--none \"31.12.9999\""),
        (.dayMonthYearDots, "2011-03-24", "not a date in the form dd.mm.yyyy"),
    ])
    func badDatesSayWhy(_ format: TableDateFormat, _ text: String, _ cause: String) {
        guard case .failure(let problem) = format.parse(text) else { Issue.record("\(text) was read as a date"); return }
        #expect(problem.cause.contains(cause), "\(problem.cause)")
    }

    @Test func actLettersAreSplitFromDates() {
        #expect(UNStatusHeader.splitLetter(" 9 Apr 2013 a ") == ("9 Apr 2013", "a"))
        #expect(UNStatusHeader.splitLetter("5 Oct 2016\u{00A0}AA") == ("5 Oct 2016", "AA"))
        #expect(UNStatusHeader.splitLetter("9 Apr 2013a") == ("9 Apr 2013", "a"))
        #expect(UNStatusHeader.splitLetter("3 Dec 2008") == ("3 Dec 2008", ""))
    }

    // MARK: - Participants

    @Test(arguments: [
        ("Australia 1", "AUS"), ("Germany2,3", "DEU"), ("Belize<superscript>1</superscript>", "BLZ"), ("Lithuania³", "LTU"),
        ("Bolivia (Plurinational State of)", "BOL"), ("Côte d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("Türkiye", "TUR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("State of Palestine", "PSE"), ("Holy See", "VAT"),
        ("Cook Islands", "COK"), ("Niue", "NIU"), ("Cape Verde", "CPV"), ("Cabo Verde", "CPV"), ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"), ("Czech Republic", "CZE"), ("Czechia", "CZE"), ("Netherlands (Kingdom of the) 4", "NLD"),
        ("European Union", "EUU"), ("EUU", "EUU"), ("German Democratic Republic", "DDDE"), ("USSR", "SUHH"),
        ("Union of Soviet Socialist Republics", "SUHH"), ("Yugoslavia", "YUCS"), ("Czechoslovakia", "CSHH"), ("SUHH", "SUHH"),
        ("Lao People's  Democratic\u{00A0}Republic", "LAO"),
    ])
    func participantNamesResolveToOneCode(_ name: String, _ code: String) {
        #expect(CountryRegistry.shared.code(forParticipant: name) == code)
    }

    @Test func otherParticipantsHaveTheirKindAndName() {
        let countries = CountryRegistry.shared
        #expect(countries.kind(of: "EUU") == .nonState)
        #expect(countries.kind(of: "DDDE") == .former)
        #expect(countries.kind(of: "LTU") == .country)
        #expect(countries.name(of: "CSHH") == "Czechoslovakia")
        // The ISO 3166-1 list itself is unchanged: tools that iterate over countries see no former states
        #expect(countries.names["SUHH"] == nil && countries.names.count == 249)
    }

    @Test func anUnknownParticipantIsABadRowWithTheNearestNames() throws {
        let plan = try Self.plan("Participant,Signature\nLithuana,3 Dec 2008\nSwitzerlnd,3 Dec 2008\n")
        let causes = plan.rejected.map { $0.problems[0].cause }
        #expect(causes.count == 2)
        #expect(causes[0].hasPrefix("unknown participant \"Lithuana\" (nearest: Lithuania (LTU)"), "\(causes)")
        #expect(causes[1].contains("Switzerland (CHE)"), "\(causes)")
    }
}
