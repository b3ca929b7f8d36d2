import AccordLog
import AccordTestSupport
import AccordTreaty

/// Makes realistic claim lines, as an analyst would give to `accord append --file`:
/// first one treaty claim per treaty, then per (treaty, state) a short story —
/// signature, a parliament vote with its tally, the deposit of consent (often
/// with a second source that agrees or, sometimes, disagrees), now and then a
/// withdrawal, and statements about the state — with partial dates, sources with
/// URLs and quotes, states given by code or by English name.
///
/// The number of treaties grows with the number of events (one per 1,000, at
/// least the ten real ones), so a fact holds one or two claims and a
/// (treaty, state) about two events whatever N is, as in a real archive that
/// grows by covering more treaties, not by piling claims on a few facts.
/// The same seed gives the same lines.
///
/// With `data: .disputed` each (treaty, state) gets a messy scrape instead (see
/// ``disputedStory(treaty:state:)``): about 250 claims, every action fact with 20 or
/// more heads of different dates.
struct ClaimGenerator {
    let treaties: [ClaimVocabulary.Treaty]
    let data: DataSet
    /// ISO 3166-1 alpha-3 codes (sorted) and their English short names.
    let states: [(code: String, name: String)]
    private var random: SeededGenerator
    private var queue: [[UInt8]] = []
    private var queued = 0
    private var nextPair = 0
    private let pairStride: Int

    /// One treaty per 1,000 events, at least the real ones.
    static func treatyCount(forEvents events: Int) -> Int {
        max(ClaimVocabulary.realTreaties.count, (events + 999) / 1000)
    }

    /// - Parameters:
    ///   - treatyCount: how many treaties claims are about.
    ///   - registerTreaties: start with one treaty claim per treaty.
    ///   - firstPair: where in the (treaty, state) order the stories start; two generators with
    ///     the same `firstPair` and different seeds write different claims about the same facts.
    ///   - data: realistic stories, or disputed ones.
    init(treatyCount: Int, seed: UInt64, data: DataSet = .realistic, registerTreaties: Bool = true, firstPair: Int = 0) {
        self.data = data
        var treaties = ClaimVocabulary.realTreaties
        var random = SeededGenerator(seed: 0x5EED)  // the treaties do not depend on the seed
        for i in treaties.count..<treatyCount {
            let rule = random.pick(ClaimVocabulary.rules)
            let withdrawal = random.pick(ClaimVocabulary.rules.filter { $0.0 != "on-deposit" })
            let year = Int.random(in: 1960...2020, using: &random)
            treaties.append(ClaimVocabulary.Treaty(
                code: "MT\(i)", title: "Convention No. \(i) on \(random.pick(ClaimVocabulary.topics))",
                entryIntoForce: "\(year)-\(Self.two(Int.random(in: 1...12, using: &random)))-01",
                consent: rule, withdrawal: withdrawal,
                url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=MT-\(i)&chapter=\(i % 29 + 1)",
                outlet: "UN Treaty Collection"))
        }
        self.treaties = treaties
        states = CountryRegistry.shared.names.map { (code: $0.key, name: $0.value) }.sorted { $0.code < $1.code }
        self.random = SeededGenerator(seed: seed)
        let pairs = treaties.count * states.count
        var stride = 7_919
        while Self.gcd(stride, pairs) != 1 { stride += 2 }
        pairStride = stride
        nextPair = firstPair
        if registerTreaties { queue = treaties.map(treatyLine) }
    }

    /// The next claim line (JSON, no newline).
    mutating func next() -> [UInt8] {
        while queued == queue.count {
            queue.removeAll(keepingCapacity: true)
            queued = 0
            let pair = (nextPair &* pairStride) % (treaties.count * states.count)
            nextPair += 1
            let (treaty, state) = (treaties[pair / states.count], states[pair % states.count])
            switch data {
            case .realistic: story(treaty: treaty, state: state)
            case .disputed: disputedStory(treaty: treaty, state: state)
            }
        }
        defer { queued += 1 }
        return queue[queued]
    }

    /// Writes `count` lines to `path`.
    ///
    /// - Returns: the bytes of claim JSON written (without newlines).
    mutating func write(count: Int, to path: String) throws -> Int {
        let file = try BufferedFile(path: path)
        var bytes = 0
        for _ in 0..<count {
            let line = next()
            bytes += line.count
            try file.append(line)
            try file.append(byte: 0x0a)
        }
        try file.finish(sync: false)
        return bytes
    }

    // MARK: - Stories

    private mutating func story(treaty: ClaimVocabulary.Treaty, state: (code: String, name: String)) {
        let opened = Self.day(treaty.entryIntoForce ?? "1990-01-01") - 400
        let signed = Int.random(in: max(opened, Self.day("1965-01-01"))...Self.day("2023-06-30"), using: &random)
        let consent = signed + Int.random(in: 30...1_500, using: &random)
        if random.chance(0.7) {
            action(treaty, state, "signature", date: date(signed), sources: [source(treaty, state, "signature", signed)])
        }
        if random.chance(0.15) {
            let vote = consent - Int.random(in: 10...90, using: &random)
            action(treaty, state, "parliament-vote", stage: random.chance(0.8) ? "final" : "first-reading",
                   date: date(vote), tally: (Int.random(in: 50...300, using: &random), Int.random(in: 0...40, using: &random), random.chance(0.5) ? Int.random(in: 0...20, using: &random) : nil),
                   sources: [news(treaty, state, "vote", vote)])
        }
        if random.chance(0.9) {
            let kind = random.pick(["ratification", "ratification", "ratification", "accession", "accession", "acceptance", "approval", "succession"])
            var sources = [source(treaty, state, kind, consent)]
            if random.chance(0.15) { sources.append(news(treaty, state, kind, consent)) }
            action(treaty, state, kind, date: date(consent), sources: sources)
            if random.chance(0.3) {
                // A second analyst's reading: mostly the same date or a coarser one containing it, sometimes another day.
                let disagrees = random.chance(0.2)
                let day = disagrees ? consent + Int.random(in: 1...40, using: &random) : consent
                let text = disagrees ? Self.text(day) : random.pick([Self.text(day), String(Self.text(day).prefix(7)), String(Self.text(day).prefix(4))])
                action(treaty, state, kind, date: text, sources: [news(treaty, state, kind, day)], note: random.pick(ClaimVocabulary.notes))
            }
        }
        if random.chance(0.04) {
            let notified = Int.random(in: max(consent + 400, Self.day("2015-01-01"))...max(consent + 401, Self.day("2025-06-30")), using: &random)
            action(treaty, state, "withdrawal-notification", date: date(notified), sources: [news(treaty, state, "withdrawal", notified)])
            if random.chance(0.5) {
                let effective = notified + 182
                action(treaty, state, "withdrawal-effective", date: Self.text(effective), sources: [source(treaty, state, "withdrawal", effective)])
            }
        }
        if random.chance(0.1) { statement(state) }
    }

    /// A (treaty, state) as a messy news scrape or a hostile peer reports it: the same
    /// five action facts as a full story (signature, final parliament vote, consent,
    /// withdrawal notified, withdrawal effective), each claimed 35–70 times by sources
    /// that disagree — at least 20 (and about 60 %) of the claims give distinct days
    /// within 400 days of the true one, the others repeat one of those days or give
    /// its month or year — then a few statements; about 250 claims, in shuffled order.
    private mutating func disputedStory(treaty: ClaimVocabulary.Treaty, state: (code: String, name: String)) {
        let opened = Self.day(treaty.entryIntoForce ?? "1990-01-01") - 400
        let signed = Int.random(in: max(opened, Self.day("1966-06-01"))...Self.day("2023-06-30"), using: &random)
        let consent = signed + Int.random(in: 30...1_500, using: &random)
        let vote = consent - Int.random(in: 10...90, using: &random)
        let notified = Int.random(in: max(consent + 400, Self.day("2015-01-01"))...max(consent + 401, Self.day("2025-06-30")), using: &random)
        let kind = random.pick(["ratification", "ratification", "accession", "acceptance", "approval"])
        let facts: [(action: String, stage: String?, day: Int, claims: ClosedRange<Int>, topic: String)] = [
            ("signature", nil, signed, 40...50, "signature"),
            ("parliament-vote", "final", vote, 30...40, "vote"),
            (kind, nil, consent, 60...70, kind),
            ("withdrawal-notification", nil, notified, 50...60, "withdrawal"),
            ("withdrawal-effective", nil, notified + 182, 40...50, "withdrawal"),
        ]
        let start = queue.count
        for fact in facts {
            let count = Int.random(in: fact.claims, using: &random)
            var days: [Int] = [], seen: Set<Int> = []
            while days.count < max(20, count * 3 / 5) {
                let day = fact.day + Int.random(in: -400...400, using: &random)
                if seen.insert(day).inserted { days.append(day) }
            }
            for i in 0..<count {
                let day = i < days.count ? days[i] : random.pick(days)
                let text = Self.text(day)
                let date = i < days.count ? text : random.pick([text, text, String(text.prefix(7)), String(text.prefix(4))])
                let sources = random.chance(0.1) ? [source(treaty, state, fact.topic, day)] : [news(treaty, state, fact.topic, day)]
                let tally: (Int, Int, Int?)? = fact.action == "parliament-vote"
                    ? (Int.random(in: 50...300, using: &random), Int.random(in: 0...40, using: &random), Int.random(in: 0...20, using: &random))
                    : nil
                action(treaty, state, fact.action, stage: fact.stage, date: date, tally: tally, sources: sources)
            }
        }
        for _ in 0..<Int.random(in: 2...8, using: &random) { statement(state) }
        // Arrival order of a scrape: the story's claims shuffled (Fisher–Yates, seeded).
        for i in stride(from: queue.count - 1, to: start, by: -1) {
            queue.swapAt(i, Int.random(in: start...i, using: &random))
        }
    }

    /// A date at the precision analysts get from sources: mostly the day, sometimes the month or the year;
    /// now and then an interval (“in the autumn”).
    private mutating func date(_ day: Int) -> String {
        let text = Self.text(day)
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<68: return text
        case 68..<88: return String(text.prefix(7))
        case 88..<97: return String(text.prefix(4))
        default: return "\(text.prefix(7))/\(Self.text(day + 62).prefix(7))"
        }
    }

    private mutating func stateField(_ state: (code: String, name: String)) -> String {
        random.chance(0.3) ? state.name : state.code
    }

    private mutating func action(
        _ treaty: ClaimVocabulary.Treaty, _ state: (code: String, name: String), _ action: String, stage: String? = nil,
        date: String, tally: (Int, Int, Int?)? = nil, sources: [[UInt8]], note: String? = nil
    ) {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("type"); w.string("action")
        w.key("treaty"); w.string(treaty.code)
        w.key("state"); w.string(stateField(state))
        w.key("action"); w.string(action)
        if let stage { w.key("stage"); w.string(stage) }
        w.key("date"); w.string(date)
        if let tally {
            w.key("tally")
            w.beginObject()
            w.key("for"); w.integer(Int64(tally.0))
            w.key("against"); w.integer(Int64(tally.1))
            if let abstain = tally.2 { w.key("abstain"); w.integer(Int64(abstain)) }
            w.endObject()
        }
        w.key("sources")
        w.beginArray()
        for s in sources { w.raw(s) }
        w.endArray()
        if let note = note ?? (random.chance(0.1) ? random.pick(ClaimVocabulary.notes) : nil) { w.key("note"); w.string(note) }
        w.endObject()
        queue.append(w.bytes)
    }

    private mutating func statement(_ state: (code: String, name: String)) {
        let day = Int.random(in: Self.day("2015-01-01")...Self.day("2025-06-30"), using: &random)
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("type"); w.string("statement")
        w.key("subject"); w.string(stateField(state))
        w.key("property"); w.string(random.pick(ClaimVocabulary.properties))
        w.key("value"); w.string(random.pick(ClaimVocabulary.statementValues))
        if random.chance(0.6) { w.key("date"); w.string(date(day)) }
        w.key("sources")
        w.beginArray()
        let (outlet, domain) = random.pick(ClaimVocabulary.outlets)
        w.beginObject()
        w.key("url"); w.string("https://\(domain)/\(Self.text(day).prefix(7).replacingOccurrences(of: "-", with: "/"))/\(slug())-\(Int.random(in: 100_000...9_999_999, using: &random))")
        w.key("outlet"); w.string(outlet)
        w.key("published"); w.string(Self.text(day))
        w.key("quote"); w.string("Officials in \(state.name) said the plan covers \(random.pick(ClaimVocabulary.statementValues).prefix(60))…")
        w.endObject()
        w.endArray()
        w.endObject()
        queue.append(w.bytes)
    }

    private func treatyLine(_ t: ClaimVocabulary.Treaty) -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        func rule(_ r: (String, String?, Int)) {
            w.beginObject()
            w.key("rule"); w.string(r.0)
            if let key = r.1 { w.key(key); w.integer(Int64(r.2)) }
            w.endObject()
        }
        w.beginObject()
        w.key("type"); w.string("treaty")
        w.key("treaty"); w.string(t.code)
        w.key("title"); w.string(t.title)
        if let e = t.entryIntoForce { w.key("entry_into_force"); w.string(e) }
        w.key("consent_takes_effect"); rule(t.consent)
        w.key("withdrawal_takes_effect"); rule(t.withdrawal)
        w.key("sources")
        w.beginArray()
        w.beginObject()
        w.key("url"); w.string(t.url)
        w.key("outlet"); w.string(t.outlet)
        w.key("quote"); w.string("This \(t.title) shall enter into force for each State in accordance with its final clauses.")
        w.endObject()
        w.endArray()
        w.endObject()
        return w.bytes
    }

    // MARK: - Sources

    /// The depositary's record of an action.
    private mutating func source(_ t: ClaimVocabulary.Treaty, _ state: (code: String, name: String), _ action: String, _ day: Int) -> [UInt8] {
        var w = JSONWriter(capacity: 320)
        w.beginObject()
        w.key("url"); w.string(t.url)
        w.key("outlet"); w.string(t.outlet)
        let noun = action == "signature" ? "signature" : action == "withdrawal" ? "notification of withdrawal" : "instrument of \(action)"
        w.key("quote"); w.string("\(state.name): \(noun) deposited with the depositary on \(Self.prose(day)).")
        if random.chance(0.3) {
            w.key("retrieved"); w.string(Self.text(Int.random(in: Self.day("2024-01-01")...Self.day("2025-10-31"), using: &random)))
        }
        w.endObject()
        return w.bytes
    }

    /// A news article reporting an action.
    private mutating func news(_ t: ClaimVocabulary.Treaty, _ state: (code: String, name: String), _ action: String, _ day: Int) -> [UInt8] {
        let (outlet, domain) = random.pick(ClaimVocabulary.outlets)
        let published = day + Int.random(in: 0...20, using: &random)
        let month = ClaimVocabulary.monthNames[(Int(Self.text(day).dropFirst(5).prefix(2)) ?? 1) - 1]
        let quote: String
        switch action {
        case "vote": quote = "Lawmakers in \(state.name) voted in \(month) to approve the \(t.code), sending the bill to the president for signature."
        case "withdrawal": quote = "\(state.name) has notified the depositary that it will leave the \(t.title), citing the security situation."
        default: quote = "\(state.name) became the latest state to join the \(t.code) when its \(action) was deposited in \(month)."
        }
        var w = JSONWriter(capacity: 320)
        w.beginObject()
        w.key("url"); w.string("https://\(domain)/\(Self.text(published).prefix(7).replacingOccurrences(of: "-", with: "/"))/\(slug())-\(Int.random(in: 100_000...9_999_999, using: &random))")
        w.key("outlet"); w.string(outlet)
        w.key("published"); w.string(Self.text(published))
        w.key("quote"); w.string(quote)
        w.endObject()
        return w.bytes
    }

    private mutating func slug() -> String {
        (0..<Int.random(in: 2...4, using: &random)).map { _ in random.pick(ClaimVocabulary.slugWords) }.joined(separator: "-")
    }

    // MARK: - Dates

    /// Day number (days since 1970-01-01) of a full date.
    static func day(_ text: String) -> Int {
        guard case .success(let date) = PartialDate.parse(text) else { preconditionFailure("bad date \(text)") }
        return date.firstDay
    }

    /// `YYYY-MM-DD` of a day number.
    static func text(_ day: Int) -> String { PartialDate(dayNumber: day).description }

    /// `24 March 2011`.
    static func prose(_ day: Int) -> String {
        let date = PartialDate(dayNumber: day)
        return "\(date.day ?? 1) \(ClaimVocabulary.monthNames[(date.month ?? 1) - 1]) \(date.year)"
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
