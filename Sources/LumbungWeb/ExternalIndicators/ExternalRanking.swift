import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// External indicators as optional ranking components (`weights=stunting_dinkes:2,…`): rates only (percent or per
/// mille), each area scored on its newest published value; an area without one is listed in the row's `missing` and
/// scored over its other components — no value is never 0.
enum ExternalRanking {
    /// The stored external indicators a weight may name.
    static func indicators(_ services: AppServices) async throws -> [ExternalIndicator] {
        try await ExternalIndicatorStore(database: services.database).indicators().filter(\.unit.isRate)
    }

    /// Reads the newest values of the external indicators `asked` weighs (nothing when it weighs none).
    static func load(_ asked: inout RankingRequest, services: AppServices) async throws {
        let store = ExternalIndicatorStore(database: services.database)
        var given: [String: PriorityRanking.GivenRates] = [:]
        for weight in asked.weights where IndicatorCatalogue.indicator(weight.indicator) == nil && weight.indicator != CoverageIndicator.id {
            guard let external = try await store.indicator(weight.indicator), external.unit.isRate else { continue }
            let latest = try await store.latest(indicator: external.id, within: asked.within.code)
            given[external.id] = PriorityRanking.GivenRates(external, values: latest.mapValues(\.value))
        }
        asked.given = given
        asked.externalVersion = given.isEmpty ? "" : try await store.version()
    }
}
