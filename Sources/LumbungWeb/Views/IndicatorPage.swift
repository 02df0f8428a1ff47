import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The model of `/wilayah/{code}/indikator`: every indicator of a region with its splits, and the key
/// indicators of each region one level down.
struct IndicatorPage {
    /// One figure as the page shows it: the rate (or the count) and the count beneath it.
    struct Cell {
        let main: String
        let detail: String?

        /// A withheld figure shows "<5" (1–4) or "×" (hidden so no sum gives a small one back), and nothing else.
        init(count: Int, denominator: Int?, percent: Double?, suppression: CellSuppression.Reason?, texts: Catalogue = .of(.id)) {
            if let suppression {
                main = suppression.text
                detail = nil
            } else if denominator != nil {
                main = texts.percent(percent)
                detail = texts.number(count)
            } else {
                main = texts.number(count)
                detail = nil
            }
        }

        static let none = Cell(text: "")
        private init(text: String) {
            main = text
            detail = nil
        }
    }

    struct Row {
        let name: String
        let definition: String
        let total: Cell
        let groups: [Cell]
    }

    struct Table {
        let heading: String
        let columns: [String]
        let rows: [Row]
    }

    struct ChildRow {
        let name: String
        let href: String
        let cells: [Cell]
    }

    let title: String
    let query = ""
    let heading: String
    let regionHref: String
    let rankingHref: String?
    let readingNote: String
    let tables: [Table]
    let childrenHeading: String?
    let childColumns: [String]
    let children: [ChildRow]
    /// Charts, each with its numbers as a table (none before data is imported).
    let charts: [IndicatorCharts.Block]
    let hasCharts: Bool
    /// Whether any family is recorded in the region: without, the page says how to import instead of a table of zeros.
    var hasData = true
    let exportCSV: String
    let exportXLSX: String

    /// The columns of the people and the families tables: each split's groups, in order.
    /// (`label`: a catalogue key, or the label itself for the age bands.)
    static let personColumns: [(split: String, group: String, label: String)] = [
        ("sex", "male", "ind_col_male"), ("sex", "female", "ind_col_female"),
        ("age_band", "0-4", "0–4"), ("age_band", "5-17", "5–17"), ("age_band", "18-59", "18–59"), ("age_band", "60+", "60+"),
        ("disability", "with", "ind_col_disability"), ("disability", "without", "ind_col_no_disability"),
    ]
    static let familyColumns: [(split: String, group: String, label: String)] = [
        ("head_sex", "male", "ind_col_head_male"), ("head_sex", "female", "ind_col_head_female"),
        ("member_with_disability", "with", "ind_col_member_disability"), ("elderly_member", "with", "ind_col_elderly"),
        ("child_member", "with", "ind_col_child"),
    ]
    /// The indicators compared across the regions one level down.
    static let childIndicators = ["people", "families", "desil1_families", "desil1to4_families", "unfit_housing", "no_safe_water",
                                  "no_sanitation", "out_of_school", "disability", "elderly", "needs_verification"]

    init(region: Region, indicators: RegionIndicators, rankingLevel: PriorityRanking.Level?, charts: [IndicatorCharts.Block] = [],
         texts: Catalogue = .of(.id)) {
        self.charts = charts
        hasCharts = !charts.isEmpty
        exportCSV = "/wilayah/\(region.code.dotted)/indikator.csv"
        exportXLSX = "/wilayah/\(region.code.dotted)/indikator.xlsx"
        heading = texts("ind_heading", ["region": region.title])
        title = heading + " — Lumbung"
        regionHref = "/wilayah/\(region.code.dotted)"
        rankingHref = rankingLevel.map { "/peringkat?within=\(region.code.dotted)&level=\($0.rawValue)" }
        readingNote = texts["ind_reading_note"] + (indicators.isDisclosed ? " " + texts["ind_suppression_note"] : "")
        func cell(_ count: Int, _ denominator: Int?, _ percent: Double?, _ suppression: CellSuppression.Reason?) -> Cell {
            Cell(count: count, denominator: denominator, percent: percent, suppression: suppression, texts: texts)
        }
        let byID = Dictionary(uniqueKeysWithValues: indicators.region.values.map { ($0.indicator, $0) })
        func table(_ heading: String, _ subject: Indicator.Subject, _ columns: [(split: String, group: String, label: String)]) -> Table {
            let rows = IndicatorCatalogue.all.filter { $0.subject == subject }.compactMap { indicator -> Row? in
                guard let value = byID[indicator.id] else { return nil }
                return Row(name: texts.name(indicator), definition: texts.definition(indicator),
                           total: cell(value.count, value.denominator, value.percent, value.suppression),
                           groups: columns.map { column in
                               value.group(column.split, column.group).map { cell($0.count, $0.denominator, $0.percent, $0.suppression) } ?? .none
                           })
            }
            return Table(heading: heading, columns: columns.map { texts[$0.label] }, rows: rows)
        }
        tables = [table(texts["ind_people"], .people, Self.personColumns), table(texts["ind_families"], .families, Self.familyColumns)]
        childrenHeading = region.level.childrenLabel.map { _ in texts("ind_per", ["level": texts["level_children_\(region.level.rawValue)"]]) }
        childColumns = Self.childIndicators.compactMap { IndicatorCatalogue.indicator($0).map(texts.name) }
        children = indicators.children.map { entry in
            let values = Dictionary(uniqueKeysWithValues: entry.values.map { ($0.indicator, $0) })
            return ChildRow(name: entry.name, href: "/wilayah/\(entry.code)/indikator", cells: Self.childIndicators.map { id in
                values[id].map { cell($0.count, $0.denominator, $0.percent, $0.suppression) } ?? .none
            })
        }
    }
}
