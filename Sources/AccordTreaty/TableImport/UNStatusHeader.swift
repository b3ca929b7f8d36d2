/// The header of a UN Treaty Collection status table, recognized by its words,
/// not by position: a `Participant` column, then columns of acts such as
/// `Signature, Succession to signature(d)` or
/// `Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)`.
///
/// Each act column has a default act (the word without a letter) and lettered
/// acts: a date followed by `a` in that column is an accession. Letters are
/// per column (`d` is a succession to signature in one column and a succession
/// in another) and case matters (`A` acceptance, `a` accession).
public struct UNStatusHeader: Sendable, Hashable {
    /// One column of acts.
    public struct Column: Sendable, Hashable {
        /// 0-based position in the row.
        public let index: Int
        /// The header cell as written.
        public let title: String
        /// The act of a date with no letter; nil when every act of the column has a letter.
        public let defaultAct: TableAct?
        /// Letter → act.
        public let letters: [String: TableAct]

        /// The act of a date followed by `letter` ("" for none).
        public func act(letter: String) -> Result<TableAct, TableCellProblem> {
            if letter.isEmpty {
                if let defaultAct { return .success(defaultAct) }
                if letters.count == 1 { return .success(letters.values.first!) }
                return .failure(TableCellProblem("the date has no act letter and the column \"\(title)\" has no act without one; add one of \(allowed)"))
            }
            if let act = letters[letter] { return .success(act) }
            let list = letters.isEmpty ? "none" : allowed
            return .failure(TableCellProblem("act letter \"\(letter)\" is not one the column \"\(title)\" allows (\(list))"))
        }

        private var allowed: String {
            letters.keys.sorted().map { "\($0) \(letters[$0]!.label)" }.joined(separator: ", ")
        }
    }

    /// Why a header row cannot be read, and the 0-based column at fault.
    public struct HeaderProblem: Error, Sendable, Hashable {
        public let column: Int
        public let cause: String
    }

    /// 0-based position of the participant column.
    public let participantColumn: Int
    public let columns: [Column]

    /// Whether `fields` look like a UN status table's header: the first cell says `Participant`.
    public static func isHeader(_ fields: [String]) -> Bool {
        guard let first = fields.first else { return false }
        let word = CountryRegistry.strippingFootnotes(first).lowercased()
        return word == "participant" || word == "participants"
    }

    /// Reads a header row.
    ///
    /// - Returns: the header, or the 0-based column and the cause of the first cell it cannot read.
    public static func read(_ fields: [String]) -> Result<UNStatusHeader, HeaderProblem> {
        var columns: [Column] = []
        for (index, title) in fields.enumerated().dropFirst() where !title.isEmpty {
            var defaultAct: TableAct? = nil
            var letters: [String: TableAct] = [:]
            for item in title.split(separator: ",") {
                var word = item.trimmingWhitespace()
                var letter = ""
                if word.hasSuffix(")"), let open = word.lastIndex(of: "(") {
                    letter = String(word[word.index(after: open)..<word.index(before: word.endIndex)]).trimmingWhitespace()
                    word = String(word[..<open]).trimmingWhitespace()
                }
                guard let act = TableAct(unHeaderWord: word) else {
                    return .failure(HeaderProblem(column: index, cause: ("the header \"\(title)\" names an act this import does not know: \"\(word)\" (known: Signature, Ratification, Acceptance, Approval, Accession, Succession, Succession to signature, Definitive signature, Formal confirmation, Provisional application, Withdrawal)")))
                }
                if letter.isEmpty {
                    guard defaultAct == nil else {
                        return .failure(HeaderProblem(column: index, cause: ("the header \"\(title)\" names two acts without a letter; a bare date in it would be ambiguous")))
                    }
                    defaultAct = act
                } else {
                    guard letters[letter] == nil else {
                        return .failure(HeaderProblem(column: index, cause: ("the header \"\(title)\" gives the letter (\(letter)) to two acts")))
                    }
                    letters[letter] = act
                }
            }
            columns.append(Column(index: index, title: title, defaultAct: defaultAct, letters: letters))
        }
        guard !columns.isEmpty else {
            return .failure(HeaderProblem(column: 1, cause: ("the header has a Participant column but no column of acts (Signature, Ratification …)")))
        }
        return .success(UNStatusHeader(participantColumn: 0, columns: columns))
    }

    /// Splits a UN date cell into the date and its act letter: `9 Apr 2013 a` → (`9 Apr 2013`, `a`),
    /// `3 Dec 2008` → (`3 Dec 2008`, ""). Stray spaces anywhere are ignored.
    public static func splitLetter(_ cell: String) -> (date: String, letter: String) {
        var words = cell.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard let last = words.last else { return ("", "") }
        if words.count >= 2, last.count <= 2, last.allSatisfy({ $0.isLetter && $0.isASCII }),
           TableDateFormat.month(named: last) == nil {
            words.removeLast()
            return (words.joined(separator: " "), last)
        }
        // A letter stuck to the year: `9 Apr 2013a`.
        if let year = words.last, year.count > 4, year.prefix(4).allSatisfy(\.isNumber),
           year.dropFirst(4).allSatisfy({ $0.isLetter && $0.isASCII }) {
            words[words.count - 1] = String(year.prefix(4))
            return (words.joined(separator: " "), String(year.dropFirst(4)))
        }
        return (words.joined(separator: " "), "")
    }
}

extension StringProtocol {
    /// The text without surrounding white space (non-breaking spaces included).
    func trimmingWhitespace() -> String { DelimitedText.trimmed(String(self)) }
}
