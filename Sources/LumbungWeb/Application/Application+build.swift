import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LumbungDomain
import LumbungStore
import ServiceLifecycle
import UnixSignals

/// Builds the Lumbung web application: routes, middleware and static files.
///
/// - Parameters:
///   - onServerRunning: called with the bound port once the server listens (port 0 picks a free one).
public func buildApplication(
    configuration: WebConfiguration,
    services: AppServices,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services: services, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Lumbung"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The router alone, for tests that drive it without a socket.
public func buildRouter(services: AppServices, logger: Logger) -> Router<AppRequestContext> {
    ServerMetrics.start()
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        MetricsMiddleware()
        RequestLogMiddleware(logger: logger)
        SecurityHeadersMiddleware()
        ErrorMiddleware(pages: services.pages, logger: logger)
        FileMiddleware(
            PageRenderer.staticFolder, urlBasePath: "/static",
            cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]), logger: logger
        )
        AuthenticationMiddleware(sessions: services.sessions, audit: services.audit)
        LanguageMiddleware(users: UserStore(database: services.database))
    }
    let pages = GuardedRoutes(methods: router, prefix: "", services: services)
    let api = GuardedRoutes(methods: router.group("api/v1"), prefix: "api/v1", services: services)
    HealthController(database: services.database).register(on: pages)
    ObservabilityController(database: services.database).register(on: pages)
    RegionAPIController(services: services).register(on: api)
    ImportAPIController(services: services).register(on: api)
    IndicatorAPIController(services: services).register(on: api)
    RankingAPIController(services: services).register(on: api)
    SummaryAPIController(services: services).register(on: api)
    CatalogueAPIController().register(on: api)
    APIDocumentController().register(on: api)
    ProgrammeAPIController(services: services, coverage: services.coverage).register(on: api)
    DashboardController(services: services).register(on: pages)
    RegionPageController(services: services).register(on: pages)
    RegionBriefController(services: services).register(on: pages)
    ImportPageController(services: services).register(on: pages)
    MappingPageController(services: services).register(on: pages)
    AnalysisPageController(services: services).register(on: pages)
    ExportController(services: services).register(on: pages)
    SignInPageController(services: services).register(on: pages)
    AuditPageController(services: services).register(on: pages)
    UserPageController(services: services).register(on: pages)
    AccountPageController(services: services).register(on: pages)
    PersonLookupController(services: services).register(pages: pages, api: api)
    ProgrammePageController(services: services).register(on: pages)
    UnreachedFamiliesController(services: services).register(pages: pages, api: api)
    MonitoringPageController(services: services).register(on: pages)
    TargetPageController(services: services).register(on: pages)
    MonitoringReportController(services: services).register(on: pages)
    MonitoringAPIController(services: services).register(on: api)
    ExternalIndicatorAPIController(services: services).register(on: api)
    ExternalIndicatorPageController(services: services).register(on: pages)
    ProgrammeResultsAPIController(services: services).register(on: api)
    ProgrammeReportController(services: services).register(on: pages)
    ProgrammeOutcomesPageController(services: services).register(on: pages)
    ProgrammeOutcomesAPIController(services: services).register(on: api)
    return router
}

/// Serves the application until SIGTERM or SIGINT (Ctrl-C), then shuts down gracefully: running imports are stopped
/// and rolled back first (each stored as `terminputus`), then the server stops accepting connections and lets the
/// requests in flight finish.
public func runApplication(
    configuration: WebConfiguration,
    services: AppServices,
    logger: Logger,
    gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    let app = buildApplication(configuration: configuration, services: services, logger: logger, onServerRunning: onServerRunning)
    // Shut down in reverse order: the imports first, then the server.
    let group = ServiceGroup(configuration: .init(services: [app, ImportShutdown(services: services)],
                                                  gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
    try await group.run()
}
