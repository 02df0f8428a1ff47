import Foundation
import LumbungDomain
import SQLKit

/// Users: add, find, list, disable, reset passwords. Every change is written with its audit event in
/// the same transaction.
public struct UserStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, username, display_name, role, region_scope, organisation, disabled"

    /// The same columns of `app_user` under an alias, for joins (`u.id, u.username, …`).
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// The id of the user called `username`, or `unknownUser`.
    private static func id(of username: String, in db: any SQLDatabase) async throws -> Int {
        guard let row = try await db.raw("SELECT id FROM app_user WHERE username = \(bind: username)").first() else {
            throw AccessError.unknownUser(username)
        }
        return try row.decode(column: "id", as: Int.self)
    }

    static func record(_ row: any SQLRow) throws -> UserRecord {
        let scope = try row.decode(column: "region_scope", as: String.self)
        guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)), let code = try? RegionCode(scope) else {
            throw StoreError.queryFailed(reason: "app_user holds an invalid role or scope")
        }
        return UserRecord(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                          displayName: try row.decode(column: "display_name", as: String.self), role: role,
                          scope: AccessScope(region: code), organisation: try row.decode(column: "organisation", as: String?.self),
                          disabled: try row.decode(column: "disabled", as: Bool.self))
    }

    /// Adds a user after checking the username, password, scope and organisation.
    public func add(username: String, displayName: String, role: Role, scope: String, organisation: String?, password: String,
                    by actor: AuditActor) async throws -> UserRecord {
        guard username.range(of: "^[a-z0-9._-]{3,40}$", options: .regularExpression) != nil else { throw AccessError.badUsername(username) }
        if let weakness = Passwords.weakness(of: password, username: username) { throw AccessError.weakPassword(weakness) }
        if role == .partner, (organisation ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw AccessError.partnerWithoutOrganisation }
        let hash = Passwords.hash(password)
        return try await database.transaction { db in
            guard let code = try? RegionCode(scope),
                  try await db.raw("SELECT code FROM region WHERE code = \(bind: code.dotted)").first() != nil else {
                throw AccessError.unknownScope(scope)
            }
            if try await db.raw("SELECT id FROM app_user WHERE username = \(bind: username)").first() != nil {
                throw AccessError.usernameTaken(username)
            }
            let row = try await db.raw("""
                INSERT INTO app_user (username, display_name, role, region_scope, password_hash, organisation)
                VALUES (\(bind: username), \(bind: displayName), \(bind: role.rawValue), \(bind: code.dotted), \(bind: hash), \(bind: organisation))
                RETURNING \(unsafeRaw: Self.columns)
                """).first()
            let user = try Self.record(row!)
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: .userAdded, region: code.dotted,
                                      target: "\(username) (\(role.rawValue))")
            return user
        }
    }

    public func user(named username: String) async throws -> UserRecord? {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user WHERE username = \(bind: username)").first().map(Self.record)
        }
    }

    /// The user and their password hash, for signing in.
    func credentials(of username: String) async throws -> (UserRecord, String)? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.columns), password_hash FROM app_user WHERE username = \(bind: username)").first() else {
                return nil
            }
            return (try Self.record(row), try row.decode(column: "password_hash", as: String.self))
        }
    }

    public func list() async throws -> [UserRecord] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM app_user ORDER BY username").all().map(Self.record)
        }
    }

    /// Disables (or enables again) a user; disabling also ends their sessions and revokes their tokens.
    public func setDisabled(_ username: String, _ disabled: Bool, by actor: AuditActor) async throws {
        try await database.transaction { db in
            let id = try await Self.id(of: username, in: db)
            try await db.raw("UPDATE app_user SET disabled = \(bind: disabled) WHERE id = \(bind: id)").run()
            if disabled {
                try await db.raw("DELETE FROM user_session WHERE user_id = \(bind: id)").run()
                try await db.raw("UPDATE api_token SET revoked_at = \(bind: Clock.now()) WHERE user_id = \(bind: id) AND revoked_at IS NULL").run()
            }
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: disabled ? .userDisabled : .userChanged,
                                      region: nil, target: disabled ? username : "\(username) enabled")
        }
    }

    /// A user changing their own password: the current one must be right. Ends all their sessions.
    public func changePassword(_ username: String, current: String, new: String, by actor: AuditActor) async throws {
        guard let (_, hash) = try await credentials(of: username), Passwords.verify(current, hash: hash) else {
            throw AccessError.wrongPassword
        }
        try await resetPassword(username, to: new, by: actor)
    }

    /// Sets a new password and ends the user's sessions.
    public func resetPassword(_ username: String, to password: String, by actor: AuditActor) async throws {
        if let weakness = Passwords.weakness(of: password, username: username) { throw AccessError.weakPassword(weakness) }
        let hash = Passwords.hash(password)
        try await database.transaction { db in
            let id = try await Self.id(of: username, in: db)
            try await db.raw("UPDATE app_user SET password_hash = \(bind: hash) WHERE id = \(bind: id)").run()
            try await db.raw("DELETE FROM user_session WHERE user_id = \(bind: id)").run()
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: .passwordReset, region: nil, target: username)
        }
    }
}

/// Unix seconds, the unit of session, token and attempt times.
enum Clock {
    static func now() -> Int { Int(saturating: Date().timeIntervalSince1970) }
}
