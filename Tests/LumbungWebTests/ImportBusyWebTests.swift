import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import SQLKit
import Testing

/// Issue 17 item 2: no one waits behind an import. While an import reads and stages its file, sign-ins and audit
/// writes go through (on SQLite too, where only one connection writes at a time); the batch stays invisible until it
/// commits, a failure in its final step leaves nothing, and a wait for the database that runs out is answered
/// "sedang sibuk" (503, Retry-After) instead of hanging.
@Suite struct ImportBusyWebTests {
    static let password = "kata-sandi-uji-2026"

    /// Tables an import writes, and their row counts.
    static let registryTables = ["person", "household", "import_batch", "import_issue", "village_aggregate", "person_batch", "field_source"]

    static func counts(_ services: AppServices) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in registryTables { counts[table] = try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM \(table)", services) }
        return counts
    }

    /// Starts an import of `content` as the operator and returns its job id.
    static func upload(_ client: some TestClientProtocol, name: String, content: String) async throws -> String {
        let location = try await client.execute(uri: "/impor", method: .post, headers: ImportWebTests.headers,
                                                body: ImportWebTests.multipart(file: name, content: content, fields: ["as_of": "2025-06-30"])) { response in
            #expect(response.status == .found)
            return try #require(response.headers[.location])
        }
        return String(location.dropFirst("/impor/proses/".count))
    }

    @Test(arguments: TestDatabase.engines)
    func a_sign_in_and_an_audit_write_go_through_while_an_import_stages(engine: Database.Engine) async throws {
        // The import stays paused until the sign-in below is done: a write queued behind it would wait for the pool's
        // 30 s and come back busy, never succeed (no clock is read: a loaded machine makes every step slow).
        try await withWebAppRoles(scope: "52.03", engine: engine, poolWait: .seconds(30)) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let (reached, reachedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            // The import stops after its first chunk of rows is staged (1,000 of 2,500) until the test lets it go.
            await services.afterImportChunk { _, chunks, _ in
                guard chunks == 1 else { return }
                reachedSignal.yield()
                for await _ in release { break }
            }
            let id = try await Self.upload(client, name: "besar.csv", content: ImportCancelWebTests.file)
            var waiting = reached.makeAsyncIterator()
            _ = await waiting.next()

            // Readers see nothing of the batch while it stages.
            let before = try await Self.counts(services)
            #expect(before.values.allSatisfy { $0 == 0 }, "\(before)")

            // A browser signs in (session row and audit row written) while the import is still paused.
            let signedIn = try await SignInWebTests.signIn(base, username: "r-viewer", password: Self.password)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/", "\(signedIn.status) \(signedIn.text.prefix(300))")
            #expect(SignInWebTests.cookie(named: "lumbung_sesi", in: signedIn)?.isEmpty == false)
            try await services.audit.append(AuditActor(name: "uji-audit", address: nil), .userAdded, target: "selama impor")
            #expect(try await services.audit.search(.init(actor: "uji-audit")).count == 1)
            // Still invisible, still running.
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person", services) == 0)
            let state = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json()["state"] as? String }
            #expect(state == "running")

            releaseSignal.yield()
            let ended = try await ImportWebTests.waitFor(id, client: client)
            #expect(ended["state"] as? String == "done", "\(ended)")
            await services.afterImportChunk(nil)
            // Every row of the file, each a head of their own family (counted by the file's own loop: 2,500).
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person", services) == 2_500)
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM household", services) == 2_500)
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM import_batch WHERE status = 'done'", services) == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_failure_in_the_final_step_leaves_the_registry_as_it_was(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            // A first, small import that succeeds: the registry is not empty.
            let lines = ImportCancelWebTests.file.split(separator: "\n")
            let small = lines.prefix(11).joined(separator: "\n") + "\n"
            let first = try await ImportWebTests.waitFor(try await Self.upload(client, name: "kecil.csv", content: small), client: client)
            #expect(first["state"] as? String == "done", "\(first)")
            let before = try await Self.counts(services)
            #expect(before["person"] == 10 && before["import_batch"] == 1, "\(before)")

            // The final step fails at its very end (the batch marked done), after every registry write of the batch.
            try await services.database.transaction { db in
                if engine == .postgres {
                    try await db.raw("""
                        CREATE FUNCTION refuse_batch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'uji: batch refused'; END $$
                        """).run()
                    try await db.raw("""
                        CREATE TRIGGER refuse_batch BEFORE UPDATE ON import_batch FOR EACH ROW WHEN (NEW.status = 'done') EXECUTE FUNCTION refuse_batch()
                        """).run()
                } else {
                    try await db.raw("""
                        CREATE TRIGGER refuse_batch BEFORE UPDATE ON import_batch WHEN NEW.status = 'done' BEGIN SELECT RAISE(ABORT, 'uji: batch refused'); END
                        """).run()
                }
            }
            let failed = try await ImportWebTests.waitFor(try await Self.upload(client, name: "besar.csv", content: ImportCancelWebTests.file), client: client)
            #expect(failed["state"] as? String == "failed", "\(failed)")
            #expect(try await Self.counts(services) == before)

            // Nothing of the failed batch lingers: without the trigger the same file imports in full.
            try await services.database.transaction { db in
                try await db.raw("DROP TRIGGER refuse_batch\(unsafeRaw: engine == .postgres ? " ON import_batch" : "")").run()
            }
            let again = try await ImportWebTests.waitFor(try await Self.upload(client, name: "besar-lagi.csv", content: ImportCancelWebTests.file), client: client)
            #expect(again["state"] as? String == "done", "\(again)")
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person", services) == 2_500)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_wait_for_the_database_that_runs_out_is_answered_busy(engine: Database.Engine) async throws {
        // A wait long enough for the set-up on a loaded machine (new PostgreSQL connections), far shorter than the
        // holders' endless one.
        try await withWebAppRoles(scope: "52.03", engine: engine, poolWait: .seconds(15)) { base, tokens, services, _ in
            // The sign-in form first (a read), then every writer's place is taken: on SQLite the one writer, on
            // PostgreSQL every connection of the pool (PostgresClient's default maximum, 20).
            let (token, formCookie) = try await base.execute(uri: "/masuk", method: .get) { response in
                (try #require(SignInWebTests.formToken(response.text)), try #require(SignInWebTests.cookie(named: "lumbung_masuk", in: response)))
            }
            let holders = engine == .postgres ? 20 : 1
            let (held, heldSignal) = AsyncStream<Void>.makeStream()
            let gate = Gate()
            let database = services.database
            let holding = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<holders {
                        group.addTask {
                            try await database.transaction { _ in
                                heldSignal.yield()
                                await gate.wait()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            var waiting = held.makeAsyncIterator()
            for _ in 0..<holders { _ = await waiting.next() }

            let started = ContinuousClock.now
            let response = try await base.execute(uri: "/masuk?csrf=\(token)", method: .post,
                                                  headers: [.cookie: "lumbung_masuk=\(formCookie)", .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "username=r-viewer&password=\(Self.password)"))
            // The 15 s wait ran out (a watchdog bound, far below the holders' endless wait).
            #expect(ContinuousClock.now - started < .seconds(120))
            #expect(response.status == .serviceUnavailable, "\(response.status)")
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.text.contains("Lumbung sedang sibuk"), "\(response.text.prefix(400))")
            #expect(response.text.contains("Sedang sibuk"))
            if engine == .postgres {
                // Every connection taken: even reading answers busy, as JSON under /api.
                try await base.execute(uri: "/api/v1/regions/52.03", method: .get, headers: bearer(tokens[.admin])) { response in
                    #expect(response.status == .serviceUnavailable && response.headers[.retryAfter] == "5")
                    let error = try response.json()["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "busy", "\(response.text)")
                }
            }
            await gate.open()
            try await holding.value
            // Free again: the same sign-in goes through.
            let signedIn = try await SignInWebTests.signIn(base, username: "r-viewer", password: Self.password)
            #expect(signedIn.status == .seeOther)
        }
    }
}

/// Holds any number of tasks until opened.
private actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
