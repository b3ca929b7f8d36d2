import Foundation

/// The files under `Tests/Fixtures` and the demo's claims, for tests that run
/// the same check over every one of them.
public enum Fixtures {
    /// `Tests/Fixtures`.
    public static let directory = PackageRoot.path("Tests/Fixtures")

    /// Whether a fixture is meant to be accepted or refused.
    public enum Outcome: String, Sendable, CaseIterable {
        case valid, invalid
    }

    /// The fixture paths of one kind and outcome, relative to ``directory``
    /// (`claims/valid/treaty-ccm.json`), sorted; empty if the folder is missing.
    ///
    /// - Parameter kind: `claims`, `envelopes` or `bundle-headers`.
    public static func names(_ kind: String, _ outcome: Outcome) -> [String] {
        let folder = "\(kind)/\(outcome.rawValue)"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Every claims fixture, valid and invalid.
    public static var claimNames: [String] { names("claims", .valid) + names("claims", .invalid) }

    /// The absolute path of a fixture given relative to ``directory``.
    public static func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The exact bytes of a fixture.
    public static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            throw SupportError("fixture \(name) is missing or unreadable (looked in \(directory))")
        }
        return Array(data)
    }

    /// Where the demo's claim files live: one JSON Lines file per analyst.
    public static let demoDirectory = PackageRoot.path("Sources/AccordCommands/Resources/demo")

    /// The demo's claims, per analyst (`ana`, `ben`), as the lines of their files (blank lines dropped).
    public static func demoClaims() throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: demoDirectory).filter { $0.hasSuffix(".jsonl") }
        for file in files {
            let text = try String(contentsOfFile: (demoDirectory as NSString).appendingPathComponent(file), encoding: .utf8)
            result[String(file.dropLast(".jsonl".count))] = text.split(separator: "\n").map(String.init)
                .filter { !$0.allSatisfy(\.isWhitespace) }
        }
        guard !result.isEmpty else { throw SupportError("no demo claims in \(demoDirectory)") }
        return result
    }
}

/// A test-support failure: something a test needs is missing or misbehaved.
public struct SupportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
