import AccordLog

/// Draws a timeline as a static SVG: actions on a date axis, stated dates as
/// filled dots, computed dates as hollow dots on a dashed stem, disputed
/// facts in red with every alternative drawn and labelled.
public enum TimelineSVG {
    /// One mark to draw.
    struct Mark {
        var day: Int
        var label: String
        var computed: Bool
        var disputed: Bool
    }

    /// A state's timeline (`accord timeline --state S --svg FILE`).
    public static func render(_ timeline: TimelineAnswer, title: String) -> String {
        var marks: [Mark] = []
        for e in timeline.entries {
            let what = e.stage.map { "\(e.action) (\($0))" } ?? e.action
            if e.disputed {
                for alt in e.alternatives {
                    guard case .success(let span) = DateSpan.parse(alt.date) else { continue }
                    marks.append(Mark(day: span.firstDay, label: "\(what): \(alt.date)\(alt.tally.map { " \($0.description)" } ?? "") ?", computed: e.computed, disputed: true))
                }
            } else {
                marks.append(Mark(day: e.day, label: "\(what): \(e.date)\(e.tally.map { " \($0.description)" } ?? "")", computed: e.computed, disputed: false))
            }
        }
        return draw(marks: marks, title: title)
    }

    /// A treaty's membership over time (`accord timeline --treaty T --svg FILE`): one row per
    /// state, a bar per status period (signatory, consented, party, withdrawn), disputed periods
    /// drawn hatched in red.
    public static func render(membership rows: [(state: String, periods: [StatusPeriod])], treaty: String, today: Int) -> String {
        let bars = rows.map { row in (row.state, row.periods.filter { $0.status != nil && $0.status != .notParty }) }
        let days = bars.flatMap { $0.1.flatMap { [$0.from, $0.to].compactMap { $0 } } } + [today]
        let first = (days.min() ?? today) - 180, last = max(days.max() ?? today, today) + 90
        let rowHeight = 22, top = 86, left = 70, axisWidth = 900, right = 30
        let width = left + axisWidth + right, axisY = top + max(bars.count, 1) * rowHeight + 10
        let height = axisY + 40
        func x(_ day: Int) -> Int { left + Int(Double(day - first) / Double(max(last - first, 1)) * Double(axisWidth)) }
        let colors: [TreatyStatus: String] = [.signatory: "#9fb7d3", .consented: "#5b8cc0", .party: "#1f4e79", .withdrawn: "#b0b0b0"]
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">
            <defs><pattern id="disputed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#c62828" fill-opacity="0.55"/></pattern></defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(left)" y="30" font-size="18" font-weight="bold">\(escape("\(treaty): membership over time"))</text>

            """
        // The legend: one swatch and label per status, spaced so that no two run together.
        var legendX = left
        for (status, label) in [(TreatyStatus.signatory, "signatory"), (.consented, "consented (deposited)"), (.party, "party (in force)"), (.withdrawn, "withdrawn")] {
            svg += "<rect x=\"\(legendX)\" y=\"44\" width=\"14\" height=\"12\" fill=\"\(colors[status]!)\"/><text x=\"\(legendX + 20)\" y=\"55\">\(label)</text>\n"
            legendX += 20 + label.count * 8 + 24
        }
        svg += "<rect x=\"\(legendX)\" y=\"44\" width=\"14\" height=\"12\" fill=\"url(#disputed)\"/><text x=\"\(legendX + 20)\" y=\"55\">disputed</text>\n"
        for (i, (state, periods)) in bars.enumerated() {
            let y = top + i * rowHeight
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(state))</text>\n"
            for period in periods {
                guard let status = period.status else { continue }
                let x0 = x(period.from ?? first), x1 = x(period.to ?? last)
                let fill = period.disputed ? "url(#disputed)" : colors[status]!
                svg += "<rect x=\"\(x0)\" y=\"\(y + 3)\" width=\"\(max(x1 - x0, 1))\" height=\"\(rowHeight - 6)\" fill=\"\(fill)\"><title>\(escape("\(state) \(status.rawValue) from \(period.since?.date ?? "?")\(period.since?.computed == true ? " (computed)" : "")\(period.disputed ? ", disputed" : "")"))</title></rect>\n"
            }
        }
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + axisWidth)\" y2=\"\(axisY)\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
        let firstYear = PartialDate(dayNumber: first).year + 1, lastYear = PartialDate(dayNumber: last).year
        let step = max(1, (lastYear - firstYear) / 12 + 1)
        for year in stride(from: firstYear, through: lastYear, by: step) {
            let xx = x(PartialDate(year: year, month: 1, day: 1).firstDay)
            svg += "<line x1=\"\(xx)\" y1=\"\(axisY)\" x2=\"\(xx)\" y2=\"\(axisY + 6)\" stroke=\"#333\"/><text x=\"\(xx)\" y=\"\(axisY + 20)\" text-anchor=\"middle\" fill=\"#333\">\(year)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Roughly how wide a label of 13 px DejaVu Sans is: enough to lay labels out without a font.
    static func textWidth(_ text: String) -> Int { text.count * 8 }

    static func draw(marks: [Mark], title: String) -> String {
        let marks = marks.sorted { ($0.day, $0.label) < ($1.day, $1.label) }
        let rowHeight = 26, top = 70, left = 40, axisWidth = 720
        // The labels sit right of their dots: room for the longest, so the picture is as wide as it needs.
        let labelRoom = min(640, max(160, (marks.map { textWidth($0.label + ($0.computed ? " (computed)" : "")) }.max() ?? 0) + 24))
        let width = left + axisWidth + labelRoom
        let height = top + max(marks.count, 1) * rowHeight + 60
        let first = (marks.map(\.day).min() ?? 0) - 120
        let last = (marks.map(\.day).max() ?? 365) + 120
        func x(_ day: Int) -> Int { left + Int(Double(day - first) / Double(max(last - first, 1)) * Double(axisWidth)) }
        let axisY = height - 40
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(left)" y="30" font-size="18" font-weight="bold">\(escape(title))</text>
            <line x1="\(left)" y1="\(axisY)" x2="\(left + axisWidth)" y2="\(axisY)" stroke="#333" stroke-width="1.5"/>

            """
        // The legend: one text element per entry, each placed after the last (SVG collapses runs of spaces).
        var legendX = left
        for entry in ["● stated", "○ computed from the treaty's rules", "red: disputed (each alternative drawn)"] {
            svg += "<text class=\"legend\" x=\"\(legendX)\" y=\"50\" fill=\"#555\">\(escape(entry))</text>\n"
            legendX += textWidth(entry) + 28
        }
        let firstYear = PartialDate(dayNumber: first).year + 1, lastYear = PartialDate(dayNumber: last).year
        let step = max(1, (lastYear - firstYear) / 10 + 1)
        for year in stride(from: firstYear, through: lastYear, by: step) {
            let xx = x(PartialDate(year: year, month: 1, day: 1).firstDay)
            svg += "<line x1=\"\(xx)\" y1=\"\(axisY)\" x2=\"\(xx)\" y2=\"\(axisY + 6)\" stroke=\"#333\"/><text x=\"\(xx)\" y=\"\(axisY + 20)\" text-anchor=\"middle\" fill=\"#333\">\(year)</text>\n"
        }
        for (i, mark) in marks.enumerated() {
            let y = top + i * rowHeight
            let xx = x(mark.day)
            let color = mark.disputed ? "#c62828" : "#1f4e79"
            let dash = mark.computed ? " stroke-dasharray=\"4 3\"" : ""
            svg += "<line x1=\"\(xx)\" y1=\"\(y)\" x2=\"\(xx)\" y2=\"\(axisY)\" stroke=\"\(color)\" stroke-opacity=\"0.35\"\(dash)/>\n"
            svg += mark.computed
                ? "<circle cx=\"\(xx)\" cy=\"\(y)\" r=\"6\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
                : "<circle cx=\"\(xx)\" cy=\"\(y)\" r=\"6\" fill=\"\(color)\"/>\n"
            svg += "<text x=\"\(xx + 12)\" y=\"\(y + 4)\" fill=\"\(color)\">\(escape(mark.label + (mark.computed ? " (computed)" : "")))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
