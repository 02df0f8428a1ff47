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

    static let columns = "id, username, display_name, role, region_scope, organisation, disabled, language"

    /// The same columns of `app_user` under an alias, for joins (`u.id, u.username, …`).
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// The user called `username`, or `unknownUser`.
    private static func target(_ username: String, in db: any SQLDatabase) async throws -> UserRecord {
        guard let row = try await db.raw("SELECT \(unsafeRaw: columns) FROM app_user WHERE username = \(bind: username)").first() else {
            throw AccessError.unknownUser(username)
        }
        return try record(row)
    }

    /// Refuses a change by `manager` (`nil`: the command line on the server, which may do anything) to a user of
    /// `role` scoped to `scope` that `Oversight` does not allow.
    private static func check(_ manager: Oversight?, may username: String, role: Role, scope: RegionCode) throws {
        guard let manager, !manager.mayManage(role: role, scope: scope) else { return }
        throw AccessError.outsideOversight(username: username, scope: scope.dotted)
    }

    static func record(_ row: any SQLRow) throws -> UserRecord {
        let scope = try row.decode(column: "region_scope", as: String.self)
        guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)), let code = try? RegionCode(scope) else {
            throw StoreError.queryFailed(reason: "app_user holds an invalid role or scope")
        }
        return UserRecord(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                          displayName: try row.decode(column: "display_name", as: String.self), role: role,
                          scope: AccessScope(region: code), organisation: try row.decode(column: "organisation", as: String?.self),
                          disabled: try row.decode(column: "disabled", as: Bool.self),
                          language: try row.decode(column: "language", as: String.self))
    }

    /// Adds a user after checking the username, password, scope and organisation, and that `manager` (the
    /// signed-in admin; `nil` for the command line) may give this role and scope.
    public func add(username: String, displayName: String, role: Role, scope: String, organisation: String?, password: String,
                    by actor: AuditActor, manager: Oversight? = nil) async throws -> UserRecord {
        guard username.range(of: "^[a-z0-9._-]{3,40}$", options: .regularExpression) != nil else { throw AccessError.badUsername(username) }
        if let code = try? RegionCode(scope) { try Self.check(manager, may: username, role: role, scope: code) }
        if let weakness = Passwords.weakness(of: password, username: username, role: role) { throw AccessError.weakPassword(weakness) }
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

    /// Every user, or only those `viewer` may see (`Oversight.maySeeUser`: scoped inside the viewer's scope).
    public func list(visibleTo viewer: Oversight? = nil) async throws -> [UserRecord] {
        try await database.read { db -> [UserRecord] in
            var query = SQLQueryString("SELECT \(unsafeRaw: Self.columns) FROM app_user")
            if let viewer {
                guard viewer.role.may(.manageUsers) else { return [] }
                query.appendInterpolation(unsafeRaw: " WHERE ")
                query.appendInterpolation(RegionSQL.atOrBelow("region_scope", viewer.scope.region))
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY username")
            return try await db.raw(query).all().map(Self.record).filter { viewer?.maySeeUser(scopedTo: $0.scope.region) ?? true }
        }
    }

    /// The language a user reads the pages in (`id` or `en`; anything else is refused): a preference of their own,
    /// so no audit event.
    public func setLanguage(userID: Int, _ language: String) async throws {
        guard ["id", "en"].contains(language) else { throw StoreError.queryFailed(reason: "unknown language") }
        try await database.transaction { db in
            try await db.raw("UPDATE app_user SET language = \(bind: language) WHERE id = \(bind: userID)").run()
        }
    }

    /// Disables (or enables again) a user; disabling also ends their sessions and revokes their tokens.
    /// `manager` (the signed-in admin; `nil` for the command line) must oversee the user.
    public func setDisabled(_ username: String, _ disabled: Bool, by actor: AuditActor, manager: Oversight? = nil) async throws {
        try await database.transaction { db in
            let target = try await Self.target(username, in: db), id = target.id
            try Self.check(manager, may: username, role: target.role, scope: target.scope.region)
            try await db.raw("UPDATE app_user SET disabled = \(bind: disabled) WHERE id = \(bind: id)").run()
            if disabled {
                try await db.raw("DELETE FROM user_session WHERE user_id = \(bind: id)").run()
                try await db.raw("UPDATE api_token SET revoked_at = \(bind: Clock.now()) WHERE user_id = \(bind: id) AND revoked_at IS NULL").run()
            }
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: disabled ? .userDisabled : .userChanged,
                                      region: target.scope.region.dotted, target: disabled ? username : "\(username) enabled")
        }
    }

    /// A user changing their own password: the current one must be right. Ends all their sessions and revokes their API tokens.
    public func changePassword(_ username: String, current: String, new: String, by actor: AuditActor) async throws {
        guard let (_, hash) = try await credentials(of: username) else { throw AccessError.wrongPassword }
        guard let valid = await PasswordChecks.shared.verify(current, hash: hash) else { throw AccessError.busy }
        guard valid else { throw AccessError.wrongPassword }
        try await resetPassword(username, to: new, by: actor)
    }

    /// Sets a new password, ends the user's sessions and revokes their API tokens (a password reset is what
    /// someone does who fears their account is in other hands). `manager` (the signed-in admin; `nil` for the
    /// command line or the user themselves) must oversee the user.
    public func resetPassword(_ username: String, to password: String, by actor: AuditActor, manager: Oversight? = nil) async throws {
        guard let existing = try await user(named: username) else { throw AccessError.unknownUser(username) }
        try Self.check(manager, may: username, role: existing.role, scope: existing.scope.region)
        if let weakness = Passwords.weakness(of: password, username: username, role: existing.role) { throw AccessError.weakPassword(weakness) }
        let hash = Passwords.hash(password)
        try await database.transaction { db in
            let target = try await Self.target(username, in: db), id = target.id
            try Self.check(manager, may: username, role: target.role, scope: target.scope.region)
            try await db.raw("UPDATE app_user SET password_hash = \(bind: hash) WHERE id = \(bind: id)").run()
            try await db.raw("DELETE FROM user_session WHERE user_id = \(bind: id)").run()
            try await db.raw("UPDATE api_token SET revoked_at = \(bind: Clock.now()) WHERE user_id = \(bind: id) AND revoked_at IS NULL").run()
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: .passwordReset, region: target.scope.region.dotted,
                                      target: username)
        }
    }
}

/// Unix seconds, the unit of session, token and attempt times.
enum Clock {
    static func now() -> Int { Int(saturating: Date().timeIntervalSince1970) }
}
