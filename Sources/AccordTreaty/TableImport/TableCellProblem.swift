/// Why one cell cannot be read: said so a person can fix the cell.
public struct TableCellProblem: Error, Sendable, Hashable {
    public let cause: String
    public init(_ cause: String) { self.cause = cause }
}
