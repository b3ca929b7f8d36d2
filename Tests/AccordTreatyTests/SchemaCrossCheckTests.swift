import AccordLog
import AccordTestSupport
import AccordTreaty
import Foundation
import Testing

/// The JSON Schemas in `Schemas/` and the Swift decoder must draw the same
/// line: every claims fixture is checked by a real JSON Schema validator
/// (Python's jsonschema, through `Tools/validate-fixtures.py`) and by
/// ``ClaimDecoder``.
@Suite("The schemas and the decoder agree")
struct SchemaCrossCheckTests {
    static let setUpHint = "run the README's test command, Tools/test, which installs jsonschema (python3 -m pip install jsonschema)"

    /// The validator's verdict on every fixture (`claims/valid/x.json` → accepted), or a recorded failure.
    static func schemaVerdicts() async throws -> [String: Bool]? {
        let result: ProcessResult
        do {
            result = try await ChildProcess.run(
                "python3", arguments: [PackageRoot.path("Tools/validate-fixtures.py"), "--json", PackageRoot.path])
        } catch {
            Issue.record("python3 could not be started (\(error)): \(setUpHint)")
            return nil
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              !object.isEmpty
        else {
            Issue.record("Tools/validate-fixtures.py gave no verdicts: \(setUpHint)\n\(result)")
            return nil
        }
        var verdicts: [String: Bool] = [:]
        for (name, value) in object {
            guard let accepted = value as? Bool else {
                Issue.record("Tools/validate-fixtures.py gave \(value) for \(name), not true or false")
                return nil
            }
            verdicts[name] = accepted
        }
        return verdicts
    }

    @Test func theSchemaValidatorAndTheDecoderAgreeOnEveryClaimFixture() async throws {
        // Given the JSON Schema validator's verdicts on the fixtures
        guard let verdicts = try await Self.schemaVerdicts() else { return }
        let decoder = ClaimDecoder()
        let names = Fixtures.claimNames
        // Then there are enough of them, and the validator saw every one the tests see
        #expect(names.count >= 30, "only \(names.count) claims fixtures")
        #expect(Set(verdicts.keys.filter { $0.hasPrefix("claims/") }) == Set(names))
        for name in names {
            // When a fixture is checked by both
            let expected = name.hasPrefix("claims/valid/")
            let schema = verdicts[name]
            let swift = (try? decoder.decode(json: Fixtures.bytes(name))) != nil
            // Then both accept the valid ones and both refuse the invalid ones
            #expect(schema == expected, "the JSON Schema \(expected ? "refuses" : "accepts") \(name)")
            #expect(swift == expected, "the Swift decoder \(expected ? "refuses" : "accepts") \(name)")
        }
    }
}
