/// Generated claims as JSON Lines, for tests that need many distinct valid claims.
public enum ClaimLines {
    /// `count` distinct, valid action claims. Each one's source URL is
    /// `https://example.org/<tag>/<i>`, so a test can find every claim it appended.
    ///
    /// States are given by name and by code alternately, dates vary in precision.
    /// Claim `i` is about treaty `T<i>`, so the claims of one call are facts of
    /// their own (no disputes, which keeps appending thousands of them quick).
    public static func actions(count: Int, tag: String) -> [String] {
        let states = ["LTU", "Lithuania", "FRA", "Germany", "NOR", "Peru", "JPN", "Ghana"]
        let actions = ["signature", "ratification", "accession", "withdrawal-notification", "decree"]
        return (0..<count).map { i in
            let date: String
            switch i % 3 {
            case 0: date = "\(1990 + i % 30)"
            case 1: date = "\(1990 + i % 30)-\(pad(1 + i % 12))"
            default: date = "\(1990 + i % 30)-\(pad(1 + i % 12))-\(pad(1 + i % 28))"
            }
            return #"{"type":"action","treaty":"T\#(i)","state":"\#(states[i % states.count])","action":"\#(actions[i % actions.count])","date":"\#(date)","sources":[{"url":"https://example.org/\#(tag)/\#(i)"}]}"#
        }
    }

    /// The lines joined into a JSON Lines document, with a final newline.
    public static func document(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
