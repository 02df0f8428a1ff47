import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// What a map is coloured by: `?indikator=ID&kelas=kuantil|jenks` (defaults: desil-1 families, quantiles).
struct MapRequest: Sendable {
    let indicator: Indicator
    let method: ClassMethod
    /// How the table under the map is sorted (`urut`).
    let sort: Sort

    /// `urut=kode|nama|keluarga|jiwa|nilai`: by code (default), name, or the largest shown families, people or mapped rate first.
    enum Sort: String, Sendable, CaseIterable {
        case code = "kode", name = "nama", families = "keluarga", people = "jiwa", value = "nilai"
    }

    /// The indicators a map can show: the rates (a map of counts mostly shows which areas are big), and programme
    /// coverage of desil-1 families (`CoverageIndicator`).
    static let indicators = IndicatorCatalogue.all.filter { $0.unit == .percent } + [CoverageIndicator.indicator]
    static let defaultIndicator = "desil1_families"
    /// How many classes a map asks for (fewer when the values repeat).
    static let classes = 5

    init(indicator: Indicator, method: ClassMethod, sort: Sort = .code) {
        self.indicator = indicator
        self.method = method
        self.sort = sort
    }

    /// Reads `indikator` and `kelas`; an unknown one is a 404 (indicator) or 400 (class method) naming the choices.
    init(_ request: Request) throws(AppError) {
        let id = FormQuery.value("indikator", in: request).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let chosen = id.isEmpty ? Self.defaultIndicator : id
        guard let indicator = Self.indicators.first(where: { $0.id == chosen }) else { throw .unknownIndicator(chosen) }
        let methodName = FormQuery.value("kelas", in: request).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let method = methodName.isEmpty ? .quantile : ClassMethod(rawValue: methodName) else { throw .badClassMethod(methodName) }
        let sortName = FormQuery.value("urut", in: request).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let sort = sortName.isEmpty ? .code : Sort(rawValue: sortName) else { throw .badSort(sortName) }
        self.init(indicator: indicator, method: method, sort: sort)
    }

    /// `indikator=…&kelas=…`, to carry the choice into links.
    var query: String { "indikator=\(indicator.id)&kelas=\(method.rawValue)" }

    /// The same with a sort order.
    func query(sort: Sort) -> String { query + (sort == .code ? "" : "&urut=\(sort.rawValue)") }
}

/// The colours and classes of one map: each area's value of one indicator (as the reader may see it), the class
/// breaks computed from the **shown** values only (a withheld value moves no bound), a colour-blind-safe sequential
/// palette (ColorBrewer YlOrRd), and a hatch for withheld or missing values.
struct Choropleth: Sendable {
    struct Entry: Sendable {
        let region: Region
        /// The value as the reader may see it (`suppression` set when withheld).
        let value: IndicatorValue
        /// The class of a shown value; `nil` when withheld or without data.
        let classIndex: Int?
    }

    struct LegendItem: Sendable {
        let colour: String
        let label: String
        let hatched: Bool
    }

    let indicator: Indicator
    let method: ClassMethod
    let breaks: ClassBreaks?
    let entries: [RegionCode: Entry]
    /// The language of its words (legend, note, values).
    let texts: Catalogue

    static let hatchID = "arsir"
    static let hatchFill = "url(#\(hatchID))"

    /// ColorBrewer YlOrRd, by number of classes: sequential and safe for the common kinds of colour blindness.
    static func palette(_ count: Int) -> [String] {
        switch count {
        case ...1: ["#feb24c"]
        case 2: ["#ffeda0", "#f03b20"]
        case 3: ["#ffeda0", "#feb24c", "#f03b20"]
        case 4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"]
        default: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
        }
    }

    init(indicator: Indicator, method: ClassMethod, values: [(Region, IndicatorValue)], classes: Int = MapRequest.classes,
         texts: Catalogue = .of(.id)) {
        self.texts = texts
        self.indicator = indicator
        self.method = method
        let shown = values.compactMap { Self.shownRate($0.1) }
        let breaks = ClassBreaks.compute(shown, classes: classes, method: method)
        self.breaks = breaks
        var entries: [RegionCode: Entry] = [:]
        for (region, value) in values {
            entries[region.code] = Entry(region: region, value: value, classIndex: Self.shownRate(value).flatMap { breaks?.classIndex(of: $0) })
        }
        self.entries = entries
    }

    /// The rate the reader may see, or `nil` (withheld, or no denominator).
    static func shownRate(_ value: IndicatorValue) -> Double? {
        value.suppression == nil ? value.percent : nil
    }

    /// The fill of an area: its class's colour, or the hatch.
    func fill(_ code: RegionCode) -> String {
        guard let index = entries[code]?.classIndex, let breaks else { return Self.hatchFill }
        let colours = Self.palette(breaks.count)
        return colours[min(index, colours.count - 1)]
    }

    /// The value in words: `12,3% (45 dari 366 keluarga)`, `<5`, `×` or `tidak ada data`.
    func text(_ code: RegionCode) -> String {
        guard let value = entries[code]?.value else { return texts["map_no_data"] }
        return Self.text(value, indicator: indicator, texts: texts)
    }

    /// What the GeoJSON's `keterangan` says of an area without data (its fields are Indonesian in every language).
    static let noData = "tidak ada data"

    static func text(_ value: IndicatorValue, indicator: Indicator, texts: Catalogue) -> String {
        if let suppression = value.suppression { return suppression.text }
        guard let percent = value.percent, let denominator = value.denominator else { return texts["map_no_data"] }
        return texts("map_value", ["percent": texts.percent(percent), "count": texts.number(value.count), "total": texts.number(denominator),
                                   "unit": texts[indicator.subject == .families ? "families_unit" : "people_unit"]])
    }

    /// The legend: one line per class with its bounds, then the hatch.
    var legend: [LegendItem] {
        var items: [LegendItem] = []
        if let breaks {
            let colours = Self.palette(breaks.count)
            for index in 0..<breaks.count {
                let low = breaks.bounds[index], high = breaks.bounds[index + 1]
                let label = index == 0 || low == high
                    ? (low == high ? texts.percent(high) : "\(texts.percent(low)) – \(texts.percent(high))")
                    : "> \(texts.percent(low)) – \(texts.percent(high))"
                items.append(LegendItem(colour: colours[min(index, colours.count - 1)], label: label, hatched: false))
            }
        }
        if entries.values.contains(where: { $0.classIndex == nil }) || breaks == nil {
            items.append(LegendItem(colour: "", label: texts["map_legend_hatched"], hatched: true))
        }
        return items
    }

    /// The sentence under the legend: what is coloured and how the classes were made.
    var note: String {
        guard let breaks else { return texts("map_note_empty", ["indicator": texts.name(indicator).lowercased()]) }
        return texts("map_note", ["indicator": texts.name(indicator), "classes": texts.number(breaks.count),
                                  "method": texts["class_method_\(method.rawValue)"]])
    }
}
