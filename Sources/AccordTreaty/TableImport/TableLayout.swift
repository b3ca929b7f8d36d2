/// How the rows of a table become claims.
public enum TableLayout: Sendable, Hashable {
    /// A UN Treaty Collection status table, recognized by its `Participant` header.
    case unStatus
    /// One row per participant and a column per act (`--participant C --act ACTION=C …`).
    /// Columns are named by their header or by their 1-based number.
    case wide(participant: String, acts: [WideAct])
    /// One row per act, with columns for the participant, the action and the date.
    case long(participant: String, action: String, date: String)

    /// One act column of a wide table.
    public struct WideAct: Sendable, Hashable {
        public let action: TreatyAction
        public let column: String
        public init(action: TreatyAction, column: String) {
            self.action = action
            self.column = column
        }
    }

    /// A short description for output.
    public var description: String {
        switch self {
        case .unStatus: return "UN Treaty Collection status table"
        case .wide: return "table with a column per act (wide)"
        case .long: return "table with a row per act (long)"
        }
    }
}

/// What an import needs besides the table: the treaty, the source every claim
/// cites, and how to read cells.
public struct TableImportOptions: Sendable {
    public var treaty: String
    /// The table as a source: its `url`, `outlet` and `retrieved`; each claim adds the quote of its row.
    public var source: Source
    /// Nil: the table must be a UN Treaty Collection status table.
    public var layout: TableLayout?
    /// Nil: `d mmm yyyy` for a UN table, `yyyy-mm-dd` otherwise.
    public var dateFormat: TableDateFormat?
    /// Cell texts that mean "no date" besides the empty cell (`NA`, `31.12.9999`).
    public var noneValues: Set<String>
    /// Nil: guessed (``DelimitedText/guessDelimiter(_:)``).
    public var delimiter: DelimitedText.Delimiter?
    /// For a table of many treaties (a research dataset with a `treatyID` column): the column
    /// that names each row's treaty; only the rows of ``treaty`` are read.
    public var treatyColumn: String?

    public init(
        treaty: String, source: Source, layout: TableLayout? = nil, dateFormat: TableDateFormat? = nil,
        noneValues: Set<String> = [], delimiter: DelimitedText.Delimiter? = nil, treatyColumn: String? = nil
    ) {
        self.treaty = treaty
        self.source = source
        self.layout = layout
        self.dateFormat = dateFormat
        self.noneValues = noneValues
        self.delimiter = delimiter
        self.treatyColumn = treatyColumn
    }
}
