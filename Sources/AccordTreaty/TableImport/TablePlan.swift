/// What a table says, read into claims before anything is written: the claims
/// of its good rows, its bad rows with their causes, and what it holds that
/// is not recorded.
public struct TablePlan: Sendable {
    /// One claim and the cell it came from.
    public struct PlannedClaim: Sendable {
        public let claim: Claim
        /// 1-based line of the row and column of the cell.
        public let line: Int
        public let column: Int
        /// `file:line:column`, for errors.
        public let place: String
    }

    /// A row that cannot be imported, with every problem found in it.
    public struct RejectedRow: Sendable {
        public struct Problem: Sendable, Hashable {
            /// 1-based column of the cell at fault.
            public let column: Int
            public let cause: String
        }

        public let record: TableRecord
        public let problems: [Problem]

        /// `file:line:column: cause` for the first problem, as an error line.
        public func description(file: String) -> String {
            problems.map { "\(file):\(record.line):\($0.column): \($0.cause)" }.joined(separator: "; ")
        }
    }

    /// What was read: ``TableLayout/description``.
    public let layout: TableLayout
    /// The header row.
    public let header: TableRecord
    /// The delimiter the table was read with.
    public let delimiter: DelimitedText.Delimiter
    public let dateFormat: TableDateFormat
    /// The claims of the good rows, in file order (a fact a table states twice, alike, is kept once).
    public let claims: [PlannedClaim]
    /// The bad rows, in file order.
    public let rejected: [RejectedRow]
    /// Data rows read (blank rows not counted).
    public let rowCount: Int
    /// Dates of acts that are not recorded, by act (`provisional application`: 1).
    public let unrecorded: [String: Int]
    /// Rows of other treaties, skipped (with ``TableImportOptions/treatyColumn``).
    public let otherTreatyRows: Int
    /// Lines of a UN table that hold a single cell (titles, notes, footnotes after a copied table), skipped.
    public let skippedLines: Int
}
