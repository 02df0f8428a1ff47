import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The model of the printable region brief, `/wilayah/{code}/ringkas`: on A4 (a kabupaten on at most 4 pages) the
/// headline figures, the summary in words, the map with its legend, the priority desa with their reasons, the
/// regions one level down worst first, the charts, and the data date and source. Built from Beranda's figures
/// (`DashboardPage`) and the indicator page's charts, so the brief says exactly what those pages say.
struct RegionBriefPage {
    struct Row {
        let name: String
        let families: String
        let values: [String]
    }

    let title: String
    let query = ""
    let heading: String
    let code: String
    let levelLabel: String
    let parentTitle: String?
    let villageTotal: String?
    let regionHref: String
    let composed: String
    let hasData: Bool
    let headlines: [DashboardPage.Headline]
    let summary: String?
    let mapSVG: String?
    let legend: [RegionPage.LegendRow]
    let legendHeading: String
    let legendNote: String
    let priorities: [DashboardPage.Priority]
    let hasPriorities: Bool
    let prioritiesNote: String
    let groups: [DashboardPage.Group]
    /// The regions one level down, the highest share of desil-1 families first.
    let childrenHeading: String?
    let childColumns: [String]
    let children: [Row]
    let charts: [IndicatorCharts.Block]
    let freshness: String
    let source: String
    let disclosureNote: String?

    /// The figures of the table of regions one level down.
    static let childIndicators = ["desil1_families", "desil1to4_families", "unfit_housing", "out_of_school"]

    /// - Parameters:
    ///   - summary: the Ringkasan in words, already in the page's language.
    ///   - composed: when the brief was made, as stored UTC text (`2026-12-07T08:30:11Z`).
    ///   - texts: the reader's catalogue; labels, numbers and the time follow its language.
    init(region: Region, dashboard: DashboardPage, figures: RegionFigures.Figures, summary: String?, composed: String,
         texts: Catalogue) {
        let code = region.code
        let tree = figures.totals.tree
        title = texts("brief_title", ["region": region.title])
        heading = region.title
        self.code = code.dotted
        levelLabel = texts["level_\(region.level.rawValue)"]
        parentTitle = region.parentCode.flatMap { tree[$0] }?.title
        villageTotal = code.depth < 4 ? texts("brief_villages", ["count": texts.number(tree.descendants(of: code, depth: 4).count)]) : nil
        regionHref = "/wilayah/\(code.dotted)"
        self.composed = texts("brief_composed", ["time": texts.time(utc: composed, in: IndonesianTimeZone(region: code))])
        hasData = dashboard.hasData
        headlines = dashboard.headlines
        self.summary = summary
        mapSVG = dashboard.mapSVG
        legend = dashboard.legend
        legendHeading = dashboard.legendHeading
        legendNote = dashboard.legendNote
        priorities = dashboard.priorities
        hasPriorities = !dashboard.priorities.isEmpty
        prioritiesNote = dashboard.prioritiesNote
        groups = dashboard.groups
        freshness = dashboard.freshness
        source = dashboard.source
        disclosureNote = figures.disclosure == nil ? nil : texts["ind_suppression_note"]
        charts = IndicatorCharts(region: region, totals: figures.totals, disclosure: figures.disclosure, texts: texts).blocks
        // The regions one level down, worst first by their shown share of desil-1 families (withheld ones last).
        let wanted = (["families"] + Self.childIndicators).compactMap(IndicatorCatalogue.indicator)
        var indicators = RegionIndicators.compute(for: region, totals: figures.totals, indicators: wanted)
        if let plan = figures.disclosure { indicators = indicators.disclosed(by: plan) }
        childrenHeading = region.level.childrenLabel.map { _ in texts("brief_children", ["level": texts["level_children_\(region.level.rawValue)"]]) }
        childColumns = Self.childIndicators.compactMap { IndicatorCatalogue.indicator($0).map(texts.name) }
        let rows = indicators.children.enumerated().map { offset, entry -> (Double?, Int, Row) in
            let values = Dictionary(entry.values.map { ($0.indicator, $0) }, uniquingKeysWith: { a, _ in a })
            func text(_ id: String) -> String {
                guard let value = values[id] else { return "" }
                if let suppression = value.suppression { return suppression.text }
                return value.denominator == nil ? texts.number(value.count) : texts.percent(value.percent)
            }
            let key = values["desil1_families"].flatMap { $0.suppression == nil ? $0.percent : nil }
            return (key, offset, Row(name: entry.name, families: text("families"), values: Self.childIndicators.map(text)))
        }
        children = rows.sorted { a, b in
            switch (a.0, b.0) {
            case let (x?, y?): x != y ? x > y : a.1 < b.1
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.1 < b.1
            }
        }.map(\.2)
    }
}
