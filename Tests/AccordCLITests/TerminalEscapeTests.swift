import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 10: a peer's claim text cannot drive the terminal: `log` and
/// `disputes` show control characters escaped, and their `--json` keeps the text exact.
@Suite("A peer's text reaches the terminal escaped")
struct TerminalEscapeTests {
    /// ESC sequences (a colour, OSC 52 writing the clipboard, ended by BEL), a CR that would
    /// let the line overwrite itself, and a right-to-left override.
    static let hostile = #"ok\u001b[31m red\u001b]52;c;aGVsbG8=\u0007\roverwritten\u202e"#
    static func statement(_ value: String) -> String {
        #"{"type":"statement","subject":"LTU","property":"uxo-mitigation","value":"\#(value)","sources":[{"url":"https://example.org/eve"}]}"#
    }

    /// ana, holding her own statement, after importing eve's disagreeing one with hostile text.
    static func receiver() async throws -> CLIReplica {
        let ana = try await CLIReplica.make(claims: [statement("algorithms")])
        var eve = try ForgedFeed(keyByte: 0x65)
        eve.append(statement(hostile))
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        let path = ana.directory.path("eve.bundle")
        try Data(eve.bundle()).write(to: URL(fileURLWithPath: path))
        let imported = try await ana.run(["sync", "import"], [path])
        try #require(imported.status == 0, "\(imported)")
        return ana
    }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7f...0x9f).contains($0.value) || $0.value == 0x202e }
    }

    @Test(arguments: ["log", "disputes"])
    func textForAPersonShowsControlCharactersEscaped(_ command: String) async throws {
        let ana = try await Self.receiver()
        // When the command prints its table
        let result = try await ana.run(command)
        // Then no control character reaches the terminal, and the text is shown escaped
        #expect(result.status == 0, "\(result)")
        #expect(!Self.hasControlCharacters(result.stdout), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains(#"ok\e[31m"#), "\(result)")
    }

    @Test(arguments: ["log", "disputes"])
    func jsonKeepsTheTextExact(_ command: String) async throws {
        let ana = try await Self.receiver()
        // When the command prints JSON
        let result = try await ana.run(command, ["--json"])
        // Then the hostile value parses back exactly
        #expect(result.status == 0, "\(result)")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(#"["\#(Self.hostile)"]"#.utf8)) as? [String]).first
        let strings = try result.stdoutLines.flatMap { line in
            Self.strings(in: try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
        #expect(strings.contains(try #require(expected)), "\(result)")
    }

    @Test func importShowsAPeersUnknownClaimTypeEscaped() async throws {
        // Given eve's claim of a type this version does not know, whose name holds ESC sequences
        let ana = try await CLIReplica.make()
        var eve = try ForgedFeed(keyByte: 0x65)
        eve.append(#"{"type":"rumour\u001b]52;c;aGVsbG8=\u0007","text":"x"}"#)
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        let path = ana.directory.path("eve.bundle")
        try Data(eve.bundle()).write(to: URL(fileURLWithPath: path))
        // When ana imports it
        let imported = try await ana.run(["sync", "import"], [path])
        // Then the report names the type with its control characters escaped
        #expect(imported.status == 0, "\(imported)")
        #expect(!Self.hasControlCharacters(imported.stdout), "\(imported.stdout.debugDescription)")
        #expect(imported.stdout.contains(#"rumour\e]52;c;aGVsbG8=\u{7}"#), "\(imported)")
    }

    /// Every string in a parsed JSON value.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: return [text]
        case let array as [Any]: return array.flatMap(strings)
        case let object as [String: Any]: return object.values.flatMap(strings)
        default: return []
        }
    }
}
