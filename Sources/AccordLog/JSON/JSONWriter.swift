/// Writes JSON text byte by byte, in the order the caller gives: the one
/// place Accord produces canonical bytes (claims inside envelopes, bundle
/// headers, `--json` output).
///
/// Format decisions: no whitespace; `/` and non-ASCII characters are written
/// as they are (UTF-8); `"`, `\` and control characters are escaped, with the
/// short escapes where JSON has them. The same value always gives the same
/// bytes, on every platform.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2c) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separate(); bytes.append(0x7b); needsComma.append(false) }
    public mutating func endObject() { bytes.append(0x7d); needsComma.removeLast() }
    public mutating func beginArray() { separate(); bytes.append(0x5b); needsComma.append(false) }
    public mutating func endArray() { bytes.append(0x5d); needsComma.removeLast() }

    /// Writes `"key":`; the next value written is the member's value.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(0x3a)
        // The member's value follows without a comma; the next key gets one.
        needsComma[needsComma.count - 1] = false
    }

    private mutating func beforeValue() { separate() }

    public mutating func string(_ value: String) { beforeValue(); appendQuoted(value) }
    public mutating func integer(_ value: Int64) { beforeValue(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { beforeValue(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { beforeValue(); bytes.append(contentsOf: "null".utf8) }
    public mutating func number(_ value: Double) { beforeValue(); bytes.append(contentsOf: "\(value)".utf8) }

    /// Writes event ids as an array of hex strings.
    public mutating func eventIDs(_ ids: [EventID]) {
        beginArray()
        for id in ids { string(id.hex) }
        endArray()
    }

    /// Writes bytes that are already one JSON value.
    public mutating func raw(_ json: some Collection<UInt8>) { beforeValue(); bytes.append(contentsOf: json) }

    /// Writes a parsed value, keeping object members in their order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .integer(let i): integer(i)
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members { key(member.key); self.value(member.value) }
            endObject()
        }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5c); bytes.append(0x22)
            case 0x5c: bytes.append(0x5c); bytes.append(0x5c)
            case 0x0a: bytes.append(0x5c); bytes.append(0x6e)
            case 0x0d: bytes.append(0x5c); bytes.append(0x72)
            case 0x09: bytes.append(0x5c); bytes.append(0x74)
            case 0x08: bytes.append(0x5c); bytes.append(0x62)
            case 0x0c: bytes.append(0x5c); bytes.append(0x66)
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Hex.hexDigit(byte >> 4))
                bytes.append(Hex.hexDigit(byte & 0x0f))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
