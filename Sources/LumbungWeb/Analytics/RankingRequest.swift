import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// A ranking asked for by the API (`within`, `level`, `weights=id:w,…`) or by the page's form (`within`,
/// `level`, one `w_{indicator}` field per weight), checked once for both.
struct RankingRequest: Sendable {
    let within: Region
    let levelName: String
    let level: PriorityRanking.Level
    let weights: [PriorityRanking.Weight]
    /// Areas with fewer families are not ranked (`min_keluarga`, default `ComparableArea.minimumFamilies`).
    let minimumFamilies: Int
    /// The page of rows shown (`halaman`, from 1), `RankingRequest.pageSize` rows each.
    let page: Int
    /// Rates shrunk toward the region's own before scoring (`penyusutan=1`, or absent: on; `0`: off).
    let shrink: Bool
    /// The published rates of the external indicators a weight names (`ExternalRanking.load`), and a fingerprint of the
    /// stored external values, so a cached ranking is made again after an import of them.
    var given: [String: PriorityRanking.GivenRates] = [:]
    var externalVersion = ""
    /// Whether a request that says nothing about `penyusutan` shrinks (the rule of Ringkasan and Beranda too).
    static let shrinkByDefault = PriorityRanking.shrinksByDefault

    static let pageSize = 50

    /// Why a ranking cannot be made, in both languages.
    enum Problem: Sendable {
        case unknownLevel(String)
        case levelNotBelow(String, Region)
        case weights(PriorityRanking.WeightError)
        case minimumFamilies(String)
        case page(String)
        case shrinkage(String)

        var english: String {
            switch self {
            case .unknownLevel(let name): "level must be desa or kecamatan, not '\(name)'"
            case .levelNotBelow(let name, let region): "level \(name) is not below \(region.code.dotted) (\(region.level.rawValue))"
            case .weights(let error): error.message
            case .minimumFamilies(let text): "min_keluarga must be a whole number from 0 to 1000000, not '\(text)'"
            case .page(let text): "halaman must be a page number from 1, not '\(text)'"
            case .shrinkage(let text): "penyusutan must be 0 or 1, not '\(text)'"
            }
        }

        var indonesian: String {
            switch self {
            case .unknownLevel(let name): "tingkat harus desa atau kecamatan, bukan '\(name)'"
            case .levelNotBelow(let name, let region): "tidak ada \(name) di bawah \(region.title)"
            case .weights(let error): error.indonesianMessage
            case .minimumFamilies(let text): "minimal keluarga harus bilangan bulat 0 sampai 1.000.000, bukan '\(text)'"
            case .page(let text): "halaman harus nomor halaman mulai 1, bukan '\(text)'"
            case .shrinkage(let text): "penyusutan harus 0 atau 1, bukan '\(text)'"
            }
        }
    }

    /// A request from plain values (pages built in tests, without HTTP): the defaults unless given.
    init(within: Region, level: PriorityRanking.Level = .desa, weights: [PriorityRanking.Weight] = PriorityRanking.defaultWeights,
         minimumFamilies: Int = ComparableArea.minimumFamilies, page: Int = 1, shrink: Bool = RankingRequest.shrinkByDefault) {
        self.within = within
        self.levelName = level.rawValue
        self.level = level
        self.weights = weights
        self.minimumFamilies = minimumFamilies
        self.page = page
        self.shrink = shrink
    }

    /// `defaultWithin`: the region ranked when the request names none (the user's scope).
    /// `external`: the stored external indicators, which weights may name too (`ExternalRanking.load` then reads their values).
    init(_ request: Request, tree: RegionTree, defaultWithin: RegionCode, external: [ExternalIndicator] = []) throws(AppError) {
        within = try AppError.region(FormQuery.value("within", in: request) ?? defaultWithin.dotted, in: tree)
        levelName = FormQuery.value("level", in: request) ?? "desa"
        guard let level = PriorityRanking.Level(name: levelName) else { throw .badRanking(.unknownLevel(levelName)) }
        guard level.isBelow(within.code) else { throw .badRanking(.levelNotBelow(levelName, within)) }
        self.level = level
        let minimum = (FormQuery.value("min_keluarga", in: request) ?? "").trimmingCharacters(in: .whitespaces)
        if minimum.isEmpty {
            minimumFamilies = ComparableArea.minimumFamilies
        } else {
            guard minimum.count <= 8, let value = Int(minimum), (0...1_000_000).contains(value) else { throw .badRanking(.minimumFamilies(minimum)) }
            minimumFamilies = value
        }
        let pageText = (FormQuery.value("halaman", in: request) ?? "").trimmingCharacters(in: .whitespaces)
        if pageText.isEmpty {
            page = 1
        } else {
            guard pageText.count <= 7, let value = Int(pageText), value >= 1 else { throw .badRanking(.page(pageText)) }
            page = value
        }
        switch FormQuery.value("penyusutan", in: request)?.trimmingCharacters(in: .whitespaces) {
        case nil, "": shrink = Self.shrinkByDefault
        case "1": shrink = true
        case "0": shrink = false
        case let other?: throw .badRanking(.shrinkage(other))
        }
        do {
            if let text = FormQuery.value("weights", in: request), !text.isEmpty {
                weights = try PriorityRanking.parseWeights(text, external: external)
            } else if let fields = Self.formWeights(request) {
                weights = try PriorityRanking.parseWeights(fields)
            } else {
                weights = PriorityRanking.defaultWeights
            }
        } catch {
            throw .badRanking(.weights(error))
        }
    }

    /// The form's `w_{indicator}` fields as `id:w,…` (blank fields weigh 0; a decimal comma is allowed).
    private static func formWeights(_ request: Request) -> String? {
        let fields = PriorityRanking.rankableIndicators.compactMap { indicator -> String? in
            guard let value = FormQuery.value("w_\(indicator.id)", in: request) else { return nil }
            let number = value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            return "\(indicator.id):\(number.isEmpty ? "0" : number)"
        }
        return fields.isEmpty ? nil : fields.joined(separator: ",")
    }

    /// The key a response is cached under.
    var cacheKey: String {
        "ranking \(within.code) \(level.rawValue) \(minimumFamilies) \(shrink ? "eb" : "raw") " + weights.map { "\($0.indicator):\($0.weight)" }.joined(separator: ",")
            + (given.isEmpty ? "" : " external \(externalVersion)")
    }

    func ranking(_ totals: RegionTotals) -> PriorityRanking {
        PriorityRanking(areas: PriorityRanking.areas(level, within: within.code, totals: totals, minimumFamilies: minimumFamilies), weights: weights,
                        shrinkToward: shrink ? parentRates(totals) : nil, given: given)
    }

    /// The region's own rate of every weighted indicator, what its areas are shrunk toward.
    func parentRates(_ totals: RegionTotals, disclosure: DisclosurePlan? = nil) -> [String: Double] {
        PriorityRanking.parentRates(of: within.code, weights: weights, totals: totals, disclosure: disclosure)
    }

    /// The ranking, computed once per aggregate generation (and per restricted or full view) and kept.
    ///
    /// With a weight on programme coverage (`desil1_coverage`), each area's coverage is read from `coverage` and the
    /// ranking kept until the next import or programme change as well.
    func cachedRanking(_ figures: RegionFigures, restricted: Bool, coverage: CoverageCache, tree: RegionTree) async throws -> PriorityRanking {
        guard weights.contains(where: { $0.indicator == CoverageIndicator.id && $0.weight > 0 }) else {
            return try await figures.cached(key: cacheKey, for: within.code, restricted: restricted) { ranking($0) }
        }
        let generation = try await coverage.generation()
        let totals = CoverageReport.totals(try await coverage.villages(within: within.code, sector: nil), tree: tree)
        let level = self.level, within = self.within, minimumFamilies = self.minimumFamilies
        return try await figures.cached(key: cacheKey + " coverage \(generation)", for: within.code, restricted: restricted) { figures in
            let areas = PriorityRanking.areas(level, within: within.code, totals: figures.totals, minimumFamilies: minimumFamilies)
            let tallies = Dictionary(areas.map { ($0.region.code, totals[$0.region.code] ?? CoverageTally()) }, uniquingKeysWith: { a, _ in a })
            let values = CoverageIndicator.values(tallies, parent: totals[within.code] ?? CoverageTally(), restricted: figures.disclosure != nil)
            return ranking(figures, coverage: values)
        }
    }

    /// The minimum in words, for pages and exports.
    func minimumNote(_ texts: Catalogue) -> String {
        minimumFamilies == 0 ? texts["ranking_minimum_none"]
            : texts("ranking_minimum", ["minimum": texts.number(minimumFamilies), "value": "\(minimumFamilies)"])
    }

    /// The minimum in Indonesian (the downloads' notes).
    var minimumNote: String { minimumNote(.of(.id)) }
}
