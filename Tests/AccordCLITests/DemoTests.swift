import AccordTestSupport
import Foundation
import Testing

/// The README's first command: `accord demo` plays the articles' scenario.
/// These tests check its outcome through the replicas it leaves, not its wording.
@Suite("accord demo")
struct DemoTests {
    @Test("the demo's text: source labels cut at a word, no empty list of parties, the second sync writes only what is new")
    func demoText() async throws {
        // Given the demo played in a fresh directory, as text
        let dir = try TemporaryDirectory()
        let result = try await AccordBinary.locate().run(["demo", "--dir", dir.path("demo")])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Then every label after "←" is whole or ends with "…" after a whole word of the source
        let citations = try Fixtures.demoClaims().values.flatMap { $0 }.joined()
        for line in lines where line.contains("←") {
            let labels = line.components(separatedBy: "← ")[1].components(separatedBy: "; ").map { $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
            for label in labels where label.hasSuffix("…") {
                let kept = String(label.dropLast())
                #expect(citations.contains(kept + " ") || citations.contains(kept + ","), "cut mid-word: \(label)")
            }
        }
        // And no line lists zero parties with an empty pair of brackets
        #expect(!result.stdout.contains("()"), "\(result.stdout)")
        #expect(lines.contains { $0.hasSuffix("→ none of the states recorded here") })
        // And in the second round of syncs, the replica with nothing new writes nothing
        let again = try #require(lines.firstIndex(of: "== They sync again"))
        #expect(lines[again + 1].hasSuffix("imported 0 new events, wrote 0 of its own"), "\(lines[again + 1])")
    }

    @Test("the demo ends with the disputes resolved, identical projections and Lithuania's two statuses")
    func demoOutcome() async throws {
        // Given a fresh directory
        let dir = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        let demoDir = dir.path("demo")

        // When the demo plays there
        let result = try await accord.run(["demo", "--dir", demoDir, "--json"])

        // Then it succeeds with three disputes before Ana resolves them and none after
        #expect(result.status == 0, "\(result)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["disputes_before"] as? Int == 3)
        #expect(summary["disputes_after"] as? Int == 0)
        #expect(summary["projections_identical"] as? Bool == true)

        // And both replicas, asked through the CLI, agree: party on 2025-03-05, withdrawn on 2025-03-06
        for replica in ["ana", "ben"] {
            let store = (demoDir as NSString).appendingPathComponent(replica)
            let disputes = try await accord.run(["disputes", "--store", store, "--json"])
            let disputesJSON = try #require(try JSONSerialization.jsonObject(with: Data(disputes.stdout.utf8)) as? [String: Any])
            #expect((disputesJSON["disputes"] as? [Any])?.count == 0, "\(replica): \(disputes)")
            for (date, expected, since) in [("2025-03-05", "party", "2011-09-01"), ("2025-03-06", "withdrawn", "2025-03-06")] {
                let status = try await accord.run(["status", "--store", store, "--treaty", "CCM", "--state", "LTU", "--on", date, "--json"])
                let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status)")
                #expect(json["status"] as? String == expected, "\(replica) on \(date): \(status.stdout)")
                #expect(json["since"] as? String == since, "\(replica) on \(date): \(status.stdout)")
                #expect(json["disputed"] as? Bool == false)
            }
            let check = try await accord.run(["check", "--store", store])
            #expect(check.status == 0, "\(check)")
        }
    }

    @Test("the demo refuses a directory that already has files, and leaves them")
    func demoRefusesNonEmptyDirectory() async throws {
        let dir = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        _ = try dir.write("keep me", to: "notes.txt")

        let result = try await accord.run(["demo", "--dir", dir.path])

        #expect(result.status == 1)
        #expect(result.stderrLines.count == 1)
        #expect(try String(contentsOfFile: dir.path("notes.txt"), encoding: .utf8) == "keep me")
    }

    @Test("timeline --svg renders to a non-empty PNG with a real renderer")
    func timelineSVGRenders() async throws {
        // Given the demo's replicas
        let dir = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        let demoDir = dir.path("demo")
        let demo = try await accord.run(["demo", "--dir", demoDir, "--json"])
        try #require(demo.status == 0, "\(demo)")
        let store = (demoDir as NSString).appendingPathComponent("ana")

        for (arguments, name) in [(["--state", "LTU"], "ltu"), (["--treaty", "CCM"], "ccm")] {
            // When a timeline is drawn
            let svg = dir.path("\(name).svg")
            let drawn = try await accord.run(["timeline", "--store", store, "--svg", svg] + arguments)
            #expect(drawn.status == 0, "\(drawn)")

            // Then rsvg-convert (installed by Tools/test) renders it to a PNG with content
            let png = dir.path("\(name).png")
            let rendered = try await ChildProcess.run("rsvg-convert", arguments: [svg, "-o", png])
            #expect(rendered.status == 0, "rsvg-convert failed (run Tools/test, which installs librsvg2-bin): \(rendered)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.count > 1000)
            #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        }
    }
}
