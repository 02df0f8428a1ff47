import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb

/// Runs `body` against the real Lumbung application on a freshly migrated database, without a socket (or over
/// real HTTP on a local port with `over: .live`),
/// signed in as a user of `role` scoped to `scope` (by bearer token), or anonymous when `role` is nil.
/// Without an `engine`, on SQLite; tests of stored behaviour pass `TestDatabase.engines` as arguments. Both engines by
/// default doubled the web tests: on a 2-core machine the suite took over 42 minutes (2026-12-07), past CI's 45-minute limit.
func withWebApp(
    _ engine: Database.Engine? = nil,
    as role: Role? = .admin,
    scope: String = "52",
    over setup: TestingSetup = .router,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    for engine in engine.map({ [$0] }) ?? [.sqlite] {
        try await withWebApp(on: engine, as: role, scope: scope, over: setup, body)
    }
}

private func withWebApp(
    on engine: Database.Engine,
    as role: Role?,
    scope: String,
    over setup: TestingSetup,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.with(engine) { database in
        try await withWebApp(database: database, as: role, scope: scope, over: setup, body)
    }
}

/// `withWebApp` on a database the test holds (to look into it before and after), under `uploadPolicy`.
func withWebApp(
    database: Database,
    as role: Role? = .admin,
    scope: String = "52",
    over setup: TestingSetup = .router,
    uploadPolicy: UploadPolicy = .fromEnvironment(),
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    do {
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID())")
        defer { try? FileManager.default.removeItem(at: uploads) }
        var token: String?
        if let role {
            let actor = AuditActor(name: "test", address: nil)
            _ = try await UserStore(database: database).add(username: "test-\(role.rawValue)", displayName: "Test", role: role, scope: scope,
                                                            organisation: role == .partner ? "Mitra Uji" : nil, password: "kata-sandi-uji-2026", by: actor)
            token = try await SessionStore(database: database).issueToken(for: "test-\(role.rawValue)", name: "test", days: 1, by: actor).token
        }
        let services = try await AppServices.load(database: database, uploadFolder: uploads, uploadPolicy: uploadPolicy)
        let app = buildApplication(configuration: .init(host: "127.0.0.1", port: 0), services: services, logger: TestDatabase.logger)
        let credential = token
        try await app.test(setup) { client in
            try await body(credential.map { SignedInClient(base: client, token: $0) } ?? client)
        }
    }
}

/// Runs `body` with an anonymous client and a bearer token for a user of every role, all scoped to `scope`.
/// Without an `engine`, on SQLite; tests of stored behaviour pass `TestDatabase.engines` as arguments. Both engines by
/// default doubled the web tests: on a 2-core machine the suite took over 42 minutes (2026-12-07), past CI's 45-minute limit.
/// `testing: .live` sends real HTTP over a socket; `poolWait` shortens the database's wait for a connection.
func withWebAppRoles(
    scope: String,
    engine: Database.Engine? = nil,
    testing: TestingSetup = .router,
    poolWait: Duration = TestDatabase.poolWait,
    _ body: @escaping @Sendable (any TestClientProtocol, [Role: String], AppServices, [String]) async throws -> Void
) async throws {
    for engine in engine.map({ [$0] }) ?? [.sqlite] {
        try await withWebAppRoles(scope: scope, on: engine, testing: testing, poolWait: poolWait, body)
    }
}

private func withWebAppRoles(
    scope: String,
    on engine: Database.Engine,
    testing: TestingSetup,
    poolWait: Duration,
    _ body: @escaping @Sendable (any TestClientProtocol, [Role: String], AppServices, [String]) async throws -> Void
) async throws {
    try await TestDatabase.with(engine, poolWait: poolWait) { database in
        let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID())")
        defer { try? FileManager.default.removeItem(at: uploads) }
        let actor = AuditActor(name: "test", address: nil)
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            _ = try await UserStore(database: database).add(username: "r-\(role.rawValue)", displayName: role.label, role: role, scope: scope,
                                                            organisation: role == .partner ? "Mitra Uji" : nil, password: "kata-sandi-uji-2026", by: actor)
            tokens[role] = try await SessionStore(database: database).issueToken(for: "r-\(role.rawValue)", name: "test", days: 1, by: actor).token
        }
        let services = try await AppServices.load(database: database, uploadFolder: uploads)
        let router = buildRouter(services: services, logger: TestDatabase.logger)
        let routes = router.routes.map { "\($0.method) \($0.path)" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let issued = tokens
        try await app.test(testing) { client in try await body(client, issued, services, routes) }
    }
}

/// `Authorization: Bearer …` for a token.
func bearer(_ token: String?) -> HTTPFields {
    token.map { [.authorization: "Bearer \($0)"] } ?? [:]
}

/// A test client that sends a bearer token with every request that has no credentials of its own.
struct SignedInClient: TestClientProtocol {
    let base: any TestClientProtocol
    let token: String

    var port: Int? { base.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if headers[.authorization] == nil && headers[.cookie] == nil { headers[.authorization] = "Bearer \(token)" }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
