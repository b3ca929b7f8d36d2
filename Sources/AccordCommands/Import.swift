import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord import`: records the claims of a treaty status table, citing the table.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a status table's acts as claims: a UN Treaty Collection table, or any CSV with a mapping.",
            discussion: """
                A UN Treaty Collection status table (saved as CSV or TSV, or its table copied as text) is recognized by its header: a Participant column, then columns of acts such as "Signature" or "Ratification, Acceptance(A), Approval(AA), Accession(a)". A date may carry the letter of its act ("9 Apr 2013 a" is an accession); participant names may carry footnote numbers ("Germany2,3"). Provisional application (n) is counted but not recorded (no claim action); a definitive signature (s) or formal confirmation (c) is recorded as ratification, a succession to signature (d) as signature, with a note saying so.

                Any other table needs a mapping: --participant COLUMN and, one row per participant ("wide"), --act ACTION=COLUMN for each act column; or, one row per act ("long"), --action-column and --date-column. Columns are named by header or number; participants by name (UN and older names, ISO 3166-1 codes, EUU for the European Union, ISO 3166-3 codes such as SUHH for former states).

                Every claim cites --source (its outlet and retrieval date, default: the file's modification date) and quotes its row. The treaty must be registered first (a treaty claim, see `accord append --help`).

                All or nothing: a bad row (a date not on the calendar, an unknown participant, an act letter the header does not allow) stops the import with its file:line:column and nothing is recorded; --dry-run lists every bad row; --skip-bad-rows records the good rows and writes the bad ones, with their causes, to FILE.rejected.csv (or --rejected PATH).

                Importing the same table again records nothing. A later copy from the same --source records what changed: new rows, new dates, and corrections that supersede the source's own earlier claims (ask `accord status --known-at` for the earlier view). A date that disagrees with another source is recorded as a dispute.

                Examples:
                  # the CCM's status page on treaties.un.org, saved as CSV
                  accord import ccm-status.csv --treaty CCM \\
                      --source "$CCM_STATUS_URL" --retrieved 2025-03-05
                  accord import ccm-status.csv --treaty CCM \\
                      --source "$CCM_STATUS_URL" --dry-run
                  # a research dataset: a row per (treaty, state)
                  accord import members.csv --treaty NPT \\
                      --source https://example.org/dataset \\
                      --treaty-column treatyID --participant stateName \\
                      --act signature=stateSig --act ratification=stateRat \\
                      --act withdrawal-effective=stateWithdrawal \\
                      --date-format dd.mm.yyyy --none NA --none 31.12.9999
                  # a row per act
                  accord import acts.csv --treaty CCM --source URL \\
                      --participant state --action-column action \\
                      --date-column date
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: ArgumentHelp("The table: CSV, TSV or copied text.", valueName: "file")) var file: String

        @Option(help: "Treaty code, e.g. CCM (registered with a treaty claim).") var treaty: String
        @Option(help: "The table's URL (or a citation), cited by every claim.") var source: String
        @Option(help: "The source's outlet (default for a UN table: UN Treaty Collection).") var outlet: String?
        @Option(help: ArgumentHelp("When this copy was taken, YYYY-MM-DD (default: the file's modification date).", valueName: "date")) var retrieved: String?

        @Option(help: ArgumentHelp("The participant column (header or number) of a mapped table.", valueName: "column")) var participant: String?
        @Option(help: ArgumentHelp("An act column of a wide table, ACTION=COLUMN (repeatable), e.g. ratification=stateRat.", valueName: "action=column")) var act: [String] = []
        @Option(name: .customLong("action-column"), help: ArgumentHelp("The action column of a long table.", valueName: "column")) var actionColumn: String?
        @Option(name: .customLong("date-column"), help: ArgumentHelp("The date column of a long table.", valueName: "column")) var dateColumn: String?
        @Option(name: .customLong("date-format"), help: ArgumentHelp("How dates are written: \(TableDateFormat.names) (default: d mmm yyyy for a UN table, else yyyy-mm-dd).", valueName: "format")) var dateFormat: String?
        @Option(help: ArgumentHelp("A cell value that means no date, besides an empty cell (repeatable), e.g. NA or 31.12.9999.", valueName: "value")) var none: [String] = []
        @Option(name: .customLong("treaty-column"), help: ArgumentHelp("For a table of many treaties: the column that names each row's treaty; only the rows of --treaty are read.", valueName: "column")) var treatyColumn: String?
        @Option(help: ArgumentHelp("The cell delimiter: comma, semicolon or tab (default: guessed from the header).", valueName: "delimiter")) var delimiter: String?

        @Flag(name: .customLong("dry-run"), help: "Show what would be recorded, per action, and record nothing.") var dryRun = false
        @Flag(name: .customLong("skip-bad-rows"), help: "Record the good rows; write the bad ones, with their causes, to a file.") var skipBadRows = false
        @Option(help: ArgumentHelp("Where --skip-bad-rows writes the bad rows (default: FILE.rejected.csv beside the table).", valueName: "path")) var rejected: String?
        @Flag(help: "Print what was read and recorded as one JSON object, for scripts.") var json = false

        func run() throws {
            try runReporting {
                let importOptions = try tableOptions()
                let text = try readTable()
                let replica = try options.open()
                let phase = PhaseLine(enabled: Terminal.stderrIsTerminal && text.text.utf8.count >= PhaseLine.bigTable)
                phase.show("reading \(file)…")
                let plan = try TablePlanner(options: importOptions).plan(text.text, name: file)
                phase.show("comparing \(plan.claims.count) claims with the store…")
                let review = try replica.review(plan, treaty: treaty, source: source)
                phase.clear()
                if !plan.rejected.isEmpty && !skipBadRows && !dryRun {
                    let first = plan.rejected[0]
                    let problem = first.problems[0]
                    let more = plan.rejected.count > 1 ? " (and \(plan.rejected.count - 1) more bad row\(plan.rejected.count == 2 ? "" : "s"))" : ""
                    throw AccordError(
                        .invalidInput,
                        "\(problem.cause)\(more); nothing recorded (see every bad row with --dry-run, or record the good rows with --skip-bad-rows)",
                        place: "\(file):\(first.record.line):\(problem.column)")
                }
                if !json { printSummary(plan, review: review, retrievedNote: text.retrievedNote, source: importOptions.source) }
                if dryRun {
                    if json {
                        printJSON(plan, review: review, source: importOptions.source, rejectedPath: nil, recorded: 0)
                    } else {
                        for row in plan.rejected { Terminal.line("bad row: \(row.description(file: file))") }
                    }
                    if !plan.rejected.isEmpty && !skipBadRows {
                        throw AccordError(
                            .invalidInput,
                            "\(plan.rejected.count) bad row\(plan.rejected.count == 1 ? "" : "s") (listed \(json ? "in bad_rows" : "above")): the import would record nothing (record the good rows with --skip-bad-rows)",
                            place: file)
                    }
                    if !json { Terminal.line("dry run: nothing recorded") }
                    return
                }
                var rejectedPath: String? = nil
                if !plan.rejected.isEmpty {
                    let path = rejected ?? defaultRejectedPath
                    try AtomicFile.write(Array(rejectedTable(plan).utf8), to: path)
                    rejectedPath = path
                }
                let claims = review.claimsToAppend
                guard !claims.isEmpty else {
                    if json {
                        printJSON(plan, review: review, source: importOptions.source, rejectedPath: rejectedPath, recorded: 0)
                    } else {
                        reportRejected(plan, path: rejectedPath)
                        Terminal.line("nothing to record: this source already says all of it")
                    }
                    return
                }
                let envelopes: [Envelope]
                phase.show("recording \(claims.count) claims…")
                do { envelopes = try replica.append(claims, places: review.placesToAppend) } catch {
                    phase.clear()
                    if let rejectedPath { try? FileManager.default.removeItem(atPath: rejectedPath) }
                    throw error
                }
                phase.clear()
                if json {
                    printJSON(plan, review: review, source: importOptions.source, rejectedPath: rejectedPath, recorded: envelopes.count)
                    return
                }
                reportRejected(plan, path: rejectedPath)
                let range = envelopes.count == 1 ? "seq \(envelopes[0].seq)" : "seq \(envelopes.first!.seq)–\(envelopes.last!.seq)"
                Terminal.line("recorded \(envelopes.count) claim\(envelopes.count == 1 ? "" : "s") in \(replica.store.name)'s feed (\(range))")
            }
        }

        /// One line on a terminal's stderr that says what a big import is doing, rewritten in place.
        private struct PhaseLine {
            /// Tables from this many bytes (about 50,000 rows) show it.
            static let bigTable = 4 << 20
            let enabled: Bool
            func show(_ text: String) { if enabled { Terminal.rawDiagnostic("\r\u{1B}[K\(text)") } }
            func clear() { if enabled { Terminal.rawDiagnostic("\r\u{1B}[K") } }
        }

        // MARK: - Arguments

        private func tableOptions() throws -> TableImportOptions {
            var layout: TableLayout? = nil
            if let participant {
                if !act.isEmpty {
                    guard actionColumn == nil, dateColumn == nil else {
                        throw UsageError("give either --act ACTION=COLUMN (a column per act) or --action-column and --date-column (a row per act), not both")
                    }
                    layout = .wide(participant: participant, acts: try act.map(wideAct))
                } else if let actionColumn, let dateColumn {
                    layout = .long(participant: participant, action: actionColumn, date: dateColumn)
                } else {
                    throw UsageError("--participant \(participant): say where the acts are, with --act ACTION=COLUMN (repeatable) or with --action-column and --date-column")
                }
            } else if !act.isEmpty || actionColumn != nil || dateColumn != nil {
                throw UsageError("--act, --action-column and --date-column need --participant COLUMN (the column that names the participant)")
            }
            var format: TableDateFormat? = nil
            if let dateFormat {
                guard let f = TableDateFormat(argument: dateFormat) else {
                    throw UsageError("--date-format \(dateFormat): expected one of \(TableDateFormat.names)")
                }
                format = f
            }
            var separator: DelimitedText.Delimiter? = nil
            if let delimiter {
                guard let d = DelimitedText.Delimiter(argument: delimiter) else {
                    throw UsageError("--delimiter \(delimiter): expected comma, semicolon or tab")
                }
                separator = d
            }
            guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { throw UsageError("--source must name the table (a URL or a citation)") }
            var retrievedDate = fileModificationDay
            if let retrieved {
                guard case .success(let date) = PartialDate.parse(retrieved) else {
                    throw AccordError(.invalidInput, "--retrieved \(retrieved) is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
                }
                retrievedDate = date
            }
            let outletName = outlet ?? (layout == nil ? "UN Treaty Collection" : nil)
            return TableImportOptions(
                treaty: treaty, source: Source(url: source, outlet: outletName, retrieved: retrievedDate), layout: layout,
                dateFormat: format, noneValues: Set(none.map { $0.trimmingCharacters(in: .whitespaces) }), delimiter: separator,
                treatyColumn: treatyColumn)
        }

        private func wideAct(_ text: String) throws -> TableLayout.WideAct {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw UsageError("--act \(text): expected ACTION=COLUMN, e.g. ratification=stateRat")
            }
            guard let action = TreatyAction(rawValue: parts[0]) else {
                throw UsageError("--act \(text): unknown action \"\(parts[0])\" (valid: \(TreatyAction.validValues))")
            }
            return TableLayout.WideAct(action: action, column: parts[1])
        }

        /// The table's text, and when --retrieved is not given, the note that says where the date came from.
        private func readTable() throws -> (text: String, retrievedNote: String?) {
            guard let data = FileManager.default.contents(atPath: file) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
                throw AccordError(.io, exists ? (isDirectory.boolValue ? "is a directory, not a table" : "cannot read the file") : "no such file", place: file)
            }
            // Spreadsheets save "Unicode text" as UTF-16 with a byte-order mark; everything else should be UTF-8.
            let utf16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
            guard let text = String(data: data, encoding: utf16 ? .utf16 : .utf8) else {
                throw AccordError(.invalidInput, "is not UTF-8 text (save the table as \"CSV UTF-8\")", place: file)
            }
            return (text, retrieved == nil ? "the file's modification date; state it with --retrieved" : nil)
        }

        private var fileModificationDay: PartialDate? {
            guard let date = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date else { return nil }
            return PartialDate(dayNumber: Int(floor(date.timeIntervalSince1970 / 86_400)))
        }

        // MARK: - Output

        private func printSummary(_ plan: TablePlan, review: TableImportReview, retrievedNote: String?, source: Source) {
            let delimiter = plan.delimiter == .tab ? "tab" : "\"\(plan.delimiter.rawValue)\""
            Terminal.line("\(file): \(plan.layout.description), \(plan.rowCount) row\(plan.rowCount == 1 ? "" : "s") (cells split by \(delimiter), dates as \(plan.dateFormat.rawValue))")
            var sourceLine = "source: \(source.url)"
            if let outlet = source.outlet { sourceLine += " (\(outlet))" }
            if let retrievedDay = source.retrieved { sourceLine += ", retrieved \(retrievedDay)" + (retrievedNote.map { " (\($0))" } ?? "") }
            Terminal.line(sourceLine)
            let headers = ["action", "new", "unchanged", "corrections", "disagreeing"]
            var rows: [[String]] = []
            for (action, outcomes) in review.counts {
                rows.append([action.rawValue] + TableImportReview.Outcome.allCases.map { String(outcomes[$0] ?? 0) })
            }
            rows.append(["total"] + TableImportReview.Outcome.allCases.map { String(review.count($0)) })
            let widths = headers.indices.map { i in ([headers[i]] + rows.map { $0[i] }).map(\.count).max()! }
            func format(_ cells: [String]) -> String {
                cells.enumerated().map { i, cell in
                    i == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[i] - cell.count) + cell
                }.joined(separator: "  ")
            }
            Terminal.line(format(headers))
            for row in rows { Terminal.line(format(row)) }
            for (act, n) in plan.unrecorded.sorted(by: { $0.key < $1.key }) {
                Terminal.line("not recorded: \(n) \(act) date\(n == 1 ? "" : "s") (no claim action for it)")
            }
            if plan.otherTreatyRows > 0 {
                Terminal.line("skipped \(plan.otherTreatyRows) row\(plan.otherTreatyRows == 1 ? "" : "s") of other treaties (--treaty-column)")
            }
            if plan.skippedLines > 0 {
                Terminal.line("skipped \(plan.skippedLines) line\(plan.skippedLines == 1 ? "" : "s") of one cell after the header (titles, notes)")
            }
        }

        /// `{"file":…,"table":"un-status","rows":124,"source":{…},"actions":[{"action":"signature","new":106,
        /// "unchanged":0,"corrections":0,"disagreeing":0},…],"not_recorded":{…},"bad_rows":[{"line":5,"column":1,
        /// "cause":"…"}],"rejected_file":null,"dry_run":false,"recorded":218}` on one line.
        private func printJSON(_ plan: TablePlan, review: TableImportReview, source: Source, rejectedPath: String?, recorded: Int) {
            var w = JSONWriter()
            w.beginObject()
            w.key("file"); w.string(file)
            w.key("table")
            switch plan.layout {
            case .unStatus: w.string("un-status")
            case .wide: w.string("wide")
            case .long: w.string("long")
            }
            w.key("rows"); w.integer(Int64(plan.rowCount))
            w.key("source")
            w.beginObject()
            w.key("url"); w.string(source.url)
            if let outlet = source.outlet { w.key("outlet"); w.string(outlet) }
            if let retrieved = source.retrieved { w.key("retrieved"); w.string(retrieved.description) }
            w.endObject()
            w.key("actions")
            w.beginArray()
            for (action, outcomes) in review.counts {
                w.beginObject()
                w.key("action"); w.string(action.rawValue)
                for outcome in TableImportReview.Outcome.allCases {
                    w.key(outcome == .correction ? "corrections" : outcome.rawValue); w.integer(Int64(outcomes[outcome] ?? 0))
                }
                w.endObject()
            }
            w.endArray()
            w.key("not_recorded")
            w.beginObject()
            for (act, n) in plan.unrecorded.sorted(by: { $0.key < $1.key }) { w.key(act); w.integer(Int64(n)) }
            w.endObject()
            w.key("bad_rows")
            w.beginArray()
            for row in plan.rejected {
                for problem in row.problems {
                    w.beginObject()
                    w.key("line"); w.integer(Int64(row.record.line))
                    w.key("column"); w.integer(Int64(problem.column))
                    w.key("cause"); w.string(problem.cause)
                    w.endObject()
                }
            }
            w.endArray()
            w.key("rejected_file")
            if let rejectedPath { w.string(rejectedPath) } else { w.null() }
            w.key("dry_run"); w.bool(dryRun)
            w.key("recorded"); w.integer(Int64(recorded))
            w.endObject()
            Terminal.line(w.string)
        }

        private func reportRejected(_ plan: TablePlan, path: String?) {
            guard let path else { return }
            for row in plan.rejected { Terminal.line("bad row: \(row.description(file: file))") }
            Terminal.line("skipped \(plan.rejected.count) bad row\(plan.rejected.count == 1 ? "" : "s"); written with their causes to \(path)")
        }

        private var defaultRejectedPath: String {
            let base = (file as NSString).deletingPathExtension
            return base + ".rejected.csv"
        }

        /// The header and the bad rows as they stand in the table, each with a last cell that says why.
        private func rejectedTable(_ plan: TablePlan) -> String {
            let d = plan.delimiter.rawValue
            func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            var text = plan.header.text + d + quoted("rejected because") + "\n"
            for row in plan.rejected {
                let causes = row.problems.map { "line \(row.record.line), column \($0.column): \($0.cause)" }.joined(separator: "; ")
                text += row.record.text + d + quoted(causes) + "\n"
            }
            return text
        }
    }
}
