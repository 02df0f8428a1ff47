import Foundation
import LumbungDomain
import SQLKit

/// Baselines and targets edited on the Pemantauan page: a plan replaced as a whole (what the form leaves out is
/// removed) or deleted, each with its audit event in the same transaction.
extension TargetStore {
    /// Replaces the stored plan of `plan.indicator` × `plan.region` by `plan` (no baseline in `plan` removes the
    /// stored one; a year not in `plan.targets` loses its target), checked as `save` checks.
    ///
    /// - Throws: `MonitoringProblem` naming the first problem; nothing is written then.
    @discardableResult
    public func replace(_ plan: TargetPlan, by actor: AuditActor) async throws -> TargetPlan {
        guard IndicatorCatalogue.indicator(plan.indicator) != nil else { throw MonitoringProblem.indicatorUnknown(plan.indicator) }
        for year in [plan.baseline?.year].compactMap({ $0 }) + Array(plan.targets.keys) where !TargetYear.range.contains(year) {
            throw MonitoringProblem.yearOutOfRange(year)
        }
        if let problem = plan.problems.first { throw problem }
        let engine = database.engine
        try await database.transaction { db in
            guard try await db.raw("SELECT code FROM region WHERE code = \(bind: plan.region.dotted)").first() != nil else {
                throw MonitoringProblem.regionUnknown(plan.region.dotted)
            }
            try await Self.deleteRows(db, indicator: plan.indicator, region: plan.region)
            if let baseline = plan.baseline {
                try await db.raw("""
                    INSERT INTO indicator_baseline (indicator_id, region_code, value, year, source, updated_by)
                    VALUES (\(bind: plan.indicator), \(bind: plan.region.dotted), \(bind: baseline.value), \(bind: baseline.year), \(bind: baseline.source), \(bind: actor.name))
                    """).run()
            }
            for (year, value) in plan.targets.sorted(by: { $0.key < $1.key }) {
                try await db.raw("""
                    INSERT INTO indicator_target (indicator_id, region_code, year, value, updated_by)
                    VALUES (\(bind: plan.indicator), \(bind: plan.region.dotted), \(bind: year), \(bind: value), \(bind: actor.name))
                    """).run()
            }
            try await AuditLog.append(db, engine: engine, actor: actor, action: .targetSaved, region: plan.region.dotted,
                                      target: Self.auditTarget(plan), recordCount: plan.targets.count + (plan.baseline == nil ? 0 : 1))
        }
        return plan
    }

    /// Deletes the baseline and every target of `indicator` × `region`; `false` when nothing was stored.
    @discardableResult
    public func delete(indicator: String, region: RegionCode, by actor: AuditActor) async throws -> Bool {
        let existing = try await plan(indicator: indicator, region: region)
        guard existing.baseline != nil || !existing.targets.isEmpty else { return false }
        let engine = database.engine
        try await database.transaction { db in
            try await Self.deleteRows(db, indicator: indicator, region: region)
            try await AuditLog.append(db, engine: engine, actor: actor, action: .targetDeleted, region: region.dotted,
                                      target: Self.auditTarget(existing), recordCount: existing.targets.count + (existing.baseline == nil ? 0 : 1))
        }
        return true
    }

    static func deleteRows(_ db: any SQLDatabase, indicator: String, region: RegionCode) async throws {
        try await db.raw("DELETE FROM indicator_baseline WHERE indicator_id = \(bind: indicator) AND region_code = \(bind: region.dotted)").run()
        try await db.raw("DELETE FROM indicator_target WHERE indicator_id = \(bind: indicator) AND region_code = \(bind: region.dotted)").run()
    }

    /// `desil1_families 52.03: baseline 21,5 (2024), 2025=19` — what the audit event names.
    static func auditTarget(_ plan: TargetPlan) -> String {
        let baseline = plan.baseline.map { "baseline \(IndonesianNumber.decimal($0.value)) (\($0.year))" } ?? "tanpa baseline"
        let targets = plan.targets.sorted { $0.key < $1.key }.map { "\($0.key)=\(IndonesianNumber.decimal($0.value))" }
        return "\(plan.indicator) \(plan.region.dotted): " + ([baseline] + targets).joined(separator: ", ")
    }
}
