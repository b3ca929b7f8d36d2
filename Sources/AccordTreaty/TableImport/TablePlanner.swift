import AccordLog

/// Reads a table's rows into claims: a UN Treaty Collection status table by
/// its header, or any table with the mapping the options give. Pure: it reads
/// text and writes nothing.
public struct TablePlanner: Sendable {
    public let options: TableImportOptions
    public let countries: CountryRegistry

    public init(options: TableImportOptions, countries: CountryRegistry = .shared) {
        self.options = options
        self.countries = countries
    }

    /// Reads `text` into claims and bad rows.
    ///
    /// - Parameter name: the file's name, for places (`ccm.csv:14:3`).
    /// - Throws: ``AccordError`` `.invalidInput` when the table as a whole cannot be read: no
    ///   header, a header cell that names no act, a mapped column missing, a quote that never ends.
    ///   Problems of single rows are not thrown: they are the plan's ``TablePlan/rejected`` rows.
    /// - Complexity: O(rows × columns).
    public func plan(_ text: String, name: String) throws(AccordError) -> TablePlan {
        let delimiter = options.delimiter ?? DelimitedText.guessDelimiter(text)
        let records = try DelimitedText.records(text, delimiter: delimiter, name: name)
        let layout = options.layout ?? .unStatus
        var reader: RowReader
        var headerIndex: Int
        switch layout {
        case .unStatus:
            guard let index = records.prefix(100).firstIndex(where: { UNStatusHeader.isHeader($0.fields) }) else {
                throw AccordError(
                    .invalidInput,
                    "not a UN Treaty Collection status table: no row starts with a \"Participant\" column; for any other table, say which columns hold what (--participant COLUMN --act ACTION=COLUMN, see `accord import --help`)",
                    place: name)
            }
            headerIndex = index
            switch UNStatusHeader.read(records[index].fields) {
            case .success(let header): reader = .un(header)
            case .failure(let failure):
                throw AccordError(.invalidInput, failure.cause, place: "\(name):\(records[index].line):\(failure.column + 1)")
            }
        case .wide(let participant, let acts):
            guard let index = records.firstIndex(where: { !$0.isBlank }) else {
                throw AccordError(.invalidInput, "the table is empty", place: name)
            }
            headerIndex = index
            let header = records[index]
            let p = try column(participant, flag: "--participant", in: header, name: name)
            var columns: [(TreatyAction, Int)] = []
            for act in acts { columns.append((act.action, try column(act.column, flag: "--act \(act.action.rawValue)=", in: header, name: name))) }
            reader = .wide(participant: p, acts: columns)
        case .long(let participant, let action, let date):
            guard let index = records.firstIndex(where: { !$0.isBlank }) else {
                throw AccordError(.invalidInput, "the table is empty", place: name)
            }
            headerIndex = index
            let header = records[index]
            reader = .long(
                participant: try column(participant, flag: "--participant", in: header, name: name),
                action: try column(action, flag: "--action-column", in: header, name: name),
                date: try column(date, flag: "--date-column", in: header, name: name))
        }
        let treatyColumn = try options.treatyColumn.map { text throws(AccordError) in
            try column(text, flag: "--treaty-column ", in: records[headerIndex], name: name)
        }
        let format = options.dateFormat ?? (layout == .unStatus ? .dayMonthNameYear : .iso)
        var claims: [TablePlan.PlannedClaim] = []
        var rejected: [TablePlan.RejectedRow] = []
        var unrecorded: [String: Int] = [:]
        var seen: [FactKey: (value: FactValue, line: Int)] = [:]
        var rowCount = 0
        var skippedLines = 0
        var otherTreatyRows = 0
        for record in records[(headerIndex + 1)...] where !record.isBlank {
            if case .un = reader, record.fields.count == 1 { skippedLines += 1; continue }
            if let treatyColumn, record[treatyColumn] != options.treaty { otherTreatyRows += 1; continue }
            rowCount += 1
            var row = RowResult()
            read(record, with: reader, format: format, name: name, into: &row)
            // A table states each fact once: the same value again is kept once, another value is a bad row.
            if row.problems.isEmpty {
                for planned in row.claims {
                    guard let earlier = seen[planned.claim.fact] else { continue }
                    if let value = FactValue(planned.claim), value != earlier.value {
                        row.problems.append(.init(
                            column: planned.column,
                            cause: "line \(earlier.line) already gives \(planned.claim.fact) as \(earlier.value.summary); a table states each fact once"))
                    }
                }
            }
            if !row.problems.isEmpty {
                rejected.append(TablePlan.RejectedRow(record: record, problems: row.problems))
                continue
            }
            for planned in row.claims where seen[planned.claim.fact] == nil {
                if let value = FactValue(planned.claim) { seen[planned.claim.fact] = (value, record.line) }
                claims.append(planned)
            }
            for (act, n) in row.unrecorded { unrecorded[act, default: 0] += n }
        }
        return TablePlan(
            layout: layout, header: records[headerIndex], delimiter: delimiter, dateFormat: format, claims: claims,
            rejected: rejected, rowCount: rowCount, unrecorded: unrecorded, otherTreatyRows: otherTreatyRows,
            skippedLines: skippedLines)
    }

    // MARK: - Rows

    private enum RowReader {
        case un(UNStatusHeader)
        case wide(participant: Int, acts: [(TreatyAction, Int)])
        case long(participant: Int, action: Int, date: Int)
    }

    private struct RowResult {
        var claims: [TablePlan.PlannedClaim] = []
        var problems: [TablePlan.RejectedRow.Problem] = []
        var unrecorded: [String: Int] = [:]
    }

    private func read(_ record: TableRecord, with reader: RowReader, format: TableDateFormat, name: String, into row: inout RowResult) {
        let participantColumn: Int
        switch reader {
        case .un(let header): participantColumn = header.participantColumn
        case .wide(let p, _): participantColumn = p
        case .long(let p, _, _): participantColumn = p
        }
        let participant = record[participantColumn]
        var code: String? = nil
        if participant.isEmpty {
            row.problems.append(.init(column: participantColumn + 1, cause: "the row names no participant"))
        } else if let found = countries.code(forParticipant: participant) {
            code = found
        } else {
            let nearest = countries.nearestNames(to: CountryRegistry.strippingFootnotes(participant))
            row.problems.append(.init(
                column: participantColumn + 1,
                cause: "unknown participant \"\(participant)\"\(nearest.isEmpty ? "" : " (nearest: \(nearest.joined(separator: ", ")))")"))
        }
        func add(_ act: TableAct, _ date: PartialDate, column: Int) {
            switch act {
            case .unrecorded(let what): row.unrecorded[what, default: 0] += 1
            case .action(let action, let note):
                guard let code else { return }
                var source = options.source
                source.quote = record.text
                let claim = Claim(
                    .action(ActionClaim(treaty: options.treaty, state: code, action: action, date: DateSpan(date), sources: [source])),
                    note: note)
                row.claims.append(TablePlan.PlannedClaim(claim: claim, line: record.line, column: column + 1, place: "\(name):\(record.line):\(column + 1)"))
            }
        }
        func date(_ text: String, column: Int) -> PartialDate? {
            switch format.parse(text) {
            case .success(let date): return date
            case .failure(let problem):
                row.problems.append(.init(column: column + 1, cause: problem.cause))
                return nil
            }
        }
        switch reader {
        case .un(let header):
            for column in header.columns {
                let cell = record[column.index]
                if isNone(cell) { continue }
                let (text, letter) = UNStatusHeader.splitLetter(cell)
                guard let parsed = date(text, column: column.index) else { continue }
                switch column.act(letter: letter) {
                case .success(let act): add(act, parsed, column: column.index)
                case .failure(let problem): row.problems.append(.init(column: column.index + 1, cause: problem.cause))
                }
            }
        case .wide(_, let acts):
            for (action, column) in acts {
                let cell = record[column]
                if isNone(cell) { continue }
                if let parsed = date(cell, column: column) { add(.action(action, note: nil), parsed, column: column) }
            }
        case .long(_, let actionColumn, let dateColumn):
            let actionText = record[actionColumn]
            guard let act = TableAct(cell: actionText) else {
                row.problems.append(.init(
                    column: actionColumn + 1,
                    cause: actionText.isEmpty ? "the row names no action" : "unknown action \"\(actionText)\" (valid: \(TreatyAction.validValues))"))
                return
            }
            let cell = record[dateColumn]
            if isNone(cell) { return }
            if let parsed = date(cell, column: dateColumn) { add(act, parsed, column: dateColumn) }
        }
    }

    private func isNone(_ cell: String) -> Bool { cell.isEmpty || options.noneValues.contains(cell) }

    // MARK: - Columns

    /// The 0-based index of the column named `text` in `header` (its header, any case, or its 1-based number).
    private func column(_ text: String, flag: String, in header: TableRecord, name: String) throws(AccordError) -> Int {
        let wanted = text.trimmingWhitespace().lowercased()
        if let index = header.fields.firstIndex(where: { $0.lowercased() == wanted }) { return index }
        if let number = Int(wanted), number >= 1, number <= header.fields.count { return number - 1 }
        let columns = header.fields.map { "\"\($0)\"" }.joined(separator: ", ")
        throw AccordError(
            .invalidInput, "\(flag)\(text): the header has no column \"\(text)\" (its columns: \(columns); or give a column number)",
            place: "\(name):\(header.line)")
    }
}
