import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The admin's pages (users, audit) and what operators may import.
extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}

@Suite struct AdminPagesWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func an_admin_adds_and_disables_users_on_the_users_page_and_reads_the_audit_log() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await admin.execute(uri: "/pengguna", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("<td class=\"code\">r-viewer</td>"))
            }
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=siti&name=Siti+Aminah&role=operator&scope=52.01&password=kopi-manis-2026")) { response in
                #expect(response.status == .seeOther)
            }
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=siti&name=Lagi&role=viewer&scope=52&password=kopi-manis-2026")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("sudah dipakai."))
            }
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=lsm&name=LSM&role=partner&scope=52&password=kopi-manis-2026")) { response in
                #expect(response.status == .badRequest && response.text.contains("Mitra harus punya nama organisasi."))
            }
            try await admin.execute(uri: "/pengguna/siti/status", method: .post, headers: Self.form, body: ByteBuffer(string: "aktif=0")) {
                #expect($0.status == .seeOther)
            }
            #expect(try await UserStore(database: services.database).user(named: "siti")?.disabled == true)
            try await admin.execute(uri: "/audit?tindakan=user.disabled", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<td>r-admin</td><td>Pengguna dinonaktifkan</td>") && response.text.contains("Rantai hash utuh"))
                #expect(!response.text.contains("<td>Pengguna ditambahkan</td>"), "filtered by action")
            }
        }
    }

    /// Issue 15: the audit log in words and in the region's clock (WITA for NTB), on both engines.
    @Test(arguments: TestDatabase.engines)
    func the_audit_page_shows_actions_in_words_and_times_in_wita(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=wati&name=Wati&role=viewer&scope=52.01&password=kopi-manis-2026")) {
                #expect($0.status == .seeOther)
            }
            let event = try #require(try await AuditLog(database: services.database).search(.init(action: "user.added")).first)
            // The stored instant is UTC; NTB reads it 8 hours later. Converted here with Foundation's own calendar.
            // Stored without a zone designator, in UTC.
            let stored = try #require(ISO8601DateFormatter.withFractions.date(from: event.at.hasSuffix("Z") ? event.at : event.at + "Z"))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(secondsFromGMT: 8 * 3600))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: stored)
            let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
            let expected = String(format: "%d %@ %d %02d.%02d WITA", parts.day ?? 0, months[(parts.month ?? 1) - 1], parts.year ?? 0, parts.hour ?? 0, parts.minute ?? 0)
            try await admin.execute(uri: "/audit?tindakan=user.added", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<td>\(expected)</td><td>r-admin</td><td>Pengguna ditambahkan</td>"), "\(expected)")
                #expect(!response.text.contains("<td>user.added</td>") && !response.text.contains("(UTC)"))
                #expect(response.text.contains("<option value=\"login.succeeded\">Masuk berhasil</option>"))
            }
        }
    }

    @Test func an_operator_imports_only_rows_of_their_own_region_and_views_of_the_report_are_audited() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, services, _ in
            let operatorClient = SignedInClient(base: client, token: try #require(tokens[.operator]))
            // Both families live in Lombok Timur (52.03), outside the operator's Lombok Barat.
            let id = try await operatorClient.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                      body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families,
                                                                                     fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let status = try await ImportWebTests.waitFor(id, client: operatorClient)
            let report = try #require(status["report"] as? [String: Any])
            #expect(report["inserted"] as? Int == 0 && report["rejected"] as? Int == 2)
            let problems = try #require(report["problems"] as? [[String: Any]])
            #expect(problems.contains { $0["code"] as? String == "out_of_scope" })
            // Another operator may not see the job; an admin may.
            let actor = AuditActor(name: "test", address: nil)
            _ = try await UserStore(database: services.database).add(username: "other-operator", displayName: "Lain", role: .operator, scope: "52.01",
                                                                     organisation: nil, password: "kata-sandi-uji-2026", by: actor)
            let other = try await SessionStore(database: services.database).issueToken(for: "other-operator", name: "t", days: 1, by: actor).token
            try await client.execute(uri: "/api/v1/imports/\(id)", method: .get, headers: bearer(other)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/impor/proses/\(id)/ditolak.csv", method: .get, headers: bearer(other)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/imports/\(id)", method: .get, headers: bearer(tokens[.admin])) { #expect($0.status == .ok) }
            let viewed = try await services.audit.search(.init(action: "personal_data.viewed"))
            #expect(viewed.contains { $0.actor == "r-operator" && $0.target == "import report keluarga.csv" })
            #expect(try await services.audit.search(.init(action: "import.started")).first?.region == "52.01")
        }
    }
}
