import Foundation
import LumbungDomain

/// One bar of a chart as the reader may see it: a shown number, or a withheld one ("<5", "×") that carries no number
/// at all, so no drawing can give its size away.
struct ChartValue: Sendable {
    /// The number drawn; `nil` when withheld or when there is no figure.
    let number: Double?
    /// What is printed beside the bar: `12,3%`, `1.234`, `<5`, `×` or `–`.
    let text: String
    let withheld: Bool

    /// Numbers are written in the language of `texts` (`1.234` / `1,234`).
    static func count(_ count: Int, _ suppression: CellSuppression.Reason?, texts: Catalogue = .of(.id)) -> ChartValue {
        if let suppression { return ChartValue(number: nil, text: suppression.text, withheld: true) }
        return ChartValue(number: Double(count), text: texts.number(count), withheld: false)
    }

    static func percent(_ value: IndicatorValue, texts: Catalogue = .of(.id)) -> ChartValue {
        if let suppression = value.suppression { return ChartValue(number: nil, text: suppression.text, withheld: true) }
        guard let percent = value.percent else { return ChartValue(number: nil, text: "–", withheld: false) }
        return ChartValue(number: percent, text: texts.percent(percent), withheld: false)
    }

    static func group(_ group: IndicatorValue.Group?, texts: Catalogue = .of(.id)) -> ChartValue {
        guard let group else { return ChartValue(number: nil, text: "–", withheld: false) }
        return count(group.count, group.suppression, texts: texts)
    }

    /// A group's rate (the women among desil-1 people ÷ all women), "–" when the group is empty or absent.
    static func groupPercent(_ group: IndicatorValue.Group?, texts: Catalogue = .of(.id)) -> ChartValue {
        guard let group else { return ChartValue(number: nil, text: "–", withheld: false) }
        if let suppression = group.suppression { return ChartValue(number: nil, text: suppression.text, withheld: true) }
        guard let percent = group.percent else { return ChartValue(number: nil, text: "–", withheld: false) }
        return ChartValue(number: percent, text: texts.percent(percent), withheld: false)
    }
}

/// Charts drawn on the server as SVG: horizontal bars, stacked bars, a population pyramid and columns.
///
/// **Disclosure.** Every length is a function of the shown numbers only: the scale is the longest bar's length over
/// the largest *shown* number, a withheld bar is a hatched stub of fixed length (`stub`) labelled "<5" or "×", and
/// in a stack each segment starts where the one before ends (a stub counts as a stub). A withheld number never
/// reaches this type (`ChartValue` has none), so neither a bar, nor a position, nor the scale can carry it.
enum ChartSVG {
    static let width = 520.0
    /// Where the bars start (after the row labels) and how long the longest may be.
    static let labelWidth = 200.0
    static let barArea = 220.0
    /// The pyramid: its axis is a gap of `2 × pyramidGap` in the middle, the longest bar `pyramidLength` on either side.
    static let pyramidGap = 30.0, pyramidLength = 150.0
    static let rowHeight = 24.0
    static let barHeight = 16.0
    /// The height of each bar of a group.
    static let groupedBarHeight = 9.0
    /// The length of a withheld bar.
    static let stub = 12.0
    static let top = 8.0

    /// The colours: a sequential green for single bars, Okabe–Ito blue and vermilion for men and women (safe for
    /// colour-blind readers).
    static let barColour = "#0b6e4f", maleColour = "#0072b2", femaleColour = "#d55e00"
    /// Okabe–Ito colours for groups that are not men and women: with and without a disability, the four age bands.
    static let disabilityColours = ["#cc79a7", "#56b4e9"], ageBandColours = ["#e69f00", "#56b4e9", "#009e73", "#0072b2"]

    /// Horizontal bars, one per row.
    static func bars(id: String, title: String, rows: [(label: String, value: ChartValue)]) -> String {
        let scale = scaleFor(rows.compactMap(\.value.number), length: barArea)
        let height = top * 2 + Double(rows.count) * rowHeight
        var svg = open(id: id, title: title, height: height, kind: "batang")
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += label(row.label, x: labelWidth - 6, y: y + barHeight - 3, anchor: "end")
            let length = bar(&svg, id: id, x: labelWidth, y: y, value: row.value, scale: scale, colour: barColour, name: row.label)
            svg += text(row.value.text, x: labelWidth + length + 4, y: y + barHeight - 3)
        }
        return svg + "</svg>"
    }

    /// Stacked horizontal bars: each row's segments (one per series) side by side.
    static func stacked(id: String, title: String, series: [(name: String, colour: String)],
                        rows: [(label: String, values: [ChartValue])]) -> String {
        let sums = rows.map { $0.values.compactMap(\.number).reduce(0, +) }
        let scale = scaleFor(sums, length: barArea)
        let height = top * 2 + Double(rows.count) * rowHeight + 22
        var svg = open(id: id, title: title, height: height, kind: "batang-bertumpuk")
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += label(row.label, x: labelWidth - 6, y: y + barHeight - 3, anchor: "end")
            var x = labelWidth
            for (value, part) in zip(row.values, series) {
                x += bar(&svg, id: id, x: x, y: y, value: value, scale: scale, colour: part.colour, name: "\(row.label), \(part.name.lowercased())")
            }
            svg += text(row.values.map(\.text).joined(separator: " + "), x: x + 4, y: y + barHeight - 3)
        }
        svg += legend(series, y: top + Double(rows.count) * rowHeight + 12)
        return svg + "</svg>"
    }

    /// Grouped horizontal bars: per row one thin bar for each series (rates of a group: with and without a disability,
    /// or each age band), all on one scale from the shown numbers.
    static func grouped(id: String, title: String, series: [(name: String, colour: String)],
                        rows: [(label: String, values: [ChartValue])]) -> String {
        let scale = scaleFor(rows.flatMap { $0.values.compactMap(\.number) }, length: barArea)
        let thin = groupedBarHeight, rowSpan = Double(series.count) * (thin + 2) + 8
        let height = top * 2 + Double(rows.count) * rowSpan + 22
        var svg = open(id: id, title: title, height: height, kind: "batang-berkelompok")
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowSpan
            svg += label(row.label, x: labelWidth - 6, y: y + (rowSpan - 8) / 2 + 4, anchor: "end")
            for (offset, (value, part)) in zip(row.values, series).enumerated() {
                let barY = y + Double(offset) * (thin + 2)
                let length = length(value, scale: scale)
                svg += rect(id: id, x: labelWidth, y: barY, width: length, height: thin, value: value, colour: part.colour,
                            name: "\(row.label), \(part.name.lowercased())")
                svg += text(value.text, x: labelWidth + length + 4, y: barY + thin - 1, size: 10)
            }
        }
        svg += legend(series, y: top + Double(rows.count) * rowSpan + 12, step: series.count > 2 ? 75 : 110)
        return svg + "</svg>"
    }

    /// A population pyramid: one row per age band (oldest on top), men to the left of the axis and women to the right;
    /// `short` is written between the bars, `label` names the bars.
    static func pyramid(id: String, title: String, bands: [(label: String, short: String, male: ChartValue, female: ChartValue)],
                        sexes: (male: String, female: String) = ("Laki-laki", "Perempuan")) -> String {
        let centre = width / 2
        let scale = scaleFor(bands.flatMap { [$0.male.number, $0.female.number].compactMap { $0 } }, length: pyramidLength)
        let height = top * 2 + Double(bands.count) * rowHeight + 22
        var svg = open(id: id, title: title, height: height, kind: "piramida")
        for (index, band) in bands.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += label(band.short, x: centre, y: y + barHeight - 3, anchor: "middle")
            let left = centre - pyramidGap
            let maleLength = length(band.male, scale: scale)
            _ = bar(&svg, id: id, x: left - maleLength, y: y, value: band.male, scale: scale, colour: maleColour, name: "\(sexes.male) \(band.label)")
            svg += text(band.male.text, x: left - maleLength - 4, y: y + barHeight - 3, anchor: "end")
            let right = centre + pyramidGap
            let femaleLength = bar(&svg, id: id, x: right, y: y, value: band.female, scale: scale, colour: femaleColour,
                                   name: "\(sexes.female) \(band.label)")
            svg += text(band.female.text, x: right + femaleLength + 4, y: y + barHeight - 3)
        }
        svg += legend([(sexes.male, maleColour), (sexes.female, femaleColour)], y: top + Double(bands.count) * rowHeight + 12)
        return svg + "</svg>"
    }

    /// Vertical columns (the desil distribution): the label under each, the number above.
    static func columns(id: String, title: String, columns: [(label: String, value: ChartValue)]) -> String {
        let plotHeight = 150.0, baseline = top + 20 + plotHeight
        let slot = (width - 40) / Double(max(columns.count, 1)), columnWidth = min(slot - 8, 34)
        let scale = scaleFor(columns.compactMap(\.value.number), length: plotHeight)
        var svg = open(id: id, title: title, height: baseline + 26, kind: "kolom")
        svg += "<line x1=\"20\" y1=\"\(f(baseline))\" x2=\"\(f(width - 20))\" y2=\"\(f(baseline))\" stroke=\"#5b6770\" stroke-width=\"1\"/>"
        for (index, column) in columns.enumerated() {
            let x = 20 + Double(index) * slot + (slot - columnWidth) / 2
            let height = length(column.value, scale: scale)
            svg += rect(id: id, x: x, y: baseline - height, width: columnWidth, height: height, value: column.value, colour: barColour,
                        name: column.label)
            svg += text(column.value.text, x: x + columnWidth / 2, y: baseline - height - 4, anchor: "middle", size: 11)
            svg += label(column.label, x: x + columnWidth / 2, y: baseline + 16, anchor: "middle")
        }
        return svg + "</svg>"
    }

    // MARK: Drawing

    /// Length per unit: the longest bar over the largest shown number (0 when nothing is shown).
    static func scaleFor(_ shown: [Double], length: Double) -> Double {
        guard let largest = shown.max(), largest > 0 else { return 0 }
        return length / largest
    }

    /// A bar's length: the stub when withheld, 0 when there is no number.
    static func length(_ value: ChartValue, scale: Double) -> Double {
        if value.withheld { return stub }
        return rounded((value.number ?? 0) * scale)
    }

    /// Draws a horizontal bar from `x` and returns its length.
    private static func bar(_ svg: inout String, id: String, x: Double, y: Double, value: ChartValue, scale: Double, colour: String,
                            name: String) -> Double {
        let length = length(value, scale: scale)
        svg += rect(id: id, x: x, y: y, width: length, height: barHeight, value: value, colour: colour, name: name)
        return length
    }

    private static func rect(id: String, x: Double, y: Double, width: Double, height: Double, value: ChartValue, colour: String,
                             name: String) -> String {
        let fill = value.withheld ? "url(#arsir-\(id))" : colour
        let cssClass = value.withheld ? "bar withheld" : "bar"
        return "<rect class=\"\(cssClass)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\">"
            + "<title>\(HTML.escape(name)): \(HTML.escape(value.text))</title></rect>"
    }

    static func open(id: String, title: String, height: Double, kind: String) -> String {
        """
        <svg class="chart" id="grafik-\(id)" data-jenis="\(kind)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" \
        role="img" aria-labelledby="judul-\(id)"><title id="judul-\(id)">\(HTML.escape(title))</title>\
        <defs><pattern id="arsir-\(id)" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="5" height="5" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#5b6770" stroke-width="2"/></pattern></defs>
        """
    }

    private static func legend(_ series: [(name: String, colour: String)], y: Double, step: Double = 110) -> String {
        var svg = "", x = labelWidth
        for part in series {
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"12\" height=\"12\" fill=\"\(part.colour)\"/>"
            svg += text(part.name, x: x + 16, y: y + 1)
            x += step
        }
        return svg
    }

    private static func label(_ text: String, x: Double, y: Double, anchor: String) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"12\" text-anchor=\"\(anchor)\">\(HTML.escape(text))</text>"
    }

    static func text(_ text: String, x: Double, y: Double, anchor: String = "start", size: Int = 12) -> String {
        "<text class=\"value\" x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\">\(HTML.escape(text))</text>"
    }

    /// To 0.1 unit, as drawn.
    static func rounded(_ value: Double) -> Double {
        Double(Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero)) / 10
    }

    static func f(_ value: Double) -> String {
        let tenths = Int(saturating: value * 10, rounding: .toNearestOrAwayFromZero)
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
