import Foundation
import LumbungDomain
import SQLKit

/// Signing in with a username and password: throttling per account and per address counted *before* the
/// bcrypt check (`SignInLimiter`, plus the failures in `login_attempt`), the check on its own bounded pool
/// (`PasswordChecks`), and an audit event for every attempt (those of a flood counted, not written one by one).
public struct SignIn: Sendable {
    private let database: Database
    private let limiter: SignInLimiter
    private let checks: PasswordChecks
    private let audit: AuditLog

    /// - Parameters:
    ///   - limiter: shared by every sign-in of the server (`AppServices`); a new one counts only the database's failures.
    ///   - audit: the server's audit log, whose flood gate limits the events of failed sign-ins per address.
    public init(database: Database, limiter: SignInLimiter = SignInLimiter(), checks: PasswordChecks = .shared, audit: AuditLog? = nil) {
        self.database = database
        self.limiter = limiter
        self.checks = checks
        self.audit = audit ?? AuditLog(database: database)
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
        /// Too many password checks at once: try again in a moment (nothing was counted).
        case busy
    }

    public func attempt(username: String, password: String, address: String) async throws -> Outcome {
        let now = Clock.now(), since = now - Self.window
        let actor = AuditActor(name: username.isEmpty ? "-" : username, address: address)
        guard let ticket = await limiter.reserve(username: username, address: address, now: now) else {
            try await audit.appendUnauthenticated(actor, .loginThrottled)
            return .throttled
        }
        let (accountFailures, addressFailures) = try await database.read { db in
            let account = try await db.raw("""
                SELECT COUNT(*) AS n FROM login_attempt WHERE username = \(bind: Self.key(username)) AND at >= \(bind: since) AND succeeded = \(bind: false)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let address = try await db.raw("""
                SELECT COUNT(*) AS n FROM login_attempt WHERE address = \(bind: address) AND at >= \(bind: since) AND succeeded = \(bind: false)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            return (account, address)
        }
        if accountFailures >= Self.accountLimit || addressFailures >= Self.addressLimit {
            try await audit.appendUnauthenticated(actor, .loginThrottled)
            return .throttled
        }
        let credentials = try await UserStore(database: database).credentials(of: username)
        // A missing user still costs one bcrypt check, so timing does not tell which usernames exist.
        guard let valid = await checks.verify(password, hash: credentials?.1 ?? Self.dummyHash) else {
            await limiter.release(ticket)
            return .busy
        }
        guard valid, let user = credentials?.0, !user.disabled else {
            try await record(username: username, address: address, succeeded: false)
            try await audit.appendUnauthenticated(actor, .loginFailed, outcome: "failed")
            return .wrongCredentials
        }
        await limiter.release(ticket)
        try await record(username: username, address: address, succeeded: true)
        try await audit.append(actor, .loginSucceeded, region: user.scope.region.dotted)
        return .signedIn(user)
    }

    /// The username as counted and stored: cut to 64 characters, so a huge one costs no more than a short one.
    static func key(_ username: String) -> String { String(username.prefix(64)) }

    private func record(username: String, address: String, succeeded: Bool) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO login_attempt (username, address, at, succeeded)
                VALUES (\(bind: Self.key(username)), \(bind: String(address.prefix(64))), \(bind: Clock.now()), \(bind: succeeded))
                """).run()
        }
    }

    /// The bcrypt hash of a random string, checked against when the username is unknown.
    private static let dummyHash = Passwords.hash(Passwords.randomSecret())
}
