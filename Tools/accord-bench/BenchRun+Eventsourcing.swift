import Foundation

extension BenchRun {
    /// Python's `eventsourcing` 9.5.6 appending the same claim file, one event per claim,
    /// `settings.batch` events per `Application.save` (one transaction each) into its SQLite
    /// persistence (Tools/eventsourcing-baseline/append.py, run as a child process; its own
    /// timing, without the interpreter's start). Then the batched append of this run over it:
    /// the same claims, the same commits (issue 11: ≥ 1× on realistic data).
    func eventsourcingPhases() throws {
        guard let python = settings.eventsourcingPython else { return }
        progress("eventsourcing: \(events) claims through Python eventsourcing, \(settings.batch) per save")
        let result: EventsourcingBaseline.Result, peakMemory: Int
        do {
            (result, peakMemory) = try runEventsourcing(python)
        } catch {
            // The comparison is not worth the rest of a long run: say why it is missing and go on.
            let note = "eventsourcing at N = \(Report.count(events)), \(data.rawValue): \(error)"
            progress(note)
            notes.append(note)
            return
        }
        let theirs = PhaseResult(
            name: "eventsourcing \(result.version): append, \(result.batch) per save", events: result.events, seconds: result.seconds,
            memory: MemoryUse(peak: peakMemory, start: 0), baseline: rawInsert, storeBytes: result.storeBytes,
            note: "Python \(result.python), SQLite \(result.sqlite), journal_mode=\(result.journalMode) synchronous=\(result.synchronous); one aggregate, one event per claim line (json.loads); the script's own time; peak RSS is the child's")
        record(theirs)
        guard let mine = batchedAppend else { return }
        record(PhaseResult(
            name: Self.versusEventsourcing, events: mine.events, seconds: mine.seconds,
            baseline: Baseline(name: "eventsourcing, \(result.batch) per save", events: result.events, seconds: result.seconds),
            note: "the batched append's events/s over eventsourcing's: the same claims, the same commits"))
    }

    /// Runs append.py on this run's claims; its result and the child's peak resident memory.
    private func runEventsourcing(_ python: String) throws -> (EventsourcingBaseline.Result, Int) {
        let script = EventsourcingBaseline.script
        let (stdout, stderr, db) = (path("eventsourcing.json"), path("eventsourcing.stderr"), path("eventsourcing.sqlite"))
        let outcome = try ChildProcess.run(
            python, [script, "--claims", claimsPath, "--db", db, "--batch", String(settings.batch)],
            stderrPath: stderr, stdoutPath: stdout)
        removeDatabase(db)
        guard outcome.status == 0 else {
            let text = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            throw BenchError("\(script) failed (status \(outcome.status)): \(text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(500))")
        }
        let result = try EventsourcingBaseline.Result(json: Data(contentsOf: URL(fileURLWithPath: stdout)))
        guard result.events == events else { throw BenchError("eventsourcing appended \(result.events) events, expected \(events)") }
        return (result, outcome.peakMemory)
    }

    /// The row that compares the batched append with `eventsourcing`.
    static let versusEventsourcing = "append per batch vs eventsourcing"
}

/// Where the comparison with Python's `eventsourcing` lives and how its result reads.
enum EventsourcingBaseline {
    static let version = "9.5.6"

    /// Tools/eventsourcing-baseline in the source tree this binary was built from.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("eventsourcing-baseline")
    }

    static var script: String { directory.appendingPathComponent("append.py").path }

    /// The interpreter to run the script with: when `install` is true, the one the install
    /// script sets up (creating `.build/bench-venv` if needed); otherwise the first of that
    /// venv and `python3` that already imports `eventsourcing` 9.5.6, or nil.
    static func python(install: Bool, progress: (String) -> Void) throws -> String? {
        let root = directory.deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".build/bench-venv").path
        let venvPython = venv + "/bin/python"
        if install {
            let installer = directory.appendingPathComponent("install").path
            progress("eventsourcing: \(installer) \(venv)")
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-install-\(getpid()).txt").path
            defer { try? FileManager.default.removeItem(atPath: log) }
            let outcome = try ChildProcess.run(installer, [venv], stderrPath: log)
            let text = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { progress(text) }
            guard outcome.status == 0 else { throw BenchError("\(installer) failed (status \(outcome.status))") }
            return venvPython
        }
        let check = "import sys; from importlib.metadata import version; sys.exit(version('eventsourcing') != '\(version)')"
        for candidate in [venvPython, pythonOnPath()].compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: candidate) {
            if let outcome = try? ChildProcess.run(candidate, ["-c", check], stderrPath: "/dev/null"), outcome.status == 0 {
                return candidate
            }
        }
        return nil
    }

    /// The `python3` that `env` finds, as a path (posix_spawn does not search PATH).
    private static func pythonOnPath() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// What append.py prints.
    struct Result {
        var version: String
        var python: String
        var sqlite: String
        var journalMode: String
        var synchronous: Int
        var batch: Int
        var events: Int
        var seconds: Double
        var storeBytes: Int

        init(json: Data) throws {
            guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
                throw BenchError("eventsourcing: expected one JSON object on stdout")
            }
            func field<T>(_ key: String) throws -> T {
                if let value = object[key] as? T { return value }
                if T.self == Int.self, let n = object[key] as? NSNumber { return n.intValue as! T }
                if T.self == Double.self, let n = object[key] as? NSNumber { return n.doubleValue as! T }
                throw BenchError("eventsourcing: no \(key) in its output")
            }
            version = try field("version")
            python = try field("python")
            sqlite = try field("sqlite")
            journalMode = try field("journal_mode")
            synchronous = try field("synchronous")
            batch = try field("batch")
            events = try field("events")
            seconds = try field("seconds")
            storeBytes = try field("store_bytes")
        }
    }
}
