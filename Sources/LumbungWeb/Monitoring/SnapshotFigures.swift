import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The figures of a snapshot, built the way `RegionFigures` builds today's: the frozen village tallies of the
/// province summed over the region tree and, for a role that may not see small counts, the disclosure plan of those
/// figures — so a snapshot's answer has the shape and the suppression of today's. O(villages) per request.
enum SnapshotFigures {
    /// The snapshot named `name` and its figures for `code`'s province.
    static func figures(_ name: String, for code: RegionCode, restricted: Bool,
                        services: AppServices) async throws -> (SnapshotStore.Snapshot, RegionFigures.Figures) {
        try await AppError.monitoring {
            let store = SnapshotStore(database: services.database)
            let snapshot = try await store.snapshot(named: name)
            return (snapshot, try await figures(of: snapshot, for: code, restricted: restricted, services: services))
        }
    }

    /// The figures of `snapshot` for `code`'s province.
    static func figures(of snapshot: SnapshotStore.Snapshot, for code: RegionCode, restricted: Bool,
                        services: AppServices) async throws -> RegionFigures.Figures {
        try await AppError.monitoring {
            try await services.snapshotFigures.figures(of: snapshot, province: code.province, restricted: restricted) {
                RegionTotals(villages: try await SnapshotStore(database: services.database).tallies(of: snapshot, within: code.province),
                             tree: services.regions)
            }
        }
    }

    /// Snapshots never change, so their totals and disclosure plans, once built, are kept (the last few, per server).
    actor Cache {
        private var built: [String: RegionFigures.Figures] = [:]
        private var order: [String] = []
        static let kept = 16

        func figures(of snapshot: SnapshotStore.Snapshot, province: RegionCode, restricted: Bool,
                     load: @Sendable () async throws -> RegionTotals) async throws -> RegionFigures.Figures {
            // Name and creation time: a restored backup may hold another snapshot of the same name.
            let key = "\(snapshot.name) \(snapshot.createdAt) \(province.dotted) \(restricted)"
            if let done = built[key] { return done }
            let unrestricted = "\(snapshot.name) \(snapshot.createdAt) \(province.dotted) false"
            let totals: RegionTotals
            if let known = built[unrestricted]?.totals { totals = known } else { totals = try await load() }
            let figures = RegionFigures.Figures(totals: totals, disclosure: restricted ? DisclosurePlan(totals: totals, province: province) : nil)
            built[key] = figures
            order.append(key)
            if order.count > Self.kept { built[order.removeFirst()] = nil }
            return figures
        }
    }
}

extension AppError {
    /// Runs `body`, turning a `MonitoringProblem` into the matching HTTP error.
    static func monitoring<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let problem as MonitoringProblem { throw AppError.monitoring(problem) }
    }
}
