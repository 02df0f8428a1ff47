import Foundation
import LumbungDomain
import SQLKit

/// Browser sessions and API tokens. Only SHA-256 hashes of the secrets are stored, so a copy of the
/// database does not let anyone sign in.
public struct SessionStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How long a browser session lasts at most (a working day).
    public static let sessionLifetime = 8 * 3600
    /// A session not used for this long ends (a screen left open in an office).
    public static let idleLimit = 30 * 60
    /// Last use is written at most this often, so reading pages does not mean writing on every request.
    static let lastSeenResolution = 60

    /// A signed-in browser: the user, the cookie secret, and the CSRF token every form must echo.
    public struct Session: Sendable {
        public let user: UserRecord
        public let secret: String
        public let csrfToken: String
        public let expiresAt: Int
    }

    /// Starts a session for `user`.
    public func start(for user: UserRecord) async throws -> Session {
        let secret = Passwords.randomSecret(), csrf = Passwords.randomSecret()
        let now = Clock.now(), expires = now + Self.sessionLifetime
        try await database.transaction { db in
            try await db.raw("DELETE FROM user_session WHERE expires_at < \(bind: now) OR last_seen_at < \(bind: now - Self.idleLimit)").run()
            try await db.raw("""
                INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
                VALUES (\(bind: SHA256.hex(secret)), \(bind: user.id), \(bind: csrf), \(bind: now), \(bind: expires), \(bind: now))
                """).run()
        }
        return Session(user: user, secret: secret, csrfToken: csrf, expiresAt: expires)
    }

    /// The live session for a cookie secret: `nil` when unknown, expired, idle too long or its user disabled.
    /// Marks the session as used (at most once a minute).
    public func session(secret: String) async throws -> Session? {
        let hash = SHA256.hex(secret), now = Clock.now()
        let found = try await database.read { db -> (Session, lastSeen: Int)? in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: UserStore.columns(of: "u")),
                       s.csrf_token, s.expires_at, s.last_seen_at
                FROM user_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.token_hash = \(bind: hash) AND s.expires_at >= \(bind: now) AND s.last_seen_at >= \(bind: now - Self.idleLimit)
                """).first() else { return nil }
            let user = try UserStore.record(row)
            guard !user.disabled else { return nil }
            return (Session(user: user, secret: secret, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                            expiresAt: try row.decode(column: "expires_at", as: Int.self)),
                    try row.decode(column: "last_seen_at", as: Int.self))
        }
        guard let (session, lastSeen) = found else { return nil }
        if now - lastSeen >= Self.lastSeenResolution {
            try await database.transaction { db in
                try await db.raw("UPDATE user_session SET last_seen_at = \(bind: now) WHERE token_hash = \(bind: hash)").run()
            }
        }
        return session
    }

    public func end(secret: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM user_session WHERE token_hash = \(bind: SHA256.hex(secret))").run()
        }
    }

    /// Issues an API token for `user`, valid for `days`; the token is shown once and stored hashed.
    public func issueToken(for username: String, name: String, days: Int, by actor: AuditActor) async throws -> (id: Int, token: String, expiresAt: Int) {
        let token = "lmb_" + Passwords.randomSecret()
        let now = Clock.now(), expires = now + days * 86_400
        return try await database.transaction { db in
            guard let row = try await db.raw("SELECT id, disabled FROM app_user WHERE username = \(bind: username)").first(),
                  try row.decode(column: "disabled", as: Bool.self) == false else {
                throw AccessError.unknownUser(username)
            }
            let inserted = try await db.raw("""
                INSERT INTO api_token (user_id, name, token_hash, created_at, expires_at)
                VALUES (\(bind: try row.decode(column: "id", as: Int.self)), \(bind: name), \(bind: SHA256.hex(token)), \(bind: now), \(bind: expires))
                RETURNING id
                """).first()
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: .tokenIssued, region: nil, target: "\(username): \(name)")
            return (try inserted!.decode(column: "id", as: Int.self), token, expires)
        }
    }

    /// The user a bearer token belongs to: `nil` when unknown, revoked, expired or its user disabled.
    public func user(forToken token: String) async throws -> UserRecord? {
        try await database.read { db in
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: UserStore.columns(of: "u"))
                FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: SHA256.hex(token)) AND t.revoked_at IS NULL AND t.expires_at >= \(bind: Clock.now())
                """).first() else { return nil }
            let user = try UserStore.record(row)
            return user.disabled ? nil : user
        }
    }

    /// Revokes a token by its id.
    public func revokeToken(id: Int, by actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await db.raw("SELECT id FROM api_token WHERE id = \(bind: id) AND revoked_at IS NULL").first() != nil else {
                throw AccessError.unknownToken(id)
            }
            try await db.raw("UPDATE api_token SET revoked_at = \(bind: Clock.now()) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: .tokenRevoked, region: nil, target: "token \(id)")
        }
    }

    /// An API token as listed: never the token itself, which only its holder has.
    public struct TokenInfo: Sendable {
        public let id: Int
        public let name: String
        public let createdAt: Int
        public let expiresAt: Int
        public let revoked: Bool
    }

    /// The tokens issued to `username`, newest first.
    public func tokens(of username: String) async throws -> [TokenInfo] {
        try await database.read { db in
            try await db.raw("""
                SELECT t.id, t.name, t.created_at, t.expires_at, t.revoked_at FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE u.username = \(bind: username) ORDER BY t.id DESC
                """).all().map { row in
                TokenInfo(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                          createdAt: try row.decode(column: "created_at", as: Int.self), expiresAt: try row.decode(column: "expires_at", as: Int.self),
                          revoked: try row.decode(column: "revoked_at", as: Int?.self) != nil)
            }
        }
    }
}
