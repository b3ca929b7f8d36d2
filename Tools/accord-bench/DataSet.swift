import ArgumentParser

/// Which claims a run is made of (`--data`).
enum DataSet: String, CaseIterable, Sendable {
    /// The benchmark's own realistic claims: a short story per (treaty, state), a fact
    /// with one or two claims, about 6 % of consent facts disputed.
    case realistic
    /// Sources that disagree a lot, as a messy news scrape or a hostile peer produces:
    /// about 250 claims per (treaty, state), every action fact with 20 or more heads
    /// of different dates (issue 11).
    case disputed

    /// What the report says about it, after the size.
    var summary: String {
        switch self {
        case .realistic: return "realistic data"
        case .disputed: return "disputed data (≈ 250 claims per (treaty, state), ≥ 20 dates per action fact)"
        }
    }
}

/// The values `--data` takes: a data set, or `all` for every one.
struct DataChoice: ExpressibleByArgument, Sendable {
    let sets: [DataSet]

    init?(argument: String) {
        if argument == "all" {
            sets = DataSet.allCases
        } else if let set = DataSet(rawValue: argument) {
            sets = [set]
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { DataSet.allCases.map(\.rawValue) + ["all"] }
}
