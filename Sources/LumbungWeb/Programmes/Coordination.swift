import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The coordination picture of one region (`/koordinasi`, its XLSX): the 4W matrix (organisation × sector × area,
/// families reached and budget), programme pairs reaching the same families, families nobody reaches by area, and
/// programmes reaching better-off families — counted with `CoverageRules`, withheld below 5 for partners and viewers.
struct Coordination {
    let region: Region
    let level: CoverageReport.Level
    let sector: Sector?
    /// Only enrolments of this period count, and only programmes running in it are listed.
    let period: CoveragePeriod?
    /// The desil from which a family counts as better off (`ambang`, 6 unless chosen).
    let threshold: Int
    let tally: CoverageTally
    let parent: RegionCoverage
    let rows: [RegionCoverage]
    let records: [ProgrammeRecord]
    let restricted: Bool
    /// The language of the page (the XLSX is Indonesian).
    var texts: Catalogue = .of(.id)
    /// Whether the reader may open the list of the families nobody reaches (personal data).
    var listsFamilies = false

    init(region: Region, level: CoverageReport.Level, sector: Sector?, period: CoveragePeriod? = nil, threshold: Int = CoverageRules.inclusionErrorDesil,
         totals: [RegionCode: CoverageTally], tree: RegionTree, records: [ProgrammeRecord], restricted: Bool) {
        self.region = region
        self.level = level
        self.sector = sector
        self.period = period
        self.threshold = threshold
        tally = totals[region.code] ?? CoverageTally()
        parent = RegionCoverage(code: region.code, name: region.name, tally: tally, threshold: threshold)
        rows = region.code.depth >= level.depth ? [] : CoverageReport.regions(totals, tree: tree, within: region.code, level: level, threshold: threshold)
        self.records = FourWMatrix.listed(records, sector: sector, period: period)
        self.restricted = restricted
    }

    func count(_ value: Int) -> String {
        restricted && CellSuppression.suppresses(value) ? CellSuppression.Reason.small.text : texts.number(value)
    }

    /// One row per organisation × sector that has a programme in the region or reaches a family there (`FourWMatrix`).
    var matrix: [CoordinationPage.MatrixRow] {
        FourWMatrix.rows(tally: tally, records: records, sector: sector).map { row in
            CoordinationPage.MatrixRow(
                organisation: row.organisation, kind: row.organisationKind.map { texts.name($0) } ?? "", sector: texts.name(row.sector),
                programmes: row.programmes.joined(separator: ", "), areas: row.targetRegions.joined(separator: ", "),
                families: count(row.familiesReached), people: count(row.peopleReached),
                budget: row.budget.map { "Rp " + texts.number($0) } ?? "—")
        }
    }

    /// Programme pairs reaching the same families, most first ("PKH ∩ BPNT: 412 keluarga").
    var pairs: [CoordinationPage.PairRow] {
        let sectors = Dictionary(records.map { ($0.programme.code.value, Set($0.programme.sectors)) }, uniquingKeysWith: { a, _ in a })
        return tally.overlaps.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { pair, families in
            CoordinationPage.PairRow(pair: "\(pair.first) ∩ \(pair.second)", families: count(families),
                                     sameSector: !(sectors[pair.first] ?? []).isDisjoint(with: sectors[pair.second] ?? []))
        }
    }

    /// The regions one level down: desil-1 families, those nobody reaches, eligible ones nobody reaches, duplicated aid, leakage.
    var areas: [CoordinationPage.AreaRow] {
        let disclosed = DisclosedCoverage.rows(rows, parent: parent, restricted: restricted).rows
        return zip(rows, disclosed).map { row, shown in
            let desil1 = restricted ? DisclosedCount.disclose(row.desil1Families, [], restricted: true).parent : .value(row.desil1Families)
            let coverage: String = if case .value = shown.desil1UnreachedFamilies, case .value = desil1, let percent = row.desil1CoveragePercent {
                texts.number(Int(saturating: percent, rounding: .toNearestOrAwayFromZero)) + "%"
            } else { "—" }
            return CoordinationPage.AreaRow(
                code: row.code, name: row.name, link: "/koordinasi?within=\(row.code)" + filterQuery,
                desil1: desil1.text, desil1Unreached: shown.desil1UnreachedFamilies.text, eligibleUnreached: shown.eligibleUnreachedFamilies.text,
                duplicated: shown.duplicatedAidFamilies.text, inclusion: shown.inclusionErrorFamilies.text, coverage: coverage)
        }
    }

    /// Programmes reaching families in desil `threshold` or above: how many, and their share of the programme's families here.
    var leaks: [CoordinationPage.LeakRow] {
        let betterOffByProgramme = parent.betterOffFamiliesReached
        return records.compactMap { record in
            let code = record.programme.code.value
            let reached = tally.familiesReached[code] ?? 0
            guard reached > 0 else { return nil }
            let betterOff = betterOffByProgramme[code] ?? 0
            let hidden = restricted && (CellSuppression.suppresses(betterOff) || CellSuppression.suppresses(reached))
            return CoordinationPage.LeakRow(code: code, name: record.programme.name, families: count(reached), betterOff: count(betterOff),
                                            share: hidden ? "—" : texts.number(Int(saturating: Double(betterOff) * 100 / Double(reached), rounding: .toNearestOrAwayFromZero)) + "%")
        }
    }

    var summary: [ProgrammeDetailPage.Count] {
        let desil1 = parent.desil1Families
        let percent = parent.desil1CoveragePercent.map { texts.number(Int(saturating: $0, rounding: .toNearestOrAwayFromZero)) + "%" } ?? "—"
        return [
            .init(label: texts["coord_desil1"], count: count(desil1)),
            .init(label: texts["coord_desil1_reached"], count: restricted && (CellSuppression.suppresses(parent.desil1UnreachedFamilies)) ? "—" : percent),
            .init(label: texts["coord_desil1_unreached"], count: count(parent.desil1UnreachedFamilies)),
            .init(label: texts["coord_eligible_unreached"], count: count(parent.eligibleUnreachedFamilies)),
            .init(label: texts["coord_duplicated"], count: count(parent.duplicatedAidFamilies)),
            .init(label: texts("coord_inclusion", ["from": String(threshold)]), count: count(parent.inclusionErrorFamilies)),
        ]
    }

    /// The sector, period and threshold filters as query parameters (`&sektor=pangan&dari=2025-01-01&sampai=2025-12-31&ambang=7`).
    var filterQuery: String {
        (sector.map { "&sektor=\($0.rawValue)" } ?? "") + (period.map { "&dari=\($0.from)&sampai=\($0.to)" } ?? "")
            + (threshold == CoverageRules.inclusionErrorDesil ? "" : "&ambang=\(threshold)")
    }

    /// A heading that names the threshold ("Keluarga desil 7–10").
    func fromThreshold(_ key: String) -> String { texts(key, ["from": String(threshold)]) }

    var levelLabel: String { texts["coord_level_\(level.rawValue)"] }

    func page() -> CoordinationPage {
        let matrix = self.matrix, pairs = self.pairs, leaks = self.leaks
        return CoordinationPage(
            title: texts("coord_title", ["region": region.title]) + " — Lumbung", regionName: region.title, regionCode: region.code.dotted, levelLabel: levelLabel,
            sectorOptions: [ProgrammeListPage.Option(value: "", label: texts["coord_all_sectors"], selected: sector == nil)]
                + Sector.allCases.map { .init(value: $0.rawValue, label: texts.name($0), selected: $0 == sector) },
            sectorLabel: sector.map(texts.name), periodLabel: period?.description, from: period?.from.description ?? "", to: period?.to.description ?? "",
            thresholdOptions: CoverageRules.inclusionThresholds.map { .init(value: String($0), label: String($0), selected: $0 == threshold) },
            betterOffLabel: fromThreshold("col_better_off"), inclusionLabel: fromThreshold("col_inclusion"), definitionsAfter: fromThreshold("coord_definitions_after"),
            summary: summary, matrix: matrix, hasMatrix: !matrix.isEmpty, pairs: pairs, hasPairs: !pairs.isEmpty,
            areas: areas, leaks: leaks, hasLeaks: !leaks.isEmpty,
            download: "/koordinasi.xlsx?within=\(region.code.dotted)" + filterQuery, suppressed: restricted,
            unreachedLink: listsFamilies ? "/koordinasi/belum-terjangkau?within=\(region.code.dotted)&desil=1" + (sector.map { "&sektor=\($0.rawValue)" } ?? "") : nil)
    }
}
