/// Why a benchmark run could not go on: one line saying what failed and where.
struct BenchError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
