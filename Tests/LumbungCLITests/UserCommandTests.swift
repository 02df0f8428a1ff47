import Foundation
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// `lumbung user` and `lumbung audit` through the real binary, on SQLite.
@Suite struct UserCommandTests {
    @Test func users_are_added_listed_disabled_and_the_audit_log_verified() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let db = ["--database", created.location.urlString]
        let added = try await LumbungProcess.run(["user", "add", "siti", "--name", "Siti Aminah", "--role", "operator", "--scope", "52.01"] + db,
                                           input: "kopi-manis-2026\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "added siti (operator, scope 52.01)\n")
        let noPassword = try await LumbungProcess.run(["user", "add", "budi", "--name", "Budi", "--role", "viewer"] + db)
        #expect(noPassword.status == 2 && noPassword.stderr.contains("standard input"))
        let badRole = try await LumbungProcess.run(["user", "add", "budi", "--name", "Budi", "--role", "raja"] + db, input: "kopi-manis-2026\n")
        #expect(badRole.status == 2 && badRole.stderr.contains("Unknown role 'raja'"))
        let taken = try await LumbungProcess.run(["user", "add", "siti", "--name", "Siti", "--role", "viewer"] + db, input: "kopi-manis-2026\n")
        #expect(taken.status == 1 && taken.stderr == "error: The username 'siti' is taken.\n")
        let token = try await LumbungProcess.run(["user", "token", "siti", "--name", "dashboard", "--days", "7"] + db)
        #expect(token.status == 0 && token.stdout.contains("\nlmb_"))
        let tokens = try await LumbungProcess.run(["user", "tokens", "siti"] + db)
        #expect(tokens.stdout.hasPrefix("1\tdashboard\tissued ") && tokens.stdout.contains("active") && !tokens.stdout.contains("lmb_"))
        #expect(try await LumbungProcess.run(["user", "revoke-token", "1"] + db).stdout == "token 1 revoked\n")
        let again = try await LumbungProcess.run(["user", "revoke-token", "1"] + db)
        #expect(again.status == 1 && again.stderr == "error: There is no active API token 1.\n")
        let disabled = try await LumbungProcess.run(["user", "disable", "siti"] + db)
        #expect(disabled.status == 0)
        let list = try await LumbungProcess.run(["user", "list"] + db)
        #expect(list.stdout.contains("siti") && list.stdout.contains("operator") && list.stdout.contains("disabled") && list.stdout.contains("Siti Aminah"))

        let audit = try await LumbungProcess.run(["audit", "--user", "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "root")] + db)
        #expect(audit.stdout.split(separator: "\n").count == 4, "added, token issued, revoked, disabled: \(audit.stdout)")
        #expect(audit.stdout.contains("user.added") && audit.stdout.contains("token.issued") && audit.stdout.contains("user.disabled"))
        #expect(!audit.stdout.contains("kopi"), "no password in the log")
        let verified = try await LumbungProcess.run(["audit", "verify"] + db)
        #expect(verified.status == 0 && verified.stdout.hasPrefix("The audit log holds: 4 events, chain intact.\nNewest hash: "))
        let head = try #require(verified.stdout.split(separator: "\n").last?.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(head.count == 64)
        let anchored = try await LumbungProcess.run(["audit", "verify", "--contains", head] + db)
        #expect(anchored.status == 0 && anchored.stdout.hasPrefix("Hash \(head.prefix(12))… is event 4."))
        let unknown = try await LumbungProcess.run(["audit", "verify", "--contains", String(repeating: "a", count: 64)] + db)
        #expect(unknown.status == 1 && unknown.stderr.contains("no longer contains hash"))

        // Tamper: drop the guard and edit the second event.
        let database = try await TestDatabase.open(created.location)
        try await database.transaction { db in
            try await db.raw("DROP TRIGGER audit_event_no_update").run()
            try await db.raw("UPDATE audit_event SET target = 'someone else' WHERE id = 2").run()
        }
        await database.close()
        let broken = try await LumbungProcess.run(["audit", "verify"] + db)
        #expect(broken.status == 1 && broken.stderr.contains("broken at event 2"))
        try await TestDatabase.drop(created)
    }
}
