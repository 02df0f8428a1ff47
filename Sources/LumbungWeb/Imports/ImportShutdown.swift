import ServiceLifecycle

/// A service beside the web server whose graceful shutdown stops the running imports (`ImportJobs.stopAll`):
/// listed after the server in `runApplication`'s service group, it is shut down first, so a running import is rolled
/// back and marked `terminputus` while in-flight requests finish.
struct ImportShutdown: Service {
    let services: AppServices

    func run() async throws {
        // Waits for the group's graceful shutdown (or its cancellation), then stops the imports either way.
        try? await gracefulShutdown()
        await services.stopImports()
    }
}
