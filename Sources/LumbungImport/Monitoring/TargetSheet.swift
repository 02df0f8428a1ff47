import Foundation
import LumbungDomain
import LumbungSheets

/// Reads a sheet of baselines and targets (`lumbung target import FILE`): one row per indicator × region × year,
/// with a baseline value, a target value or both. Headers (any case, spacing or punctuation):
///
/// | kode_wilayah | indikator | tahun | baseline | target | sumber | rincian |
/// |---|---|---|---|---|---|---|
/// | 52.03 | desil1_families | 2024 | 21,5 | | DTSEN 2024 | |
/// | 52.03 | desil1_people | 2025 | | 19 | | sex=perempuan |
///
/// `rincian` (optional; empty is all) names one group of one of the indicator's splits (`TargetSplit`).
///
/// Every row is checked before anything is written; any problem names its sheet, row and column in Bahasa
/// Indonesia and the whole file is refused (`problems` not empty). Needs no database: regions are checked against
/// the tree, indicators against the catalogue.
public struct TargetSheet: Sendable {
    /// One value read.
    public struct Entry: Sendable, Equatable {
        public enum Kind: String, Sendable { case baseline, target }
        public let row: Int
        public let indicator: String
        public let region: RegionCode
        public var split: TargetSplit = .all
        public let year: Int
        public let kind: Kind
        public let value: Double
        public let source: String
    }

    /// One problem, with where it is.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let sheet: String?
        public let row: Int?
        public let column: String?
        public let message: String

        public var description: String {
            var place: [String] = []
            if let sheet { place.append("lembar '\(sheet)'") }
            if let row { place.append("baris \(row)") }
            if let column { place.append("kolom '\(column)'") }
            guard !place.isEmpty else { return message }
            let text = place.joined(separator: ", ")
            return text.prefix(1).uppercased() + text.dropFirst() + ": " + message
        }
    }

    public enum Column: String, CaseIterable, Sendable {
        case region = "kode_wilayah", indicator = "indikator", year = "tahun", baseline, target, source = "sumber", split = "rincian"

        var synonyms: [String] {
            switch self {
            case .region: ["kodewilayah", "kodedesa", "wilayah", "kode", "kodekemendagri", "kodekemdagri"]
            case .indicator: ["indikator", "idindikator", "kodeindikator"]
            case .year: ["tahun", "tahundasar", "periode"]
            case .baseline: ["baseline", "nilaibaseline", "nilaidasar", "nilaitahundasar"]
            case .target: ["target", "nilaitarget", "sasaran"]
            case .source: ["sumber", "sumberdata", "keterangan"]
            case .split: ["rincian", "disagregasi", "split", "pilah", "terpilah"]
            }
        }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var problems: [Problem] = []

    /// Reads every sheet of `url` that has the header (the first one found per sheet, within its first 20 rows).
    /// `external`: the ids of stored external indicators (`ExternalIndicator`), which take targets as well.
    public static func read(_ url: URL, tree: RegionTree, external: Set<String> = []) throws -> TargetSheet {
        var sheet = TargetSheet()
        let readers = try SheetFormat.readers(for: url)
        var found = false
        for (index, reader) in readers.enumerated() {
            let name = readers.count > 1 ? reader.sheetNames[safe: index] : nil
            var columns: [Column: (index: Int, header: String)]?
            try reader.forEachRow { row in
                guard let known = columns else {
                    if row.number <= 20, let header = Self.header(row) { columns = header; found = true }
                    return
                }
                guard !row.isBlank else { return }
                sheet.read(row, columns: known, sheet: name, tree: tree, external: external)
            }
        }
        if !found {
            sheet.problems.append(Problem(sheet: nil, row: nil, column: nil, message:
                "Baris judul tidak ditemukan di '\(url.lastPathComponent)': sheet target butuh kolom kode_wilayah, indikator, tahun, dan baseline atau target."))
        }
        sheet.checkPlans()
        return sheet
    }

    static func header(_ row: SheetRow) -> [Column: (index: Int, header: String)]? {
        let columns = HeaderName.locate(row.values.map(\.text), spellings: \Column.synonyms)
        guard columns[.region] != nil, columns[.indicator] != nil, columns[.year] != nil,
              columns[.baseline] != nil || columns[.target] != nil else { return nil }
        return columns
    }

    private mutating func read(_ row: SheetRow, columns: [Column: (index: Int, header: String)], sheet: String?, tree: RegionTree, external: Set<String>) {
        func problem(_ column: Column?, _ message: String) {
            problems.append(Problem(sheet: sheet, row: row.number, column: column.flatMap { columns[$0]?.header }, message: message))
        }
        func text(_ column: Column) -> String {
            columns[column].map { row[$0.index].text.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let before = problems.count
        let indicatorID = text(.indicator)
        var split = TargetSplit.all
        if indicatorID.isEmpty {
            problem(.indicator, "indikator kosong.")
        } else if let indicator = IndicatorCatalogue.indicator(indicatorID) {
            do { split = try TargetSplit.parse(text(.split), for: indicator) } catch { problem(.split, error.description) }
        } else if !external.contains(indicatorID) {
            problem(.indicator, MonitoringProblem.indicatorUnknown(indicatorID).description)
        }
        let regionText = text(.region)
        let region = try? RegionCode(regionText)
        if regionText.isEmpty {
            problem(.region, "kode wilayah kosong.")
        } else if region.flatMap({ tree[$0] }) == nil {
            problem(.region, MonitoringProblem.regionUnknown(regionText).description)
        }
        let yearText = text(.year)
        var year: Int?
        if let parsed = Int(yearText), TargetYear.range.contains(parsed) {
            year = parsed
        } else if let parsed = Int(yearText) {
            problem(.year, MonitoringProblem.yearOutOfRange(parsed).description)
        } else {
            problem(.year, "'\(yearText)' bukan tahun: tulis empat angka (mis. 2025).")
        }
        var values: [(Entry.Kind, Double)] = []
        for (column, kind) in [(Column.baseline, Entry.Kind.baseline), (.target, .target)] {
            guard let index = columns[column]?.index else { continue }
            let cell = row[index]
            if cell.isBlank { continue }
            guard let value = Self.number(cell) else {
                problem(column, "'\(cell.text)' bukan angka: tulis nilainya saja (mis. 12,5).")
                continue
            }
            if value < 0 { problem(column, MonitoringProblem.valueNegative(value).description); continue }
            values.append((kind, value))
        }
        if values.isEmpty && problems.count == before { problem(nil, "baris tanpa nilai baseline maupun target.") }
        guard problems.count == before, let region, let year else { return }
        for (kind, value) in values {
            entries.append(Entry(row: row.number, indicator: indicatorID, region: region, split: split, year: year, kind: kind, value: value, source: text(.source)))
        }
    }

    /// Per indicator × region of the file: one baseline at most, and no target year before the baseline year.
    private mutating func checkPlans() {
        struct Key: Hashable { let indicator: String; let region: RegionCode; let split: TargetSplit }
        var baselines: [Key: Entry] = [:]
        for entry in entries where entry.kind == .baseline {
            let key = Key(indicator: entry.indicator, region: entry.region, split: entry.split)
            if let earlier = baselines[key] {
                problems.append(Problem(sheet: nil, row: entry.row, column: nil, message:
                    "baseline kedua untuk \(entry.indicator) di \(entry.region.dotted) (yang pertama di baris \(earlier.row)): satu indikator per wilayah punya satu baseline."))
            } else {
                baselines[key] = entry
            }
        }
        for entry in entries where entry.kind == .target {
            guard let baseline = baselines[Key(indicator: entry.indicator, region: entry.region, split: entry.split)], baseline.year > entry.year else { continue }
            problems.append(Problem(sheet: nil, row: baseline.row, column: nil, message:
                MonitoringProblem.baselineAfterTarget(baselineYear: baseline.year, targetYear: entry.year).description + " (target di baris \(entry.row))"))
        }
    }

    /// The plans the entries make, one per indicator × region, in file order.
    public var plans: [TargetPlan] {
        var order: [String] = []
        var plans: [String: TargetPlan] = [:]
        for entry in entries {
            let key = entry.indicator + " " + entry.region.dotted + " " + entry.split.key
            if plans[key] == nil { order.append(key); plans[key] = TargetPlan(indicator: entry.indicator, region: entry.region, split: entry.split) }
            switch entry.kind {
            case .baseline: plans[key]?.baseline = Baseline(value: entry.value, year: entry.year, source: entry.source)
            case .target: plans[key]?.targets[entry.year] = entry.value
            }
        }
        return order.compactMap { plans[$0] }
    }

    /// A number as people type it in Indonesia or as a workbook stores it: `12,5`, `12.5`, `1.234`, `1.234,5`, `12,5 %`.
    public static func number(_ cell: SheetValue) -> Double? {
        switch cell {
        case .number(let text): return Double(text).flatMap { $0.isFinite ? $0 : nil }
        case .text(let raw): return number(text: raw)
        default: return nil
        }
    }

    static func number(text raw: String) -> Double? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard !text.isEmpty, text.count <= 40, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-") }) else { return nil }
        if text.contains(",") {
            text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else {
            let groups = text.split(separator: ".", omittingEmptySubsequences: false)
            if groups.count > 1, groups.first.map({ (1...3).contains($0.count) }) == true, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
                text = text.replacingOccurrences(of: ".", with: "")
            }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
