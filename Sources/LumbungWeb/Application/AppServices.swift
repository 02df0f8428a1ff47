import Foundation
import HTTPTypes
import Hummingbird
import Logging
import LumbungDomain
import LumbungImport
import LumbungStore
import Mustache

/// What the routes need, built once at start-up (the single composition root).
public struct AppServices: Sendable {
    public let database: Database
    /// The region tree, read from the database at start-up: reference data that only migrations change.
    public let regions: RegionTree
    public let regionStore: RegionStore
    let pages: PageRenderer
    let imports: ImportJobs
    /// Region totals and encoded figures, cached per aggregate generation.
    let figures: RegionFigures
    let sessions: SessionStore
    public let audit: AuditLog
    /// Programme coverage per desa, cached until an import or a programme change.
    let coverage: CoverageCache
    /// The access rule of every route, filled as routes are registered.
    public let rules: RuleBook
    /// Sign-in attempts of this server, counted before their password is checked.
    let signInLimiter = SignInLimiter()
    /// The figures of snapshots already read (issue 16): they never change.
    let snapshotFigures = SnapshotFigures.Cache()
    /// The bcrypt pool of this server's sign-ins (one server per process in production; each test app its own).
    let passwordChecks = PasswordChecks(running: 2, waiting: 4)

    /// Graceful shutdown of imports: none starts any more, running ones are cancelled (rolled back) and stored as
    /// `terminputus`; returns when all have stopped. (`runApplication` calls it on SIGTERM, before requests drain.)
    public func stopImports() async {
        await imports.stopAll()
    }

    /// Calls `hook` (job id, chunks written, a wait that returns once the job is cancelled) after each chunk of an import
    /// started from the web is written, before it commits: tests use it to cancel a running import at a known point,
    /// without timing.
    public func afterImportChunk(_ hook: (@Sendable (String, Int, @escaping @Sendable () async -> Void) async -> Void)?) async {
        await imports.setAfterChunk(hook)
    }

    /// Loads the region tree, the import references and the page templates; uploads are kept in `uploadFolder`
    /// under `uploadPolicy` (expired ones are removed now and hourly).
    public static func load(database: Database, uploadFolder: URL, uploadPolicy: UploadPolicy = .fromEnvironment()) async throws -> AppServices {
        let store = RegionStore(database: database)
        let job = ImportJob(database: database, references: try ImportReferences.load())
        let tree = try await store.fetchTree()
        let imports = ImportJobs(job: job, folder: uploadFolder, policy: uploadPolicy)
        // Jobs a previous process left running were cut off: marked `terminputus` (one server per database).
        try await imports.recover()
        await imports.startRetention()
        let rules = RuleBook()
        return AppServices(
            database: database,
            regions: tree,
            regionStore: store,
            pages: try await PageRenderer.load(rules: rules),
            imports: imports,
            figures: RegionFigures(database: database, tree: tree),
            sessions: SessionStore(database: database),
            audit: AuditLog(database: database),
            coverage: CoverageCache(database: database),
            rules: rules
        )
    }
}
