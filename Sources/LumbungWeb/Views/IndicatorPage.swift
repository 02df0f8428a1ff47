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
        init(count: Int, denominator: Int?, percent: Double?, suppression: CellSuppression.Reason?) {
            if let suppression {
                main = suppression.text
                detail = nil
            } else if denominator != nil {
                main = IndonesianNumber.percent(percent)
                detail = IndonesianNumber.format(count)
            } else {
                main = IndonesianNumber.format(count)
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
    let exportCSV: String
    let exportXLSX: String

    /// The columns of the people and the families tables: each split's groups, in order.
    static let personColumns: [(split: String, group: String, label: String)] = [
        ("sex", "male", "Laki-laki"), ("sex", "female", "Perempuan"),
        ("age_band", "0-4", "0–4"), ("age_band", "5-17", "5–17"), ("age_band", "18-59", "18–59"), ("age_band", "60+", "60+"),
        ("disability", "with", "Disabilitas"), ("disability", "without", "Non-disabilitas"),
    ]
    static let familyColumns: [(split: String, group: String, label: String)] = [
        ("head_sex", "male", "KK laki-laki"), ("head_sex", "female", "KK perempuan"),
        ("member_with_disability", "with", "Ada anggota disabilitas"), ("elderly_member", "with", "Ada lansia"),
        ("child_member", "with", "Ada anak"),
    ]
    /// The indicators compared across the regions one level down.
    static let childIndicators = ["people", "families", "desil1_families", "desil1to4_families", "unfit_housing", "no_safe_water",
                                  "no_sanitation", "out_of_school", "disability", "elderly", "needs_verification"]

    init(region: Region, indicators: RegionIndicators, rankingLevel: PriorityRanking.Level?, charts: [IndicatorCharts.Block] = []) {
        self.charts = charts
        hasCharts = !charts.isEmpty
        exportCSV = "/wilayah/\(region.code.dotted)/indikator.csv"
        exportXLSX = "/wilayah/\(region.code.dotted)/indikator.xlsx"
        title = "Indikator \(region.title) — Lumbung"
        heading = "Indikator \(region.title)"
        regionHref = "/wilayah/\(region.code.dotted)"
        rankingHref = rankingLevel.map { "/peringkat?within=\(region.code.dotted)&level=\($0.rawValue)" }
        readingNote = "Persentase dihitung dalam tiap kelompok (mis. kolom Perempuan: perempuan desil 1 ÷ semua perempuan). Angka kecil di bawahnya adalah jumlah orang atau keluarga."
            + (indicators.isDisclosed ? " “<5”: jumlah 1–4 disembunyikan; “×”: angka disembunyikan agar angka “<5” tidak dapat dihitung ulang dari total dan kelompok lain." : "")
        let byID = Dictionary(uniqueKeysWithValues: indicators.region.values.map { ($0.indicator, $0) })
        func table(_ heading: String, _ subject: Indicator.Subject, _ columns: [(split: String, group: String, label: String)]) -> Table {
            let rows = IndicatorCatalogue.all.filter { $0.subject == subject }.compactMap { indicator -> Row? in
                guard let value = byID[indicator.id] else { return nil }
                return Row(name: indicator.nameID, definition: indicator.definition,
                           total: Cell(count: value.count, denominator: value.denominator, percent: value.percent, suppression: value.suppression),
                           groups: columns.map { column in
                               value.group(column.split, column.group).map { Cell(count: $0.count, denominator: $0.denominator, percent: $0.percent, suppression: $0.suppression) } ?? .none
                           })
            }
            return Table(heading: heading, columns: columns.map(\.label), rows: rows)
        }
        tables = [table("Penduduk", .people, Self.personColumns), table("Keluarga", .families, Self.familyColumns)]
        childrenHeading = region.level.childrenLabel
        childColumns = Self.childIndicators.compactMap { IndicatorCatalogue.indicator($0)?.nameID }
        children = indicators.children.map { entry in
            let values = Dictionary(uniqueKeysWithValues: entry.values.map { ($0.indicator, $0) })
            return ChildRow(name: entry.name, href: "/wilayah/\(entry.code)/indikator", cells: Self.childIndicators.map { id in
                values[id].map { Cell(count: $0.count, denominator: $0.denominator, percent: $0.percent, suppression: $0.suppression) } ?? .none
            })
        }
    }
}
