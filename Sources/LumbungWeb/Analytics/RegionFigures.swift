import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The figures behind the indicator, ranking and summary routes, held in memory per province and read
/// again whenever the aggregate generation in the database moves (an import by this process or any other).
///
/// Each request costs one read of the generation; the province's village tallies are decoded and summed
/// once per generation, and the JSON of each distinct request is encoded once per generation. So is the
/// province's `DisclosurePlan`, the one decision of what partners and viewers may see, which every
/// restricted answer is built from (`restricted: true`).
actor RegionFigures {
    /// What an answer is built from: the totals and, for a role that may not see small counts, the plan.
    struct Figures: Sendable {
        let totals: RegionTotals
        /// `nil` for roles that see every count.
        let disclosure: DisclosurePlan?
    }

    private let store: VillageAggregateStore
    private let tree: RegionTree
    private var generation: Int?
    private var provinces: [RegionCode: Task<RegionTotals, any Error>] = [:]
    private var plans: [RegionCode: Task<DisclosurePlan, Never>] = [:]
    /// Encoded JSON and rendered pages of this generation, by route and parameters.
    private var memo: [String: any Sendable] = [:]

    /// Distinct answers kept per generation; beyond it the memo starts again (weights are free text).
    static let responseLimit = 2_000

    init(database: Database, tree: RegionTree) {
        store = VillageAggregateStore(database: database)
        self.tree = tree
    }

    /// The totals of every region of `code`'s province.
    func totals(for code: RegionCode) async throws -> RegionTotals {
        try await refreshGeneration()
        return try await loadedTotals(province: code.province)
    }

    /// The totals of `code`'s province and, when `restricted`, its disclosure plan.
    func figures(for code: RegionCode, restricted: Bool) async throws -> Figures {
        try await refreshGeneration()
        return try await loadedFigures(province: code.province, restricted: restricted)
    }

    /// The JSON response for `key` (the route and its parameters), built by `build` once per generation;
    /// `restricted` answers (partners, viewers) are built with the plan and cached apart from full ones.
    func json(key: String, for code: RegionCode, restricted: Bool,
              build: @Sendable (Figures) throws -> any Encodable & Sendable) async throws -> Response {
        let body = try await memoized("json \(restricted) " + key, for: code, restricted: restricted) {
            ByteBuffer(bytes: try JSONBody.encode(try build($0)))
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: body))
    }

    /// A rendered page for `key`, built by `build` once per generation (the signed-in user's bar is added per request).
    func page(key: String, for code: RegionCode, restricted: Bool, build: @Sendable (Figures) throws -> String) async throws -> String {
        try await memoized("page \(restricted) " + key, for: code, restricted: restricted, build)
    }

    /// Any value for `key` (a ranking, a page's figures), built by `build` once per generation and per `restricted`.
    func cached<Value: Sendable>(key: String, for code: RegionCode, restricted: Bool, build: @Sendable (Figures) throws -> Value) async throws -> Value {
        try await memoized("value \(restricted) " + key, for: code, restricted: restricted, build)
    }

    private func memoized<Value: Sendable>(_ key: String, for code: RegionCode, restricted: Bool,
                                           _ build: (Figures) throws -> Value) async throws -> Value {
        try await refreshGeneration()
        if let cached = memo[key] as? Value { return cached }
        let value = try build(try await loadedFigures(province: code.province, restricted: restricted))
        if memo.count >= Self.responseLimit { memo.removeAll(keepingCapacity: true) }
        memo[key] = value
        return value
    }

    private func loadedFigures(province: RegionCode, restricted: Bool) async throws -> Figures {
        let totals = try await loadedTotals(province: province)
        guard restricted else { return Figures(totals: totals, disclosure: nil) }
        if let planning = plans[province] { return Figures(totals: totals, disclosure: await planning.value) }
        let planning = Task.detached { DisclosurePlan(totals: totals, province: province) }
        plans[province] = planning
        return Figures(totals: totals, disclosure: await planning.value)
    }

    private func refreshGeneration() async throws {
        let current = try await store.generation()
        guard current != generation else { return }
        generation = current
        provinces.removeAll()
        plans.removeAll()
        memo.removeAll()
    }

    private func loadedTotals(province: RegionCode) async throws -> RegionTotals {
        if let loading = provinces[province] { return try await loading.value }
        let store = self.store, tree = self.tree
        let loading = Task { RegionTotals(villages: try await store.fetchTallies(within: province), tree: tree) }
        provinces[province] = loading
        do {
            return try await loading.value
        } catch {
            provinces[province] = nil
            throw error
        }
    }
}

extension RankingRequest {
    /// The ranking asked for, as the reader may see it (with the plan for partners and viewers).
    func ranking(_ figures: RegionFigures.Figures, coverage: [RegionCode: IndicatorValue] = [:]) -> PriorityRanking {
        PriorityRanking(areas: PriorityRanking.areas(level, within: within.code, totals: figures.totals, minimumFamilies: minimumFamilies),
                        weights: weights, disclosure: figures.disclosure,
                        shrinkToward: shrink ? parentRates(figures.totals, disclosure: figures.disclosure) : nil, coverage: coverage, given: given)
    }
}
