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

    /// The error's Indonesian `pesan` (or another of its fields, such as the English `message`).
    static func error(_ response: TestResponse, _ field: String = "pesan") throws -> String {
        (try response.json()["error"] as? [String: Any])?[field] as? String ?? ""
    }

    @Test(arguments: TestDatabase.engines)
    func a_programme_is_changed_through_the_api_with_the_pages_checks_and_only_by_whom_manages_it(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
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
                let (pesan, message) = (try Self.error(response), try Self.error(response, "message"))
                #expect(pesan == "Tanggal selesai (2024-12-31) lebih awal daripada tanggal mulai (2025-01-01).")
                #expect(message == "the programme ends (2024-12-31) before it starts (2025-01-01).")
            }
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["sectors": ["bansos"]])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan.hasPrefix("Sektor 'bansos' tidak dikenal"), "\(response.text)")
            }
            // A region outside the operator's Lombok Timur: refused with the region named, in both languages.
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["targetRegions": ["52.03", "52.01"]])) { response in
                #expect(response.status == .forbidden)
                let (pesan, message) = (try Self.error(response), try Self.error(response, "message"))
                #expect(pesan == "Wilayah 52.01 berada di luar wilayah kerja Anda (52.03).")
                #expect(message == "Region 52.01 is outside your region scope (52.03).")
            }
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["name": "  "])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan == "Nama program wajib diisi.", "\(response.text)")
            }
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["budget": "seratus juta"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan.contains("Anggaran 'seratus juta' bukan angka rupiah"), "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/programmes/TIDAK-ADA", method: .post, headers: Self.json, body: Self.body(["name": "X"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .notFound && pesan == "Program TIDAK-ADA tidak ditemukan.", "\(response.text)")
            }
            #expect(try await Self.programme("PANGAN-MITRA", services) == changed, "refused changes wrote nothing")

            // Attacks: widening to the province, a province-wide programme, partner and viewer.
            try await op.execute(uri: uri, method: .post, headers: Self.json, body: Self.body(["targetRegions": ["52"]])) { #expect($0.status == .forbidden) }
            try await op.execute(uri: "/api/v1/programmes/PKH", method: .post, headers: Self.json, body: Self.body(["name": "Diubah"])) {
                #expect($0.status == .forbidden)
            }
            for role in [Role.partner, .viewer, .analyst] {
                try await client.execute(uri: uri, method: .post, headers: Self.json + bearer(tokens[role]), body: Self.body(["name": "Diubah"])) {
                    #expect($0.status == .forbidden, "\(role)")
                }
            }
            #expect(try await Self.programme("PANGAN-MITRA", services) == changed)
            #expect(try await Self.programme("PKH", services)?.name == "Program Keluarga Harapan")
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(denied.filter { $0 == "r-operator POST /api/v1/programmes/pangan-mitra" }.count == 2, "the province and Lombok Barat: \(denied)")
            #expect(denied.contains("r-operator POST /api/v1/programmes/PKH"))
            #expect(["r-partner", "r-viewer", "r-analyst"].allSatisfy { denied.contains("\($0) POST /api/v1/programmes/pangan-mitra") })
            let changes = try await services.audit.search(.init(action: "programme.changed", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(changes == ["r-operator PANGAN-MITRA"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func an_organisation_is_renamed_and_closed_through_the_api_keeps_its_programmes_and_gets_no_new_one(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let store = ProgrammeStore(database: services.database)
            // Bad input first: an empty name, an unknown kind, an unknown organisation.
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json, body: Self.body(["name": ""])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan == "Nama organisasi wajib diisi.", "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json, body: Self.body(["kind": "bank"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan.hasPrefix("Jenis organisasi 'bank' tidak dikenal"), "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/organisations/Tidak%20Ada", method: .post, headers: Self.json, body: Self.body(["name": "X"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .notFound && pesan == "Organisasi 'Tidak Ada' tidak ditemukan.", "\(response.text)")
            }
            // The same kind again: answered, but nothing written or logged.
            try await op.execute(uri: "/api/v1/organisations/Mitra%20Uji", method: .post, headers: Self.json, body: Self.body(["kind": "lsm"])) {
                #expect($0.status == .ok, "\($0.text)")
            }
            #expect(try await services.audit.search(.init(action: "organisation.changed")).isEmpty)
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

            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post, headers: Self.json, body: Self.body(["date": "31-12-2025"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan.hasPrefix("'31-12-2025' bukan tanggal"), "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post, headers: Self.json, body: Self.body(["date": "2025-12-31"])) { response in
                let json = try response.json()
                #expect(response.status == .ok && json["closedOn"] as? String == "2025-12-31", "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/organisations/\(mitra.id ?? 0)/close", method: .post) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan == "Organisasi 'Mitra Uji Sejahtera' sudah ditutup.", "\(response.text)")
            }
            // No new programme for it; its programme stays, is listed and can still be changed.
            let fresh: [String: Any] = ["code": "MITRA-BARU", "name": "Program Baru", "organisation": "Mitra Uji Sejahtera", "sectors": ["pangan"],
                                        "start": "2026-01-01", "targetRegions": ["52.03"]]
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(fresh)) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan == "Organisasi 'Mitra Uji Sejahtera' sudah ditutup: tidak dapat menerima program baru.", "\(response.text)")
            }
            #expect(try await Self.programme("MITRA-BARU", services) == nil)
            // Nor is a programme of another organisation moved to it.
            _ = try await ProgrammeStore(database: services.database).addOrganisation(Organisation(name: "LSM Lain", kind: .ngo, region: try RegionCode("52.03")),
                                                                                  by: AuditActor(name: "setup", address: nil))
            var other = fresh
            other["organisation"] = "LSM Lain"
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(other)) { #expect($0.status == .created) }
            try await op.execute(uri: "/api/v1/programmes/MITRA-BARU", method: .post, headers: Self.json, body: Self.body(["organisation": "Mitra Uji Sejahtera"])) { response in
                let pesan = try Self.error(response)
                #expect(response.status == .badRequest && pesan.contains("sudah ditutup"), "\(response.text)")
            }
            try await op.execute(uri: "/api/v1/programmes/PANGAN-MITRA", method: .post, headers: Self.json, body: Self.body(["name": "Paket Pangan Akhir"])) {
                #expect($0.status == .ok, "\($0.text)")
            }
            let listed = try await op.execute(uri: "/api/v1/organisations", method: .get) { try $0.json()["organisations"] as? [[String: Any]] ?? [] }
            #expect(listed.first { $0["name"] as? String == "Mitra Uji Sejahtera" }?["closedOn"] as? String == "2025-12-31")
            let events = try await services.audit.search(.init(actor: "r-operator", limit: 100)).map { "\($0.action.rawValue) \($0.target ?? "") \($0.outcome)" }
            #expect(events.contains("organisation.changed Mitra Uji → Mitra Uji Sejahtera ok") && events.contains("organisation.closed Mitra Uji Sejahtera ok"))
            #expect(events.contains("access.denied POST /api/v1/organisations/\(kemensos.id ?? 0) denied"))
            #expect(events.filter { $0.hasPrefix("organisation.changed") } == ["organisation.changed Mitra Uji → Mitra Uji Sejahtera ok"])
            let others = try await services.audit.search(.init(action: "access.denied", limit: 100)).map { "\($0.actor) \($0.target ?? "")" }
            #expect(others.contains("r-partner POST /api/v1/organisations/\(mitra.id ?? 0)/close") && others.contains("r-viewer POST /api/v1/organisations/\(mitra.id ?? 0)/close"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_organisation_page_changes_and_closes_in_indonesian_for_whom_manages_it(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
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
            let renamed = try await store.organisation(id: mitra)
            #expect(renamed?.name == "Mitra Uji Baru" && renamed?.kind == .baznas)
            try await op.execute(uri: "/organisasi/\(mitra)/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=kemarin")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("&#39;kemarin&#39; bukan tanggal") || response.text.contains("'kemarin' bukan tanggal"), "\(response.text)")
            }
            try await op.execute(uri: "/organisasi/\(mitra)/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=2025-06-30")) {
                #expect($0.status == .seeOther)
            }
            // Closing twice: refused in Indonesian, the first date stays.
            try await op.execute(uri: "/organisasi/\(mitra)/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=2025-07-31")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Organisasi &#39;Mitra Uji Baru&#39; sudah ditutup.") || response.text.contains("Organisasi 'Mitra Uji Baru' sudah ditutup."),
                        "\(response.text)")
            }
            #expect(try await store.organisation(id: mitra)?.closedOn == CalendarDate(year: 2025, month: 6, day: 30))
            try await op.execute(uri: "/organisasi/\(mitra)/ubah", method: .get) { response in
                #expect(response.text.contains("Organisasi ini sudah ditutup (ditutup 30 Juni 2025)") && !response.text.contains("Tutup organisasi</button>"))
            }
            let events = try await services.audit.search(.init(actor: "r-operator", limit: 100)).map { "\($0.action.rawValue) \($0.target ?? "")" }
            #expect(events.filter { $0.hasPrefix("organisation.") } == ["organisation.closed Mitra Uji Baru", "organisation.changed Mitra Uji → Mitra Uji Baru"])
            try await op.execute(uri: "/program", method: .get) { #expect($0.text.contains("Mitra Uji Baru <span class=\"note\">(ditutup 30 Juni 2025)</span>")) }
            try await op.execute(uri: "/program/baru", method: .get) { #expect(!$0.text.contains("Mitra Uji Baru"), "a closed organisation is not offered") }
            try await op.execute(uri: "/program/PANGAN-MITRA/ubah", method: .get) { #expect($0.text.contains("<option value=\"Mitra Uji Baru\" selected>")) }
        }
    }
    /// Attack, on both engines: everyone the rule refuses tries every way to change or close "Mitra Uji" (52.03) and
    /// its programme — the admin and the operator of Lombok Barat (52.01), and the analyst, partner and viewer of Lombok
    /// Timur itself — through the API and the page. Each is refused with a message naming why, in Indonesian on the page
    /// and in `pesan`, in English in `message`; nothing changes; each refusal is in the audit log. The programme of
    /// another kabupaten is not even confirmed to exist (404), as on its other routes.
    @Test(arguments: TestDatabase.engines)
    func whom_the_rule_refuses_changes_and_closes_nothing_by_any_route(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let store = ProgrammeStore(database: services.database)
            let id = try #require(try await store.organisation(named: "Mitra Uji")?.id)
            let organisationsBefore = try await store.organisations()
            let programmesBefore = [try await Self.programme("PANGAN-MITRA", services), try await Self.programme("PKH", services)]
            let outsiders: [(name: String, token: String, pesan: String, message: String)] = [
                ("admin-lobar", try await addUser(services, "admin-lobar", role: .admin, scope: "52.01"),
                 "Wilayah 52.03 berada di luar wilayah kerja Anda (52.01).", "Region 52.03 is outside your region scope (52.01)."),
                ("op-lobar", try await addUser(services, "op-lobar", role: .operator, scope: "52.01"),
                 "Wilayah 52.03 berada di luar wilayah kerja Anda (52.01).", "Region 52.03 is outside your region scope (52.01)."),
                ("r-analyst", try #require(tokens[.analyst]), "Peran Anda (\(Role.analyst.label)) tidak diizinkan mengelola program.",
                 "The role analyst may not manage programmes."),
                ("r-partner", try #require(tokens[.partner]), "Peran Anda (\(Role.partner.label)) tidak diizinkan mengelola program.",
                 "The role partner may not manage programmes."),
                ("r-viewer", try #require(tokens[.viewer]), "Peran Anda (\(Role.viewer.label)) tidak diizinkan mengelola program.",
                 "The role viewer may not manage programmes."),
            ]
            let api: [(uri: String, body: String)] = [
                ("/api/v1/organisations/\(id)", #"{"name": "Diambil alih", "kind": "csr"}"#),
                ("/api/v1/organisations/Mitra%20Uji", #"{"name": "Diambil alih"}"#),
                ("/api/v1/organisations/\(id)/close", #"{"date": "2025-12-31"}"#),
            ]
            let pages: [(uri: String, method: HTTPRequest.Method, body: String)] = [
                ("/organisasi/\(id)/ubah", .get, ""), ("/organisasi/\(id)", .post, "nama=Diambil+alih&jenis=csr"),
                ("/organisasi/\(id)/tutup", .post, "tanggal=2025-12-31"),
            ]
            for outsider in outsiders {
                let who = SignedInClient(base: client, token: outsider.token)
                for attempt in api {
                    try await who.execute(uri: attempt.uri, method: .post, headers: Self.json, body: ByteBuffer(string: attempt.body)) { response in
                        #expect(response.status == .forbidden, "\(outsider.name) \(attempt.uri): \(response.status)")
                        let (pesan, message) = (try Self.error(response), try Self.error(response, "message"))
                        #expect(pesan == outsider.pesan, "\(outsider.name) \(attempt.uri)")
                        #expect(message == outsider.message, "\(outsider.name) \(attempt.uri)")
                    }
                }
                for attempt in pages {
                    try await who.execute(uri: attempt.uri, method: attempt.method, headers: Self.form, body: ByteBuffer(string: attempt.body)) { response in
                        #expect(response.status == .forbidden, "\(outsider.name) \(attempt.uri): \(response.status)")
                        #expect(response.text.contains(outsider.pesan), "\(outsider.name) \(attempt.uri)")
                        #expect(!response.text.contains("Diambil alih"))
                    }
                }
                // The programmes: Lombok Timur's is invisible from Lombok Barat (404) and refused to the other roles; the
                // province's PKH is seen from Lombok Barat but is not theirs to change.
                let outside = outsider.name.hasSuffix("lobar")
                try await who.execute(uri: "/api/v1/programmes/PANGAN-MITRA", method: .post, headers: Self.json,
                                      body: ByteBuffer(string: #"{"name": "Diambil alih", "targetRegions": ["52.01"]}"#)) { response in
                    #expect(response.status == (outside ? .notFound : .forbidden), "\(outsider.name): \(response.status)")
                    let pesan = try Self.error(response)
                    #expect(pesan == (outside ? "Program PANGAN-MITRA tidak ditemukan." : outsider.pesan), "\(outsider.name)")
                }
                try await who.execute(uri: "/api/v1/programmes/PKH", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"name": "Diambil alih"}"#)) { response in
                    let pesan = try Self.error(response)
                    #expect(response.status == .forbidden, "\(outsider.name): \(response.status)")
                    #expect(pesan == (outside ? "Wilayah 52 berada di luar wilayah kerja Anda (52.01)." : outsider.pesan), "\(outsider.name)")
                }
            }
            // Nothing changed.
            #expect(try await store.organisations() == organisationsBefore)
            #expect([try await Self.programme("PANGAN-MITRA", services), try await Self.programme("PKH", services)] == programmesBefore)
            let written = try await services.audit.search(.init(limit: 1_000)).filter {
                [.organisationChanged, .organisationClosed, .programmeChanged].contains($0.action)
            }
            #expect(written.isEmpty, "\(written)")
            // Every refusal is in the audit log: 3 API and 3 page attempts on the organisation, PKH, and Lombok Timur's
            // programme for the roles that may see it.
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 1_000))
            for outsider in outsiders {
                let targets = denied.filter { $0.actor == outsider.name }.compactMap(\.target)
                let expected = api.map { "POST \($0.uri)" } + pages.map { "\($0.method) \($0.uri)" } + ["POST /api/v1/programmes/PKH"]
                    + (outsider.name.hasSuffix("lobar") ? [] : ["POST /api/v1/programmes/PANGAN-MITRA"])
                #expect(targets.sorted() == expected.sorted(), "\(outsider.name)")
            }
        }
    }
}
