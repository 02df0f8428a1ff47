import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The JSON API of Pemantauan (issue 16):
/// - `GET /api/v1/snapshots`: every snapshot, oldest date first;
/// - `GET /api/v1/snapshots/diff?from=A&to=B&level=kabupaten|kecamatan|desa&within=CODE`: the release diff (exact small
///   counts, so for roles that may see them; `within` defaults to the reader's scope);
/// - `GET /api/v1/targets?indicator=ID&within=CODE`: baselines and targets;
/// - `GET /api/v1/regions/{code}/progress?indicator=ID`: the Pemantauan page's figures.
struct MonitoringAPIController {
    let services: AppServices

    struct SnapshotList: Encodable { let snapshots: [SnapshotStore.Snapshot] }
    struct PlanList: Encodable { let plans: [TargetPlan.Document] }

    /// The progress document: the indicator, the year, the trend, the region's row and its children's.
    struct Progress: Encodable {
        let indicator: String
        let split: String
        let direction: String
        let unit: String
        let year: Int
        let plan: TargetPlan.Document
        let trend: [ProgressReport.Point]
        let region: ProgressReport.Row
        let children: [ProgressReport.Row]
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("snapshots", .permitted(.readAggregates, region: .none)) { _, _ -> Response in
            JSONBody.response(SnapshotList(snapshots: try await SnapshotStore(database: services.database).list()))
        }
        group.get("snapshots/diff", .permitted(.exactSmallCounts, region: .query("within"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let within = try FormQuery.filled("within", in: request)
                .map { try AppError.region($0, in: services.regions).code } ?? scope
            let diff = try await AppError.monitoring {
                let level = try DiffLevel.parse(FormQuery.value("level", in: request) ?? "kabupaten")
                let store = SnapshotStore(database: services.database)
                let from = try await store.snapshot(named: FormQuery.value("from", in: request) ?? "")
                let to = try await store.snapshot(named: FormQuery.value("to", in: request) ?? "")
                return try await store.diff(from: from, to: to, level: level, within: within,
                                            byProgramme: FormQuery.value("byProgramme", in: request) == "true")
            }
            return JSONBody.response(diff)
        }
        group.get("targets", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let within = try FormQuery.filled("within", in: request)
                .map { try AppError.region($0, in: services.regions).code } ?? scope
            let indicator = FormQuery.filled("indicator", in: request)
            if let indicator, IndicatorCatalogue.indicator(indicator) == nil,
               try await ExternalIndicatorStore(database: services.database).indicator(indicator) == nil {
                throw AppError.monitoring(.indicatorUnknown(String(indicator.prefix(60))))
            }
            let plans = try await TargetStore(database: services.database).plans(indicator: indicator, within: within)
            return JSONBody.response(PlanList(plans: plans.map(\.document)))
        }
        group.get("regions/:code/progress", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let code = try context.parameters.require("code")
            let loaded = try await MonitoringPageController.report(request, region: code, indicator: FormQuery.value("indicator", in: request),
                                                                   context: context, services: services)
            let report = loaded.progress
            return JSONBody.response(Progress(indicator: report.indicator.id, split: report.split.key, direction: report.indicator.direction.rawValue,
                                              unit: report.indicator.unit.rawValue, year: report.year, plan: report.plan.document,
                                              trend: report.trend, region: report.overall, children: report.children))
        }
    }
}
