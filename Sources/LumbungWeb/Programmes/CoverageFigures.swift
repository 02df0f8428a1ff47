import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// Coverage per desa, cached per (region, sector, period) until an import batch or a programme change makes it stale.
actor CoverageCache {
    private let store: ProgrammeStore
    private var entries: [String: (generation: String, villages: [RegionCode: CoverageTally])] = [:]

    init(database: Database) {
        store = ProgrammeStore(database: database)
    }

    /// Changes whenever coverage may have (`ProgrammeStore.coverageGeneration`).
    func generation() async throws -> String { try await store.coverageGeneration() }

    func villages(within region: RegionCode, sector: Sector?, period: CoveragePeriod? = nil) async throws -> [RegionCode: CoverageTally] {
        let key = "\(region.dotted)|\(sector?.rawValue ?? "")|\(period.map { "\($0.from)…\($0.to)" } ?? "")"
        let generation = try await store.coverageGeneration()
        if let entry = entries[key], entry.generation == generation { return entry.villages }
        let villages = try await store.coverageByVillage(within: region, sector: sector, period: period)
        if entries.count > 64 { entries.removeAll() }
        entries[key] = (generation, villages)
        return villages
    }
}

/// One region's coverage as a role may see it.
struct DisclosedCoverage: Encodable {
    let code: String
    let name: String
    let familiesReached: [String: DisclosedCount]
    /// Residents of the families reached, per programme.
    let peopleReached: [String: DisclosedCount]
    /// Families in desil ≥ the threshold reached, per programme (leakage).
    let betterOffFamiliesReached: [String: DisclosedCount]
    /// Programme pairs reaching the same families.
    let programmePairs: [Pair]
    let duplicatedAidFamilies: DisclosedCount
    let eligibleUnreachedFamilies: DisclosedCount
    let desil1UnreachedFamilies: DisclosedCount
    let inclusionErrorFamilies: DisclosedCount
    /// Registry totals, for roles that see exact counts only.
    let families: Int?
    let eligibleFamilies: Int?
    let desil1Families: Int?

    struct Pair: Encodable {
        let programmes: [String]
        let families: DisclosedCount
    }

    /// The rows of one level within `parent`, each figure suppressed against the parent's for restricted roles.
    static func rows(_ rows: [RegionCoverage], parent: RegionCoverage, restricted: Bool) -> (parent: DisclosedCoverage, rows: [DisclosedCoverage]) {
        func figure(_ metric: (RegionCoverage) -> Int) -> (DisclosedCount, [DisclosedCount]) {
            DisclosedCount.disclose(metric(parent), rows.map(metric), restricted: restricted)
        }
        let codes = Set(parent.familiesReached.keys).union(rows.flatMap(\.familiesReached.keys)).sorted()
        var reached: [String: (DisclosedCount, [DisclosedCount])] = [:], people = reached, betterOff = reached
        for code in codes {
            reached[code] = figure { $0.familiesReached[code] ?? 0 }
            people[code] = figure { $0.peopleReached[code] ?? 0 }
            betterOff[code] = figure { $0.betterOffFamiliesReached[code] ?? 0 }
        }
        let pairs = Array(Set(([parent] + rows).flatMap { $0.programmePairs.map(\.programmes) })).sorted { $0.lexicographicallyPrecedes($1) }
        var pairFigures: [[String]: (DisclosedCount, [DisclosedCount])] = [:]
        for pair in pairs { pairFigures[pair] = figure { $0.families(of: pair[0], and: pair[1]) } }
        let duplicated = figure(\.duplicatedAidFamilies), eligible = figure(\.eligibleUnreachedFamilies)
        let desil1 = figure(\.desil1UnreachedFamilies), inclusion = figure(\.inclusionErrorFamilies)
        func make(_ row: RegionCoverage, _ index: Int?) -> DisclosedCoverage {
            func pick(_ pair: (DisclosedCount, [DisclosedCount])) -> DisclosedCount { index.map { pair.1[$0] } ?? pair.0 }
            func byProgramme(_ figures: [String: (DisclosedCount, [DisclosedCount])]) -> [String: DisclosedCount] {
                Dictionary(uniqueKeysWithValues: codes.compactMap { code in
                    guard let pair = figures[code] else { return nil }
                    let count = pick(pair)
                    return count == .value(0) ? nil : (code, count)
                })
            }
            let shownPairs = pairs.compactMap { pair -> Pair? in
                guard let figures = pairFigures[pair] else { return nil }
                let count = pick(figures)
                return count == .value(0) ? nil : Pair(programmes: pair, families: count)
            }.sorted { ($0.families.number ?? 0, $1.programmes.joined()) > ($1.families.number ?? 0, $0.programmes.joined()) }
            return DisclosedCoverage(
                code: row.code, name: row.name,
                familiesReached: byProgramme(reached), peopleReached: byProgramme(people), betterOffFamiliesReached: byProgramme(betterOff),
                programmePairs: shownPairs,
                duplicatedAidFamilies: pick(duplicated), eligibleUnreachedFamilies: pick(eligible), desil1UnreachedFamilies: pick(desil1),
                inclusionErrorFamilies: pick(inclusion), families: restricted ? nil : row.families,
                eligibleFamilies: restricted ? nil : row.eligibleFamilies, desil1Families: restricted ? nil : row.desil1Families)
        }
        return (make(parent, nil), rows.enumerated().map { make($0.element, $0.offset) })
    }
}

/// A row of the 4W matrix as a role may see it: families and people reached under 5 withheld for partners and viewers
/// (the rows overlap — a family is in every cell it receives from — so no row is the sum of others).
struct DisclosedFourWRow: Encodable {
    let organisation: String
    let organisationKind: String?
    let sector: String
    let programmes: [String]
    let targetRegions: [String]
    let familiesReached: DisclosedCount
    let peopleReached: DisclosedCount
    let budget: Int?

    init(_ row: FourWRow, restricted: Bool) {
        func disclosed(_ count: Int) -> DisclosedCount {
            restricted && CellSuppression.suppresses(count) ? .withheld(.small) : .value(count)
        }
        organisation = row.organisation
        organisationKind = row.organisationKind?.rawValue
        sector = row.sector.rawValue
        programmes = row.programmes
        targetRegions = row.targetRegions
        familiesReached = disclosed(row.familiesReached)
        peopleReached = disclosed(row.peopleReached)
        budget = row.budget
    }
}
