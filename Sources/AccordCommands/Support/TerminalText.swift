/// Text from claims — a peer's, anyone's — made safe to show on a terminal.
///
/// A claim's strings may hold any character, including ESC (which starts
/// terminal escape sequences: colours, cursor moves, OSC 52 writing the
/// clipboard), BEL, CR (which lets a line overwrite itself) and bidirectional
/// overrides (which reorder what is shown). Tables for a person show each such
/// character as a visible escape instead: `\e`, `\r`, `\u{202E}`. JSON output is
/// not touched: it escapes control characters itself, and scripts get the exact text.
enum TerminalText {
    /// `text` with every C0 and C1 control character, DEL, line and paragraph separator and
    /// bidirectional control written as a visible escape; everything else as it is.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            let visible: String
            switch scalar {
            case "\n": visible = "\\n"
            case "\r": visible = "\\r"
            case "\t": visible = "\\t"
            case "\u{1B}": visible = "\\e"
            default: visible = "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
            out.append(contentsOf: visible.unicodeScalars)
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }
}
