import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

@Suite struct AccessStoreTests {
    static let admin = AuditActor(name: "test-admin", address: nil)

    @Test(arguments: TestDatabase.engines)
    func users_are_checked_hashed_and_every_change_is_audited(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let users = UserStore(database: database)
            let siti = try await users.add(username: "siti", displayName: "Siti Aminah", role: .operator, scope: "52.01", organisation: nil,
                                           password: "kopi-manis-2026", by: Self.admin)
            #expect(siti.role == .operator && siti.scope.region.dotted == "52.01" && !siti.disabled)
            await #expect(throws: AccessError.usernameTaken("siti")) {
                try await users.add(username: "siti", displayName: "x", role: .viewer, scope: "52", organisation: nil, password: "kopi-manis-2026", by: Self.admin)
            }
            await #expect(throws: AccessError.weakPassword(.tooShort(minimum: 10))) {
                try await users.add(username: "budi", displayName: "Budi", role: .viewer, scope: "52", organisation: nil, password: "pendek", by: Self.admin)
            }
            await #expect(throws: AccessError.partnerWithoutOrganisation) {
                try await users.add(username: "lsm", displayName: "LSM", role: .partner, scope: "52", organisation: nil, password: "kopi-manis-2026", by: Self.admin)
            }
            await #expect(throws: AccessError.unknownScope("52.99")) {
                try await users.add(username: "budi", displayName: "Budi", role: .viewer, scope: "52.99", organisation: nil, password: "kopi-manis-2026", by: Self.admin)
            }
            let stored = try await database.read { db in
                try await db.raw("SELECT password_hash FROM app_user WHERE username = 'siti'").first()!.decode(column: "password_hash", as: String.self)
            }
            #expect(stored.hasPrefix("$2b$12$") && !stored.contains("kopi"), "bcrypt at cost 12, never the password")
            let events = try await AuditLog(database: database).search(.init(actor: "test-admin"))
            #expect(events.map(\.action) == [.userAdded] && events[0].target == "siti (operator)" && events[0].region == "52.01")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func sign_in_checks_the_password_throttles_and_leaves_a_trace(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            _ = try await UserStore(database: database).add(username: "siti", displayName: "Siti", role: .analyst, scope: "52", organisation: nil,
                                                            password: "kopi-manis-2026", by: Self.admin)
            let signIn = SignIn(database: database)
            guard case .signedIn(let user) = try await signIn.attempt(username: "siti", password: "kopi-manis-2026", address: "10.0.0.1") else {
                Issue.record("the right password signs in")
                return
            }
            #expect(user.username == "siti")
            for _ in 0..<SignIn.accountLimit {
                guard case .wrongCredentials = try await signIn.attempt(username: "siti", password: "salah", address: "10.0.0.2") else {
                    Issue.record("a wrong password is refused")
                    return
                }
            }
            // Locked now, even with the right password.
            guard case .throttled = try await signIn.attempt(username: "siti", password: "kopi-manis-2026", address: "10.0.0.3") else {
                Issue.record("the account is throttled after \(SignIn.accountLimit) failures")
                return
            }
            let log = AuditLog(database: database)
            #expect(try await log.search(.init(action: "login.failed")).count == SignIn.accountLimit)
            #expect(try await log.search(.init(action: "login.throttled")).first?.address == "10.0.0.3")
            #expect(try await log.search(.init(action: "login.succeeded")).count == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func sessions_and_tokens_end_when_the_user_is_disabled(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let users = UserStore(database: database), sessions = SessionStore(database: database)
            let user = try await users.add(username: "mitra", displayName: "Mitra", role: .partner, scope: "52.03", organisation: "LSM Sasak",
                                           password: "kopi-manis-2026", by: Self.admin)
            let session = try await sessions.start(for: user)
            #expect(try await sessions.session(secret: session.secret)?.user.username == "mitra")
            #expect(try await sessions.session(secret: "tebakan") == nil)
            // A session past its expiry is over.
            let stale = try await sessions.start(for: user)
            try await database.transaction { db in
                try await db.raw("UPDATE user_session SET expires_at = 1 WHERE token_hash = \(bind: SHA256.hex(stale.secret))").run()
            }
            #expect(try await sessions.session(secret: stale.secret) == nil)
            // So is one left unused for longer than the idle limit; one used within it is kept alive.
            let idle = try await sessions.start(for: user), busy = try await sessions.start(for: user)
            let old = Int(Date().timeIntervalSince1970) - SessionStore.idleLimit - 5
            try await database.transaction { db in
                try await db.raw("UPDATE user_session SET last_seen_at = \(bind: old) WHERE token_hash IN (\(binds: [SHA256.hex(idle.secret), SHA256.hex(busy.secret)]))").run()
            }
            #expect(try await sessions.session(secret: idle.secret) == nil)
            // Half the idle limit ago: within it however slowly a loaded machine runs this test.
            let recent = Int(Date().timeIntervalSince1970) - SessionStore.idleLimit / 2
            try await database.transaction { db in
                try await db.raw("UPDATE user_session SET last_seen_at = \(bind: recent) WHERE token_hash = \(bind: SHA256.hex(busy.secret))").run()
            }
            #expect(try await sessions.session(secret: busy.secret) != nil, "still within the limit")
            let refreshed = try await database.read { db in
                try await db.raw("SELECT last_seen_at FROM user_session WHERE token_hash = \(bind: SHA256.hex(busy.secret))").first()!
                    .decode(column: "last_seen_at", as: Int.self)
            }
            #expect(refreshed > recent, "using it moves its last use forward")
            let issued = try await sessions.issueToken(for: "mitra", name: "dashboard", days: 30, by: Self.admin)
            #expect(issued.token.hasPrefix("lmb_") && issued.token.count == 68)
            #expect(try await sessions.user(forToken: issued.token)?.organisation == "LSM Sasak")
            let stored = try await database.read { db in
                try await db.raw("SELECT token_hash FROM api_token").first()!.decode(column: "token_hash", as: String.self)
            }
            #expect(stored == SHA256.hex(issued.token), "only the hash is stored")
            try await users.setDisabled("mitra", true, by: Self.admin)
            #expect(try await sessions.session(secret: session.secret) == nil)
            #expect(try await sessions.user(forToken: issued.token) == nil)
            // A revoked token stays revoked when the user is enabled again.
            try await users.setDisabled("mitra", false, by: Self.admin)
            #expect(try await sessions.user(forToken: issued.token) == nil)
            let second = try await sessions.issueToken(for: "mitra", name: "again", days: 1, by: Self.admin)
            try await sessions.revokeToken(id: second.id, by: Self.admin)
            #expect(try await sessions.user(forToken: second.token) == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_audit_log_refuses_edits_and_verify_finds_a_forced_one(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let log = AuditLog(database: database)
            for index in 1...4 { try await log.append(Self.admin, .personalDataViewed, region: "52.01", target: "page \(index)", recordCount: index) }
            let intact = try await log.verify()
            #expect(intact.checked == 4 && intact.firstBreak == nil)
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in try await db.raw("UPDATE audit_event SET actor = 'x' WHERE id = 2").run() }
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in try await db.raw("DELETE FROM audit_event WHERE id = 2").run() }
            }
            // Someone with the database's owner rights drops the guard and edits a row: verify names it.
            try await database.transaction { db in
                if engine == .postgres {
                    try await db.raw("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").run()
                } else {
                    try await db.raw("DROP TRIGGER audit_event_no_update").run()
                }
                try await db.raw("UPDATE audit_event SET record_count = 40 WHERE id = 3").run()
            }
            let result = try await log.verify()
            #expect(result.firstBreak == 3 && result.checked == 0)
            #expect(try await log.search(.init(region: "52")).count == 4)
            #expect(try await log.search(.init(region: "52.03")).isEmpty)
        }
    }
}
