import LumbungDomain

extension ChartSVG {
    /// One series of a line chart: points at fractional years (2025.5 = mid-2025), drawn as a line through the shown
    /// ones; a point without a value (withheld, undefined) is a gap, so no position can carry a withheld number.
    struct Line: Sendable {
        let name: String
        let colour: String
        /// `nil` for a solid line, e.g. "6 4".
        let dash: String?
        let points: [(x: Double, value: Double?, text: String)]
    }

    static let lineColour = barColour, targetColour = "#d55e00", baselineColour = "#5b6770"

    /// A trend chart: years along the bottom, values up the side from 0, one polyline per series with a dot and a
    /// tooltip per point; `reference` adds a horizontal dashed line (the baseline) across the whole chart. The axis
    /// and the note of an empty chart in the language of `texts`.
    static func line(id: String, title: String, unit: String, series: [Line], reference: (name: String, value: Double)?,
                     texts: Catalogue = .of(.id)) -> String {
        let height = 250.0, left = 56.0, right = width - 16, top = 16.0, bottom = 200.0
        let xs = series.flatMap { $0.points.map(\.x) }
        let shown = series.flatMap { $0.points.compactMap(\.value) } + (reference.map { [$0.value] } ?? [])
        guard let minX = xs.min(), let maxX = xs.max() else {
            var svg = open(id: id, title: title, height: 60, kind: "garis")
            svg += text(texts("mon_chart_empty"), x: 10, y: 30)
            return svg + "</svg>"
        }
        let first = Double(Int(saturating: minX, rounding: .down)), last = Double(Int(saturating: maxX, rounding: .down)) + 1
        let topValue = (shown.max() ?? 0) > 0 ? (shown.max() ?? 0) * 1.1 : 1
        func x(_ year: Double) -> Double { left + (year - first) / max(last - first, 1) * (right - left) }
        func y(_ value: Double) -> Double { bottom - value / topValue * (bottom - top) }
        var svg = open(id: id, title: title, height: height, kind: "garis")
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#5b6770\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#5b6770\"/>"
        for step in 0...2 {
            let value = topValue * Double(step) / 2
            svg += text(unit == "percent" ? texts.percent(value) : texts.number(Int(saturating: value, rounding: .toNearestOrAwayFromZero)),
                        x: left - 4, y: y(value) + 4, anchor: "end", size: 10)
        }
        var year = first
        while year <= last {
            svg += text(String(Int(saturating: year)), x: x(year), y: bottom + 14, anchor: "middle", size: 10)
            year += max(1, ((last - first) / 8).rounded(.up))
        }
        if let reference {
            svg += "<line class=\"baseline\" x1=\"\(f(left))\" y1=\"\(f(y(reference.value)))\" x2=\"\(f(right))\" y2=\"\(f(y(reference.value)))\" "
                + "stroke=\"\(baselineColour)\" stroke-dasharray=\"2 3\"><title>\(HTML.escape(reference.name))</title></line>"
        }
        for (index, line) in series.enumerated() {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    svg += "<polyline class=\"seri-\(index)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\""
                        + (line.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + " points=\"\(segment.joined(separator: " "))\"/>"
                }
                segment = []
            }
            for point in line.points.sorted(by: { $0.x < $1.x }) {
                guard let value = point.value else { flush(); continue }
                segment.append("\(f(x(point.x))),\(f(y(value)))")
                svg += "<circle cx=\"\(f(x(point.x)))\" cy=\"\(f(y(value)))\" r=\"3.5\" fill=\"\(line.colour)\"><title>\(HTML.escape(line.name)): "
                    + "\(HTML.escape(point.text))</title></circle>"
            }
            flush()
        }
        var legendSeries = series.map { (name: $0.name, colour: $0.colour) }
        if let reference { legendSeries.append((reference.name, baselineColour)) }
        var legendX = left
        for part in legendSeries {
            svg += "<rect x=\"\(f(legendX))\" y=\"\(f(height - 25))\" width=\"12\" height=\"12\" fill=\"\(part.colour)\"/>"
            svg += text(part.name, x: legendX + 16, y: height - 15)
            legendX += 150
        }
        return svg + "</svg>"
    }

    /// A date as a fractional year: 2025-07-01 → about 2025.5.
    static func fractionalYear(_ date: CalendarDate) -> Double {
        let start = CalendarDate(year: date.year, month: 1, day: 1)?.daysSince1970 ?? date.daysSince1970
        return Double(date.year) + Double(date.daysSince1970 - start) / (CalendarDate.isLeap(date.year) ? 366 : 365)
    }
}
