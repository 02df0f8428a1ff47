import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Changing and closing organisations, and changing programmes through the API, on the data of
/// `ProgrammeAPITests.setUp` (users scoped to Lombok Timur 52.03): "Kementerian Sosial" is a national body (the
/// province's to manage) running PKH in all of NTB; "Mitra Uji" (52.03) runs PANGAN-MITRA (52.03, pangan, keluarga,
/// from 2025-01-01, open-ended, no budget). The partner user belongs to "Mitra Uji".
@Suite struct OrganisationEditTests {
    static let json: HTTPFields = [.contentType: "application/json"]
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func body(_ object: [String: Any]) -> ByteBuffer { ProgrammeAPITests.body(object) }

    static func programme(_ code: String, _ services: AppServices) async throws -> Programme? {
        try await ProgrammeStore(database: services.database).programme(try #require(ProgrammeCode(code)))?.programme
    }

    static func error(_ response: TestResponse) throws -> String {
        (try response.json()["error"] as? [String: Any])?["pesan"] as? String ?? ""
    }

    @Test func a_programme_is_changed_through_the_api_with_the_pages_checks_and_only_by_whom_manages_it() async throws {
        try await withWebAppRoles(scope: "52.03") { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let uri = "/api/v1/programmes/pangan-mitra"
            try await op.execute(uri: uri, method: .post, headers: Self.json,
                                 body: Self.body(["name": "Paket Pangan Lotim", "end": "2025-12-31", "budget": "75.000.000"])) { response in
                #expect(response.status == .ok, "\(response.text)")
                let made = try response.json()
                #expect(made["name"] as? String == "Paket Pangan Lotim" && made["end"] as? String == "2025-12-31" && made["budget"] as? Int == 75_000_000)
            }
            // The fields not sent stayed as registered.
            let changed = try #require(try await Self.programme("PANGAN-MITRA", services))
            #expect(changed.name == "Paket Pangan Lotim" && changed.end == CalendarDate(year: 2025, month: 12, day: 31) && changed.budget == 75_000_000)
            #expect(changed.sectors == [.food] && changed.unit == .family && changed.start == CalendarDate(year: 2025, month: 1, day: 1))
            #expect(changed.targetRegions == [try RegionCode("52.03")])

            // Bad input: the Indonesian message names what is wrong; nothing changes.
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["end": "2024-12-31"])) { response in
                #expect(response.status == .badRequest)
                #expect(try Self.error(response) == "Tanggal selesai (2024-12-31) lebih awal daripada tanggal mulai (2025-01-01).")
            }
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["name": "  "])) { response in
                #expect(response.status == .badRequest && (try Self.error(response)) == "Nama program wajib diisi.")
            }
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["budget": "seratus juta"])) { response in
                #expect(response.status == .badRequest && (try Self.error(response)).contains("Anggaran 'seratus juta' bukan angka rupiah"))
            }
            try await op.execute(uri: "/api/v1/programmes/TIDAK-ADA", method: .post, headers: Self.json, body: Self.body(["name": "X"])) {
                #expect($0.status == .notFound && (try Self.error($0)) == "Program TIDAK-ADA tidak ditemukan.")
            }
            #expect(try await Self.programme("PANGAN-MITRA", services) == changed, "refused changes wrote nothing")

            // Attacks: widening to the province, a province-wide programme, partner and viewer.
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["targetRegions": ["52"]])) { #expect($0.status == .forbidden) }
            try await op.execute(uri: "/api/v1/programmes/PKH", method: .post, headers: Self.json, body: Self.body(["name": "Diubah"])) {
                #expect($0.status == .forbidden)
            }
            for role in [Role.partner, .viewer] {
                try await client.execute(uri: uri, method: .post, headers: Self.json.merging(bearer(tokens[role])), body: Self.body(["name": "Diubah"])) {
                    #expect($0.status == .forbidden, "\(role)")
                }
            }
            #expect(try await Self.programme("PANGAN-MITRA", services) == changed)
            #expect(try await Self.programme("PKH", services)?.name == "Program Keluarga Harapan")
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(denied.filter { $0 == "r-operator POST /api/v1/programmes/pangan-mitra" }.count == 1)
            #expect(denied.contains("r-operator POST /api/v1/programmes/PKH"))
            #expect(denied.contains("r-partner POST /api/v1/programmes/pangan-mitra") && denied.contains("r-viewer POST /api/v1/programmes/pangan-mitra"))
            let changes = try await services.audit.search(.init(action: "programme.changed", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(changes == ["r-operator PANGAN-MITRA"])
        }
    }

    @Test func an_organisation_is_renamed_and_closed_through_the_api_keeps_its_programmes_and_gets_no_new_one() async throws {
        try await withWebAppRoles(scope: "52.03") { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let store = ProgrammeStore(database: services.database)
            // Bad input first: an empty name, an unknown kind, an unknown organisation.
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json, body: Self.body(["name": ""])) {
                #expect($0.status == .badRequest && (try Self.error($0)) == "Nama organisasi wajib diisi.")
            }
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json, body: Self.body(["kind": "bank"])) {
                #expect($0.status == .badRequest && (try Self.error($0)).hasPrefix("Jenis organisasi 'bank' tidak dikenal"))
            }
            try await op.execute(uri: "/api/v1/organisations/Tidak%20Ada", method: .post, headers: Self.json, body: Self.body(["name": "X"])) {
                #expect($0.status == .notFound && (try Self.error($0)) == "Organisasi 'Tidak Ada' tidak ditemukan.")
            }
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json,
                                 body: Self.body(["name": "Mitra Uji Sejahtera", "kind": "csr"])) { response in
                #expect(response.status == .ok, "\(response.text)")
                let made = try response.json()
                #expect(made["name"] as? String == "Mitra Uji Sejahtera" && made["kind"] as? String == "csr" && made["region"] as? String == "52.03")
            }
            #expect(try await store.organisation(named: "Mitra Uji") == nil)
            let mitra = try #require(try await store.organisation(named: "mitra uji sejahtera"))
            #expect(mitra.kind == .csr)
            // The programme follows by id; the partner's users follow the name and still list their own people.
            #expect(try await store.programme(try #require(ProgrammeCode("PANGAN-MITRA")))?.organisation.name == "Mitra Uji Sejahtera")
            try await client.execute(uri: "/api/v1/programmes/PANGAN-MITRA/enrolments", method: .get, headers: bearer(tokens[.partner])) {
                #expect($0.status == .ok)
            }

            // Attacks: the national body is the province's; partners and viewers manage no organisation.
            let kemensos = try #require(try await store.organisation(named: "Kementerian Sosial"))
            try await op.execute(uri: "/api/v1/organisations/\(kemensos.id ?? 0)", method: .post, headers: Self.json, body: Self.body(["name": "Diubah"])) {
                #expect($0.status == .forbidden)
            }
            try await op.execute(uri: "/api/v1/organisations/\(kemensos.id ?? 0)/close", method: .post) { #expect($0.status == .forbidden) }
            for role in [Role.partner, .viewer] {
                try await client.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post, headers: bearer(tokens[role])) {
                    #expect($0.status == .forbidden, "\(role)")
                }
            }
            #expect(try await store.organisation(named: "Kementerian Sosial") == kemensos)
            #expect(try await store.organisation(id: mitra.id ?? 0)?.closedOn == nil)

            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post, headers: Self.json, body: Self.body(["date": "31-12-2025"])) {
                #expect($0.status == .badRequest && (try Self.error($0)).hasPrefix("'31-12-2025' bukan tanggal"))
            }
            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post, headers: Self.json, body: Self.body(["date": "2025-12-31"])) {
                #expect($0.status == .ok && (try $0.json())["closedOn"] as? String == "2025-12-31")
            }
            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post) {
                #expect($0.status == .badRequest && (try Self.error($0)) == "Organisasi 'Mitra Uji Sejahtera' sudah ditutup.")
            }
            // No new programme for it; its programme stays, is listed and can still be changed.
            let fresh: [String: Any] = ["code": "MITRA-BARU", "name": "Program Baru", "organisation": "Mitra Uji Sejahtera", "sectors": ["pangan"],
                                        "start": "2026-01-01", "targetRegions": ["52.03"]]
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(fresh)) {
                #expect($0.status == .badRequest && (try Self.error($0)) == "Organisasi 'Mitra Uji Sejahtera' sudah ditutup: tidak dapat menerima program baru.")
            }
            #expect(try await Self.programme("MITRA-BARU", services) == nil)
            // Nor is a programme of another organisation moved to it.
            try await ProgrammeStore(database: services.database).addOrganisation(Organisation(name: "LSM Lain", kind: .ngo, region: try RegionCode("52.03")),
                                                                                  by: AuditActor(name: "setup", address: nil))
            var other = fresh
            other["organisation"] = "LSM Lain"
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(other)) { #expect($0.status == .created) }
            try await op.execute(uri: "/api/v1/programmes/MITRA-BARU", method: .post, headers: Self.json, body: Self.body(["organisation": "Mitra Uji Sejahtera"])) {
                #expect($0.status == .badRequest && (try Self.error($0)).contains("sudah ditutup"))
            }
            try await op.execute(uri: "/api/v1/programmes/PANGAN-MITRA", method: .post, headers: Self.json, body: Self.body(["name": "Paket Pangan Akhir"])) {
                #expect($0.status == .ok, "\($0.text)")
            }
            let listed = try await op.execute(uri: "/api/v1/organisations", method: .get) { try $0.json()["organisations"] as? [[String: Any]] ?? [] }
            #expect(listed.first { $0["name"] as? String == "Mitra Uji Sejahtera" }?["closedOn"] as? String == "2025-12-31")
            let events = try await services.audit.search(.init(actor: "r-operator", limit: 100)).map { "\($0.action.rawValue) \($0.target ?? "") \($0.outcome)" }
            #expect(events.contains("organisation.changed Mitra Uji Sejahtera ok") && events.contains("organisation.closed Mitra Uji Sejahtera ok"))
            #expect(events.contains("access.denied POST /api/v1/organisations/\(kemensos.id ?? 0) denied"))
            let others = try await services.audit.search(.init(action: "access.denied", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(others.contains("r-partner POST /api/v1/organisations/\(mitra.id ?? 0)/close") && others.contains("r-viewer POST /api/v1/organisations/\(mitra.id ?? 0)/close"))
        }
    }

    @Test func the_organisation_page_changes_and_closes_in_indonesian_for_whom_manages_it() async throws {
        try await withWebAppRoles(scope: "52.03") { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let store = ProgrammeStore(database: services.database)
            let mitra = try #require(try await store.organisation(named: "Mitra Uji")?.id)
            let kemensos = try #require(try await store.organisation(named: "Kementerian Sosial")?.id)
            try await op.execute(uri: "/program", method: .get) { response in
                #expect(response.text.contains("<a href=\"/organisasi/\(mitra)/ubah\">Ubah/tutup</a>"))
                #expect(!response.text.contains("/organisasi/\(kemensos)/ubah"), "the national body is not the kabupaten's")
            }
            try await client.execute(uri: "/program", method: .get, headers: bearer(tokens[.viewer])) { #expect(!$0.text.contains("/ubah\">Ubah/tutup")) }
            try await op.execute(uri: "/organisasi/\(mitra)/ubah", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("value=\"Mitra Uji\"") && response.text.contains("Tutup organisasi"))
                #expect(response.text.contains("<option value=\"lsm\" selected>"))
            }
            try await op.execute(uri: "/organisasi/\(kemensos)/ubah", method: .get) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/organisasi/\(mitra)/ubah", method: .get, headers: bearer(tokens[.partner])) { #expect($0.status == .forbidden) }
            try await op.execute(uri: "/organisasi/999999/ubah", method: .get) { #expect($0.status == .notFound) }
            try await op.execute(uri: "/organisasi/\(mitra)", method: .post, headers: Self.form, body: ByteBuffer(string: "nama=+&jenis=lsm")) { response in
                #expect(response.status == .badRequest && response.text.contains("Nama organisasi wajib diisi."))
            }
            try await op.execute(uri: "/organisasi/\(mitra)", method: .post, headers: Self.form, body: ByteBuffer(string: "nama=Mitra+Uji+Baru&jenis=baznas")) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/program?pesan=") == true)
            }
            #expect(try await store.organisation(id: mitra)?.name == "Mitra Uji Baru" && (try await store.organisation(id: mitra)?.kind) == .baznas)
            try await op.execute(uri: "/organisasi/\(mitra)/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=kemarin")) { response in
                #expect(response.status == .badRequest && response.text.contains("&#39;kemarin&#39; bukan tanggal") || response.text.contains("'kemarin' bukan tanggal"))
            }
            try await op.execute(uri: "/organisasi/\(mitra)/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=2025-06-30")) {
                #expect($0.status == .seeOther)
            }
            try await op.execute(uri: "/program", method: .get) { #expect($0.text.contains("Mitra Uji Baru <span class=\"note\">(ditutup 30 Jun 2025)</span>")) }
            try await op.execute(uri: "/program/baru", method: .get) { #expect(!$0.text.contains("Mitra Uji Baru"), "a closed organisation is not offered") }
            try await op.execute(uri: "/program/PANGAN-MITRA/ubah", method: .get) { #expect($0.text.contains("<option value=\"Mitra Uji Baru\" selected>")) }
        }
    }
}
