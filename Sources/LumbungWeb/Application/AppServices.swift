import Foundation
import Logging
import LumbungDomain
import LumbungStore
import Mustache

/// What the routes need, built once at start-up (the single composition root).
public struct AppServices: Sendable {
    public let database: Database
    /// The region tree, read from the database at start-up: reference data that only migrations change.
    public let regions: RegionTree
    public let regionStore: RegionStore
    let pages: PageRenderer

    /// Loads the region tree and the page templates.
    public static func load(database: Database) async throws -> AppServices {
        let store = RegionStore(database: database)
        return AppServices(
            database: database,
            regions: try await store.fetchTree(),
            regionStore: store,
            pages: try await PageRenderer.load()
        )
    }
}
