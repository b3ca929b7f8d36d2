import AccordLog

/// The results as one JSON object (`--json`), for scripts and for comparing runs.
enum ReportJSON {
    static func render(_ results: BenchResults) -> String {
        let (machine, runs, extra, command) = (results.machine, results.runs, results.independent, results.command)
        var w = JSONWriter(capacity: 8_192)
        w.beginObject()
        w.key("command"); w.string(command)
        w.key("revision"); w.string(results.revision)
        w.key("machine")
        w.beginObject()
        w.key("processors"); w.integer(Int64(machine.processors))
        w.key("cpu"); w.string(machine.cpu)
        w.key("memory_bytes"); w.integer(Int64(machine.memoryBytes))
        w.key("system"); w.string(machine.system)
        w.key("swift"); w.string(machine.swift)
        w.key("sqlite"); w.string(machine.sqlite)
        w.key("build"); w.string(machine.build)
        w.key("load_at_start"); w.string(machine.load)
        w.key("load_at_end"); w.string(Machine.loadAverage())
        w.endObject()
        w.key("memory_method"); w.string(ResidentMemory.method)
        w.key("runs")
        w.beginArray()
        for run in runs {
            w.beginObject()
            w.key("events"); w.integer(Int64(run.events))
            w.key("data"); w.string(run.data.rawValue)
            w.key("treaties"); w.integer(Int64(run.treaties))
            w.key("mean_claim_line_bytes"); number(run.meanClaimLine, &w)
            w.key("mean_envelope_bytes"); number(run.meanEnvelope, &w)
            w.key("store_bytes"); w.integer(Int64(run.storeBytes))
            w.key("bundle_bytes"); w.integer(Int64(run.bundleBytes))
            w.key("pragmas"); w.string(run.pragmas)
            w.key("phases")
            phases(run.phases, run: run, &w)
            w.key("notes")
            w.beginArray()
            for note in run.notes { w.string(note) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("independent_of_n")
        phases(extra, run: nil, &w)
        w.key("notes")
        w.beginArray()
        for note in results.notes { w.string(note) }
        w.endArray()
        w.key("targets")
        w.beginArray()
        for check in Targets.check(runs, judged: machine.build == "release") {
            w.beginObject()
            w.key("target"); w.string(check.target)
            w.key("data"); if let data = check.data { w.string(data.rawValue) } else { w.null() }
            w.key("events"); w.integer(Int64(check.events))
            w.key("judged_at"); w.string(check.judgedAt)
            w.key("measured"); w.string(check.measured)
            w.key("met"); if let met = check.met { w.bool(met) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }

    private static func phases(_ phases: [PhaseResult], run: RunResult?, _ w: inout JSONWriter) {
        w.beginArray()
        for p in phases {
            w.beginObject()
            w.key("name"); w.string(p.name)
            if let run {
                w.key("data"); w.string(run.data.rawValue)
                w.key("run_events"); w.integer(Int64(run.events))
            }
            w.key("events"); w.integer(Int64(p.events))
            w.key("seconds"); number(p.seconds, &w)
            w.key("events_per_second"); number(p.rate, &w)
            memory(p.memory, &w)
            latency(p.latency, &w)
            w.key("baseline")
            if let b = p.baseline {
                w.beginObject()
                w.key("name"); w.string(b.name)
                w.key("events"); w.integer(Int64(b.events))
                w.key("seconds"); number(b.seconds, &w)
                w.key("events_per_second"); number(b.rate, &w)
                memory(b.memory, &w)
                latency(b.latency, &w)
                w.endObject()
            } else {
                w.null()
            }
            w.key("ratio"); if let r = p.ratio { number(r, &w) } else { w.null() }
            w.key("ratio_meaning"); w.string(p.ratioKind.rawValue)
            w.key("target"); if let t = run.flatMap({ Targets.label(for: p.name, data: $0.data) }) { w.string(t) } else { w.null() }
            if let stored = p.storeBytes {
                w.key("store_bytes"); w.integer(Int64(stored))
                w.key("store_bytes_per_event"); number(Double(stored) / Double(max(p.events, 1)), &w)
                w.key("store_over_bundle"); if let r = run?.storeOverBundle(p) { number(r, &w) } else { w.null() }
            }
            w.key("note"); if let n = p.note { w.string(n) } else { w.null() }
            w.endObject()
        }
        w.endArray()
    }

    private static func memory(_ m: MemoryUse?, _ w: inout JSONWriter) {
        guard let m else { return }
        w.key("peak_rss_bytes"); w.integer(Int64(m.peak))
        w.key("start_rss_bytes"); w.integer(Int64(m.start))
        w.key("cpu_seconds"); number(m.cpuSeconds, &w)
        w.key("written_bytes"); w.integer(Int64(m.writtenBytes))
    }

    private static func latency(_ l: LatencySummary?, _ w: inout JSONWriter) {
        guard let l else { return }
        w.key("runs"); w.integer(Int64(l.runs))
        w.key("p50_us"); number(l.p50, &w)
        w.key("p99_us"); number(l.p99, &w)
    }

    private static func number(_ value: Double, _ w: inout JSONWriter) {
        if value.isFinite { w.number((value * 1000).rounded() / 1000) } else { w.null() }
    }
}
