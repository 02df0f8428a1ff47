import Foundation
import LumbungDomain
import SQLKit

/// Baselines and targets per indicator × region.
public struct TargetStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The stored plans for `indicator` (or every indicator) at or below `region`, by indicator then region code.
    public func plans(indicator: String? = nil, within region: RegionCode? = nil) async throws -> [TargetPlan] {
        try await database.read { db in try await Self.plans(db, indicator: indicator, within: region) }
    }

    /// The stored plan for one indicator in one region, for all or one split's group (empty when nothing is set).
    public func plan(indicator: String, region: RegionCode, split: TargetSplit = .all) async throws -> TargetPlan {
        try await plans(indicator: indicator, within: region).first { $0.region == region && $0.split == split }
            ?? TargetPlan(indicator: indicator, region: region, split: split)
    }

    private static func plans(_ db: any SQLDatabase, indicator: String?, within region: RegionCode?) async throws -> [TargetPlan] {
        func filter(_ query: inout SQLQueryString) {
            if let indicator {
                query.appendInterpolation(unsafeRaw: " AND indicator_id = ")
                query.appendInterpolation(bind: indicator)
            }
            if let region {
                query.appendInterpolation(unsafeRaw: " AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("region_code", region))
            }
        }
        var baselineQuery: SQLQueryString = "SELECT indicator_id, region_code, disaggregation, value, year, source FROM indicator_baseline WHERE 1 = 1"
        filter(&baselineQuery)
        var targetQuery: SQLQueryString = "SELECT indicator_id, region_code, disaggregation, year, value FROM indicator_target WHERE 1 = 1"
        filter(&targetQuery)
        var plans: [String: TargetPlan] = [:]
        for row in try await db.raw(baselineQuery).all() {
            let id = try row.decode(column: "indicator_id", as: String.self), code = try RegionCode(try row.decode(column: "region_code", as: String.self))
            let split = TargetSplit(storedKey: try row.decode(column: "disaggregation", as: String.self))
            plans[id + " " + code.dotted + " " + split.key] = TargetPlan(indicator: id, region: code, split: split, baseline: Baseline(
                value: try row.decode(column: "value", as: Double.self), year: try row.decode(column: "year", as: Int.self),
                source: try row.decode(column: "source", as: String.self)))
        }
        for row in try await db.raw(targetQuery).all() {
            let id = try row.decode(column: "indicator_id", as: String.self), code = try RegionCode(try row.decode(column: "region_code", as: String.self))
            let split = TargetSplit(storedKey: try row.decode(column: "disaggregation", as: String.self))
            plans[id + " " + code.dotted + " " + split.key, default: TargetPlan(indicator: id, region: code, split: split)]
                .targets[try row.decode(column: "year", as: Int.self)] = try row.decode(column: "value", as: Double.self)
        }
        let order = IndicatorCatalogue.all.map(\.id)
        return plans.values.sorted {
            let (a, b) = (order.firstIndex(of: $0.indicator) ?? order.count, order.firstIndex(of: $1.indicator) ?? order.count)
            return a != b ? a < b : $0.region != $1.region ? $0.region < $1.region : $0.split < $1.split
        }
    }

    /// Saves `changes` (baselines and targets to set; what a change leaves out stays as stored) in one transaction:
    /// every plan as it would be afterwards is checked first, and one problem refuses them all.
    ///
    /// - Throws: `MonitoringProblem` (unknown indicator, baseline after a target, negative value) naming the first problem.
    @discardableResult
    public func save(_ changes: [TargetPlan], by author: String) async throws -> [TargetPlan] {
        for change in changes where IndicatorCatalogue.indicator(change.indicator) == nil {
            // An indicator another body publishes (`ExternalIndicator`) takes targets too.
            guard try await ExternalIndicatorStore(database: database).indicator(change.indicator) != nil else {
                throw MonitoringProblem.indicatorUnknown(change.indicator)
            }
        }
        for change in changes {
            for year in [change.baseline?.year].compactMap({ $0 }) + Array(change.targets.keys) where !TargetYear.range.contains(year) {
                throw MonitoringProblem.yearOutOfRange(year)
            }
        }
        return try await database.transaction { db in
            var saved: [TargetPlan] = []
            for change in changes {
                guard try await db.raw("SELECT code FROM region WHERE code = \(bind: change.region.dotted)").first() != nil else {
                    throw MonitoringProblem.regionUnknown(change.region.dotted)
                }
                var merged = try await Self.plans(db, indicator: change.indicator, within: change.region).first { $0.region == change.region && $0.split == change.split }
                    ?? TargetPlan(indicator: change.indicator, region: change.region, split: change.split)
                if let baseline = change.baseline { merged.baseline = baseline }
                merged.targets.merge(change.targets) { _, new in new }
                if let problem = merged.problems.first { throw problem }
                if let baseline = change.baseline {
                    try await db.raw("""
                        DELETE FROM indicator_baseline WHERE indicator_id = \(bind: change.indicator) AND region_code = \(bind: change.region.dotted)
                          AND disaggregation = \(bind: change.split.key)
                        """).run()
                    try await db.raw("""
                        INSERT INTO indicator_baseline (indicator_id, region_code, disaggregation, value, year, source, updated_by)
                        VALUES (\(bind: change.indicator), \(bind: change.region.dotted), \(bind: change.split.key), \(bind: baseline.value), \(bind: baseline.year), \(bind: baseline.source), \(bind: author))
                        """).run()
                }
                for (year, value) in change.targets.sorted(by: { $0.key < $1.key }) {
                    try await db.raw("""
                        DELETE FROM indicator_target WHERE indicator_id = \(bind: change.indicator) AND region_code = \(bind: change.region.dotted)
                          AND disaggregation = \(bind: change.split.key) AND year = \(bind: year)
                        """).run()
                    try await db.raw("""
                        INSERT INTO indicator_target (indicator_id, region_code, disaggregation, year, value, updated_by)
                        VALUES (\(bind: change.indicator), \(bind: change.region.dotted), \(bind: change.split.key), \(bind: year), \(bind: value), \(bind: author))
                        """).run()
                }
                saved.append(merged)
            }
            return saved
        }
    }
}
