import AccordLog

/// One record of a delimited table: its cells and where it stands in the file.
public struct TableRecord: Sendable, Hashable {
    /// The 1-based line the record starts on.
    public let line: Int
    /// The cells, unquoted, with surrounding white space (non-breaking spaces included) trimmed.
    public let fields: [String]
    /// The record as it stands in the file, without its line end: the quote a claim keeps of its row.
    public let text: String

    public init(line: Int, fields: [String], text: String) {
        self.line = line
        self.fields = fields
        self.text = text
    }

    /// The cell in 0-based column `index`, or "" past the end of a short row.
    public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }

    /// Whether every cell is empty (a blank line, or `,,,` as spreadsheets save one).
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// Reads comma-, semicolon- or tab-separated text as spreadsheets save it and
/// as a browser copies a table: RFC 4180 quoting (`"a ""b"", c"`, line breaks
/// inside quotes), a byte-order mark, CRLF or LF line ends.
///
/// Format decision: the delimiter, when not given, is a tab if any of the first
/// 50 lines holds one (a copied table or a TSV; their headers hold commas), else
/// whichever of `;` and `,` occurs more often outside quotes in the first
/// non-blank line (European spreadsheets save `;`), commas on a tie.
public enum DelimitedText {
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = ",", semicolon = ";", tab = "\t"

        /// The name a person types: `,`, `;`, `tab`.
        public init?(argument: String) {
            switch argument {
            case ",", "comma": self = .comma
            case ";", "semicolon": self = .semicolon
            case "\t", "tab", "\\t": self = .tab
            default: return nil
            }
        }

        var byte: UInt8 { rawValue.utf8.first! }
    }

    /// Guesses the delimiter of `text` (see the type's documentation).
    public static func guessDelimiter(_ text: String) -> Delimiter {
        let lines = text.split(separator: "\n", maxSplits: 50, omittingEmptySubsequences: true).prefix(50)
        if lines.contains(where: { $0.utf8.contains(9) }) { return .tab }
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return .comma }
        var commas = 0, semicolons = 0, quoted = false
        for byte in first.utf8 {
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: commas += 1
            case UInt8(ascii: ";") where !quoted: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? .semicolon : .comma
    }

    /// The records of `text`, blank lines included (as records with no text), in file order.
    ///
    /// Format decision: text copied from a web page is tab-separated but never quoted, and a
    /// note under the table may open a quotation mark it closes lines later, or never; so a
    /// tab-separated text whose quotes do not pair up is read again with quotes as plain text.
    ///
    /// - Parameter name: the file's name, for the place of errors.
    /// - Throws: ``AccordError`` `.invalidInput` at `name:line:column` for a quoted cell that never ends.
    /// - Complexity: O(n) in the bytes of `text`.
    public static func records(_ text: String, delimiter: Delimiter, name: String) throws(AccordError) -> [TableRecord] {
        do {
            return try records(text, delimiter: delimiter, name: name, quoting: true)
        } catch where delimiter == .tab {
            return try records(text, delimiter: delimiter, name: name, quoting: false)
        }
    }

    private static func records(_ text: String, delimiter: Delimiter, name: String, quoting: Bool) throws(AccordError) -> [TableRecord] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let separator = delimiter.byte
        let quote = UInt8(ascii: "\"")
        var records: [TableRecord] = []
        var fields: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var recordLine = 1
        var recordStart = 0
        var cellColumn = 1
        var quotedSince: (line: Int, column: Int)? = nil
        var i = 0
        func finishCell() {
            fields.append(trimmed(String(decoding: cell, as: UTF8.self)))
            cell.removeAll(keepingCapacity: true)
        }
        func finishRecord(end: Int) {
            finishCell()
            var raw = bytes[recordStart..<end]
            if raw.last == 0x0D { raw = raw.dropLast() }
            records.append(TableRecord(line: recordLine, fields: fields, text: String(decoding: raw, as: UTF8.self)))
            fields.removeAll(keepingCapacity: true)
        }
        var atCellStart = true
        while i < bytes.count {
            let b = bytes[i]
            if quotedSince != nil {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote { cell.append(quote); i += 2; continue }
                    quotedSince = nil
                } else {
                    if b == 0x0A { line += 1 }
                    cell.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote where quoting && (atCellStart || cell.allSatisfy({ $0 == 0x20 })):
                cell.removeAll()
                quotedSince = (line, cellColumn)
                atCellStart = false
            case separator:
                finishCell()
                cellColumn += 1
                atCellStart = true
            case 0x0A:
                finishRecord(end: i)
                line += 1
                recordLine = line
                recordStart = i + 1
                cellColumn = 1
                atCellStart = true
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            default:
                cell.append(b)
                atCellStart = false
            }
            i += 1
        }
        if let open = quotedSince {
            throw AccordError(.invalidInput, "a quoted cell starts here and never ends (a \" is missing)", place: "\(name):\(open.line):\(open.column)")
        }
        if recordStart < bytes.count { finishRecord(end: bytes.count) }
        return records
    }

    /// `text` without surrounding white space, non-breaking spaces included; inner runs of white space kept.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = text.unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(text.unicodeScalars[first...last])
    }
}
