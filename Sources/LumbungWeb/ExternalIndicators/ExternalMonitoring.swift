import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// Pemantauan of an indicator another body publishes: targets keyed by its id, capaian from its newest value per region.
enum ExternalMonitoring {
    /// The progress report of external indicator `id` in `region`; 404 when no indicator of either kind has that id.
    static func report(_ id: String, region: Region, restricted: Bool, services: AppServices) async throws -> MonitoringPageController.Loaded {
        let store = ExternalIndicatorStore(database: services.database)
        guard let external = try await store.indicator(id) else { throw AppError.monitoring(.indicatorUnknown(String(id.prefix(60)))) }
        let values = try await store.values(indicator: id, within: region.code)
        let plans = try await TargetStore(database: services.database).plans(indicator: id, within: region.code)
        let today = CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
        let progress = ProgressReport(external: external, region: region, tree: services.regions, values: values, plans: plans, bands: .standard,
                                      fallbackYear: today.year, restricted: restricted)
        return MonitoringPageController.Loaded(progress: progress, snapshots: [])
    }

    /// The external indicators as choices of the Pemantauan page's indicator list.
    static func options(selected: String, services: AppServices, texts: Catalogue) async throws -> [MonitoringPage.Option] {
        try await ExternalIndicatorStore(database: services.database).indicators().map {
            MonitoringPage.Option(value: $0.id, label: texts("mon_external_option", ["name": $0.name]), selected: $0.id == selected)
        }
    }
}
