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
