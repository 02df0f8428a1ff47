import Foundation
import LumbungDomain
import SQLKit

/// Signing in with a username and password: bcrypt check, throttling per account and per address,
/// and an audit event for every attempt.
public struct SignIn: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Failed attempts counted over this window.
    public static let window = 15 * 60
    /// After this many failures for one account in the window, it is locked until the window passes.
    public static let accountLimit = 5
    /// After this many failures from one address in the window, that address is locked out.
    public static let addressLimit = 20

    public enum Outcome: Sendable {
        case signedIn(UserRecord)
        case wrongCredentials
        case throttled
    }

    public func attempt(username: String, password: String, address: String) async throws -> Outcome {
        let now = Clock.now(), since = now - Self.window
        let (accountFailures, addressFailures) = try await database.read { db in
            let account = try await db.raw("""
                SELECT COUNT(*) AS n FROM login_attempt WHERE username = \(bind: username) AND at >= \(bind: since) AND succeeded = \(bind: false)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let address = try await db.raw("""
                SELECT COUNT(*) AS n FROM login_attempt WHERE address = \(bind: address) AND at >= \(bind: since) AND succeeded = \(bind: false)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            return (account, address)
        }
        let actor = AuditActor(name: username.isEmpty ? "-" : username, address: address)
        if accountFailures >= Self.accountLimit || addressFailures >= Self.addressLimit {
            try await record(username: username, address: address, succeeded: false, actor: actor, action: .loginThrottled, outcome: "denied")
            return .throttled
        }
        let credentials = try await UserStore(database: database).credentials(of: username)
        // A missing user still costs one bcrypt check, so timing does not tell which usernames exist.
        let valid = Passwords.verify(password, hash: credentials?.1 ?? Self.dummyHash)
        guard valid, let user = credentials?.0, !user.disabled else {
            try await record(username: username, address: address, succeeded: false, actor: actor, action: .loginFailed, outcome: "failed")
            return .wrongCredentials
        }
        try await record(username: username, address: address, succeeded: true, actor: actor, action: .loginSucceeded, outcome: "ok")
        return .signedIn(user)
    }

    private func record(username: String, address: String, succeeded: Bool, actor: AuditActor, action: AuditEvent.Action, outcome: String) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO login_attempt (username, address, at, succeeded) VALUES (\(bind: username), \(bind: address), \(bind: Clock.now()), \(bind: succeeded))
                """).run()
            try await AuditLog.append(db, engine: database.engine, actor: actor, action: action, region: nil, target: nil, outcome: outcome)
        }
    }

    /// The bcrypt hash of a random string, checked against when the username is unknown.
    private static let dummyHash = Passwords.hash(Passwords.randomSecret())
}
