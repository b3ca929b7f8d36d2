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
