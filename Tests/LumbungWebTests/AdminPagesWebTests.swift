import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungWeb
import Testing

/// The admin's pages (users, audit) and what operators may import.
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
                #expect(response.text.contains("<td>r-admin</td><td>user.disabled</td>") && response.text.contains("Rantai hash utuh"))
                #expect(!response.text.contains("<td>user.added</td>"), "filtered by action")
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
