import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import NIOCore
import SQLKit
import Testing

/// Import jobs outlive the process (issue 17 item 3): the report and rejects of a finished job are served by a new
/// application over the same database; a job a dead process left running is marked "terminputus" at start-up, saying
/// whether its batch was written; a graceful stop rolls a running import back and marks it.
@Suite struct ImportJobRestartWebTests {
    /// Two families, the second with a KK number of 5 digits (it has 16): one row kept, one rejected.
    static let families = "no_kk;kode_desa;alamat;desil\n5203011106180101;5203012001;Dusun Lendang;1\n52030;5203012001;Dusun Lauk;2\n"

    struct Server {
        let database: Database
        let uploads: URL
        let admin: String
        let outsider: String
    }

    /// A migrated database on `engine` with an admin of NTB and an operator of another kabupaten, and an upload folder.
    static func withServer(_ engine: Database.Engine, _ body: @escaping @Sendable (Server) async throws -> Void) async throws {
        try await TestDatabase.with(engine) { database in
            let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID())")
            defer { try? FileManager.default.removeItem(at: uploads) }
            let actor = AuditActor(name: "test", address: nil)
            let users = UserStore(database: database), sessions = SessionStore(database: database)
            _ = try await users.add(username: "admin-ntb", displayName: "Admin", role: .admin, scope: "52", organisation: nil,
                                    password: "kata-sandi-uji-2026", by: actor)
            _ = try await users.add(username: "operator-lain", displayName: "Operator", role: .operator, scope: "52.01", organisation: nil,
                                    password: "kata-sandi-uji-2026", by: actor)
            let admin = try await sessions.issueToken(for: "admin-ntb", name: "test", days: 1, by: actor).token
            let outsider = try await sessions.issueToken(for: "operator-lain", name: "test", days: 1, by: actor).token
            try await body(Server(database: database, uploads: uploads, admin: admin, outsider: outsider))
        }
    }

    /// Runs `body` against a new application (new `AppServices`, as after a restart) over the server's database and folder.
    static func withApp(_ server: Server, _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void) async throws {
        let services = try await AppServices.load(database: server.database, uploadFolder: server.uploads)
        let app = buildApplication(configuration: .init(host: "127.0.0.1", port: 0), services: services, logger: TestDatabase.logger)
        try await app.test(.router) { client in try await body(SignedInClient(base: client, token: server.admin), services) }
    }

    static func upload(_ client: some TestClientProtocol, name: String, content: String) async throws -> String {
        try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                 body: ImportWebTests.multipart(file: name, content: content, fields: ["as_of": "2025-06-30"])) { response in
            #expect(response.status == .accepted, "\(response.text)")
            return try #require(try response.json()["id"] as? String)
        }
    }

    static func count(_ database: Database, _ sql: String) async throws -> Int {
        try await database.read { db in try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1 }
    }

    @Test(arguments: TestDatabase.engines)
    func a_finished_jobs_report_and_rejects_survive_a_restart(engine: Database.Engine) async throws {
        try await Self.withServer(engine) { server in
            let before = LockedBox<(id: String, report: String, rejects: String)?>(nil)
            try await Self.withApp(server) { client, _ in
                let id = try await Self.upload(client, name: "keluarga.csv", content: Self.families)
                let done = try await ImportWebTests.waitFor(id, client: client)
                let report = try JSONSerialization.data(withJSONObject: done["report"] ?? [:])
                let rejects = try await client.execute(uri: "/impor/proses/\(id)/ditolak.csv", method: .get) { response in
                    #expect(response.status == .ok)
                    return response.text
                }
                before.set((id, String(decoding: report, as: UTF8.self), rejects))
            }
            let (id, reportText, rejects) = try #require(before.get())
            let report = try #require(try JSONSerialization.jsonObject(with: Data(reportText.utf8)) as? [String: Any])
            #expect(report["rowsRead"] as? Int == 2 && report["inserted"] as? Int == 1 && report["rejected"] as? Int == 1)
            #expect(rejects.contains("52030;") && !rejects.contains("5203011106180101"))
            let keys = ["rowsRead", "inserted", "rejected", "batchID", "file"]
            let expected = Dictionary(uniqueKeysWithValues: keys.map { ($0, "\(report[$0] ?? "+")") })
            let batchID = report["batchID"] as? Int ?? -1

            try await Self.withApp(server) { client, _ in
                let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    return try response.json()
                }
                #expect(json["state"] as? String == "done")
                let after = try #require(json["report"] as? [String: Any])
                for key in keys {
                    #expect("\(after[key] ?? "-")" == expected[key], "\(key)")
                }
                #expect(after["rejectsFiles"] as? [String] == ["/impor/proses/\(id)/ditolak.csv"])
                try await client.execute(uri: "/impor/proses/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Selesai: impor no. \(batchID)"))
                    #expect(response.text.contains("/impor/proses/\(id)/ditolak.csv"))
                }
                try await client.execute(uri: "/impor/proses/\(id)/ditolak.csv", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text == rejects)
                }
                // Another kabupaten's operator sees neither the report nor the rows it rejected.
                for uri in ["/api/v1/imports/\(id)", "/impor/proses/\(id)", "/impor/proses/\(id)/ditolak.csv"] {
                    try await client.execute(uri: uri, method: .get, headers: bearer(server.outsider)) { response in
                        #expect(response.status == .notFound, "\(uri)")
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func jobs_left_running_are_marked_terminputus_at_start(engine: Database.Engine) async throws {
        try await Self.withServer(engine) { server in
            let batch = LockedBox<Int?>(nil)
            try await Self.withApp(server) { client, _ in
                let id = try await Self.upload(client, name: "keluarga.csv", content: Self.families)
                let done = try await ImportWebTests.waitFor(id, client: client)
                batch.set((done["report"] as? [String: Any])?["batchID"] as? Int)
            }
            let batchID = try #require(batch.get())
            let households = try await Self.count(server.database, "SELECT COUNT(*) AS n FROM household")
            // What a process killed mid-import leaves: one job cut off before its batch was committed, one after.
            let userID = try await Self.count(server.database, "SELECT id AS n FROM app_user WHERE username = 'admin-ntb'")
            try await server.database.transaction { db in
                try await db.raw("""
                    INSERT INTO import_job (id, user_id, username, region_scope, file_name, state)
                    VALUES ('job-mati', \(bind: userID), 'admin-ntb', '52', 'besar.csv', 'running')
                    """).run()
                try await db.raw("""
                    INSERT INTO import_job (id, user_id, username, region_scope, file_name, state, batch_id)
                    VALUES ('job-tertulis', \(bind: userID), 'admin-ntb', '52', 'keluarga.csv', 'running', \(bind: batchID))
                    """).run()
            }
            try await Self.withApp(server) { client, _ in
                let lost = try await client.execute(uri: "/api/v1/imports/job-mati", method: .get) { try $0.json() }
                #expect(lost["state"] as? String == "terminputus")
                #expect((lost["errorIndonesian"] as? String)?.contains("tidak ada satu baris pun dari berkas ini yang ditulis") == true, "\(lost)")
                let written = try await client.execute(uri: "/api/v1/imports/job-tertulis", method: .get) { try $0.json() }
                #expect(written["state"] as? String == "terminputus")
                #expect((written["errorIndonesian"] as? String)?.contains("impor no. \(batchID) selesai ditulis seluruhnya") == true, "\(written)")
                try await client.execute(uri: "/impor/proses/job-mati", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Impor terputus") && response.text.contains("besar.csv: impor terputus karena server berhenti"))
                    #expect(response.headers[HTTPField.Name("Refresh")!] == nil)
                }
            }
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM import_job WHERE state = 'running'") == 0)
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM household") == households)
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM import_batch") == 1)
        }
    }

    /// Graceful shutdown (SIGTERM): a running import is cancelled, nothing of it is committed, and its job says so;
    /// an upload that arrives while the server stops is not imported.
    @Test(arguments: TestDatabase.engines)
    func a_graceful_stop_rolls_a_running_import_back_and_marks_it(engine: Database.Engine) async throws {
        var big = "no_kk;kode_desa;alamat;desil\n"
        for index in 0..<150_000 { big += "52030111\(String(format: "%08d", index));5203012001;Dusun \(index);\(index % 10 + 1)\n" }
        let file = big
        try await Self.withServer(engine) { server in
            try await Self.withApp(server) { client, services in
                let id = try await Self.upload(client, name: "besar.csv", content: file)
                var running = false
                for _ in 0..<2000 {
                    let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json() }
                    if json["state"] as? String != "running" { break }
                    if (json["rows"] as? Int ?? 0) > 0 { running = true; break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                try #require(running, "the import ended before it could be stopped")
                await services.stopImports()
                let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json() }
                #expect(json["state"] as? String == "terminputus", "\(json)")
                #expect((json["errorIndonesian"] as? String)?.contains("tidak ada satu baris pun") == true)
                let late = try await Self.upload(client, name: "keluarga.csv", content: Self.families)
                let lateJSON = try await client.execute(uri: "/api/v1/imports/\(late)", method: .get) { try $0.json() }
                #expect(lateJSON["state"] as? String == "terminputus")
            }
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM household") == 0)
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM import_batch") == 0)
            #expect(try await Self.count(server.database, "SELECT COUNT(*) AS n FROM import_job WHERE state = 'terminputus'") == 2)
        }
    }
}

/// A value shared between a test's closures.
final class LockedBox<T: Sendable>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func set(_ new: T) { lock.withLock { value = new } }
    func get() -> T { lock.withLock { value } }
}
