extension CountryRegistry {
    /// The code of a participant as a treaty table names it: `Australia 1`,
    /// `Germany2,3`, `Belize<superscript>1</superscript>`, `Czech Republic ⁴`,
    /// `Bolivia (Plurinational State of)`; nil when the name is unknown.
    ///
    /// Footnote marks are stripped first (``strippingFootnotes(_:)``), then the
    /// name is looked up as ``code(for:)`` does: UN names, old and new names of
    /// one country (`Swaziland`, `Eswatini`) and ISO codes all resolve.
    public func code(forParticipant text: String) -> String? {
        code(for: text) ?? code(for: Self.strippingFootnotes(text))
    }

    /// A participant's name without the footnote marks depositaries attach to
    /// it: markup tags are dropped, then a trailing run of digits (ASCII or
    /// superscript), commas and spaces that holds at least one digit.
    ///
    /// Names never end in a digit, so nothing of the name itself is lost.
    public static func strippingFootnotes(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        var inTag = false
        for scalar in text.unicodeScalars {
            if scalar == "<" { inTag = true; continue }
            if inTag { if scalar == ">" { inTag = false }; continue }
            scalars.append(scalar)
        }
        func isMark(_ s: Unicode.Scalar) -> Bool {
            ("0"..."9").contains(s) || superscriptDigits.contains(s) || s == "," || s == "*"
                || s.properties.isWhitespace
        }
        var end = scalars.count
        var sawDigit = false
        while end > 0, isMark(scalars[end - 1]) {
            if ("0"..."9").contains(scalars[end - 1]) || superscriptDigits.contains(scalars[end - 1]) { sawDigit = true }
            end -= 1
        }
        if !sawDigit { end = scalars.count }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[..<end])
        return String(result).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static let superscriptDigits: Set<Unicode.Scalar> = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
}
