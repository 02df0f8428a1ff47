import Metrics
import Prometheus
import Synchronization

/// The server's metrics in Prometheus' text format: requests by route, method and status with their latency
/// (Hummingbird's `MetricsMiddleware`), imports running, done and failed, rows imported, audit events.
///
/// swift-metrics has one backend per process; it is set here once, the first time a router is built.
public enum ServerMetrics {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    /// Sets the Prometheus backend (once per process; later calls do nothing).
    public static func start() {
        _ = bootstrapped
    }

    /// The exposition text served at `/metrics`.
    public static func text() -> String {
        registry.emitToString()
    }

    /// Imports through the web app, by how they ended.
    enum ImportOutcome: String {
        case done, dryRun = "dry_run", failed
    }

    static func importStarted() {
        Gauge(label: "lumbung_imports_running").record(runningImports.add(1))
    }

    static func importEnded(_ outcome: ImportOutcome, kept: Int = 0, rejected: Int = 0) {
        Gauge(label: "lumbung_imports_running").record(runningImports.add(-1))
        Counter(label: "lumbung_imports", dimensions: [("outcome", outcome.rawValue)]).increment()
        if outcome == .done {
            Counter(label: "lumbung_import_rows", dimensions: [("outcome", "kept")]).increment(by: Int64(max(0, kept)))
            Counter(label: "lumbung_import_rows", dimensions: [("outcome", "rejected")]).increment(by: Int64(max(0, rejected)))
        }
    }

    private static let runningImports = RunningCount()
}

/// A count shared by every import task.
private final class RunningCount: Sendable {
    private let value = Mutex(0)
    func add(_ step: Int) -> Int {
        value.withLock { count in
            count = max(0, count + step)
            return count
        }
    }
}
