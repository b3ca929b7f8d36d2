import ArgumentParser

/// The guess offered for a misspelled command: `accord dispute` → "did you mean 'disputes'?".
///
/// ArgumentParser reads a word it does not know as an argument of the root command and
/// blames whatever comes next (`Unknown option '--store'`), so the word is checked first.
enum CommandSuggestion {
    /// The root's subcommand names, `help` included.
    static var names: [String] {
        let configuration = AccordCommand.configuration
        let commands = configuration.subcommands + configuration.groupedSubcommands.flatMap(\.subcommands)
        return commands.map { $0._commandName } + ["help"]
    }

    /// The one-line error for `arguments` (without the program name) when its first word is not
    /// a command; nil when it is one, or starts with an option.
    static func unknownCommand(in arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let nearest = names.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        let guess = nearest.flatMap { $0.1 <= max(2, word.count / 3) ? " — did you mean '\($0.0)'?" : nil } ?? ""
        return "unknown command '\(TerminalText.escaped(word))'\(guess) (see `accord help`)"
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

extension AccordCommand {
    /// The error line for a misspelled command in `arguments`, or nil (see ``CommandSuggestion``).
    public static func unknownCommandError(in arguments: [String]) -> String? {
        CommandSuggestion.unknownCommand(in: arguments)
    }
}
