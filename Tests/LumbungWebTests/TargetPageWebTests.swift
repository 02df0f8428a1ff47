import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Baselines and targets entered on `/pemantauan/target`: saved, derived, edited, deleted, refused with the field
/// marked, audited — and refused to whom may not set them or not for that region.
@Suite struct TargetPageWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    static let keruak = "52.03.01"

    static func body(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    static func stored(_ services: AppServices, _ region: String = keruak) async throws -> TargetPlan {
        try await TargetStore(database: services.database).plan(indicator: "desil1_families", region: try RegionCode(region))
    }

    @Test(arguments: TestDatabase.engines)
    func an_analyst_sets_derives_edits_and_deletes_a_plan(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            let uri = "/pemantauan/target?wilayah=\(Self.keruak)&indikator=desil1_families"
            // Baseline 30 % in 2024, "turun 10 % per tahun" through 2027: 30 × 0,9 = 27 (2025), 27 × 0,9 = 24,3 (2026),
            // 24,3 × 0,9 = 21,87 (2027); 2026 typed as 25 wins over the derived 24,3.
            try await analyst.execute(uri: uri, method: .post, headers: Self.form, body: Self.body([
                ("baseline", "30"), ("tahun_baseline", "2024"), ("sumber", "DTSEN 2024"), ("tahun_1", "2026"), ("nilai_1", "25"),
                ("turun", "10"), ("sampai", "2027"),
            ])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/pemantauan?wilayah=52.03.01&indikator=desil1_families&pesan=disimpan")
            }
            var plan = try await Self.stored(services)
            #expect(plan.baseline == Baseline(value: 30, year: 2024, source: "DTSEN 2024"))
            #expect(plan.targets.keys.sorted() == [2025, 2026, 2027])
            #expect(abs((plan.targets[2025] ?? 0) - 27) < 1e-9 && plan.targets[2026] == 25 && abs((plan.targets[2027] ?? 0) - 21.87) < 1e-9)

            // The form shows the stored plan; Pemantauan links to it for the analyst and not for a viewer.
            try await analyst.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"name="baseline" value="30""#) && response.text.contains(#"name="nilai_3" value="21,87""#))
            }
            try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=desil1_families&pesan=disimpan", method: .get) { response in
                #expect(response.text.contains(#"href="/pemantauan/target?wilayah=52.03.01&amp;indikator=desil1_families""#))
                #expect(response.text.contains("Baseline dan target disimpan."))
            }
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/pemantauan?wilayah=52.03.01", method: .get) { #expect(!$0.text.contains("/pemantauan/target")) }

            // Edit: the 2025 row emptied removes that target; the 2027 target changed with a decimal comma.
            try await analyst.execute(uri: uri, method: .post, headers: Self.form, body: Self.body([
                ("baseline", "30"), ("tahun_baseline", "2024"), ("sumber", "DTSEN 2024"), ("tahun_1", ""), ("nilai_1", ""),
                ("tahun_2", "2026"), ("nilai_2", "25"), ("tahun_3", "2027"), ("nilai_3", "20,5"),
            ])) { #expect($0.status == .seeOther) }
            plan = try await Self.stored(services)
            #expect(plan.targets == [2026: 25, 2027: 20.5])

            try await analyst.execute(uri: "/pemantauan/target/hapus?wilayah=\(Self.keruak)&indikator=desil1_families", method: .post) {
                #expect($0.status == .seeOther)
            }
            plan = try await Self.stored(services)
            #expect(plan.baseline == nil && plan.targets.isEmpty)

            let events = try await services.audit.search(.init(actor: "r-analyst", limit: 100)).map(\.action.rawValue)
            #expect(events.filter { $0 == "target.saved" }.count == 2 && events.filter { $0 == "target.deleted" }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func bad_input_comes_back_as_the_form_with_the_field_marked_and_nothing_saved(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            let uri = "/pemantauan/target?wilayah=\(Self.keruak)&indikator=desil1_families"
            let cases: [(fields: [(String, String)], field: String, message: String)] = [
                ([("baseline", "dua belas"), ("tahun_baseline", "2024")], "baseline", "&#39;dua belas&#39; bukan angka"),
                ([("baseline", "30"), ("tahun_baseline", "2025"), ("tahun_1", "2024"), ("nilai_1", "20")], "tahun_baseline",
                 "Tahun baseline 2025 tidak boleh sesudah tahun target 2024"),
                ([("baseline", "30"), ("tahun_baseline", "2024"), ("tahun_1", "2025"), ("nilai_1", "-3")], "nilai_1", "tidak boleh negatif"),
                ([("tahun_1", "2025"), ("nilai_1", "20"), ("tahun_2", "2025"), ("nilai_2", "19")], "tahun_2", "sudah ada di baris 1"),
                ([("tahun_1", "1850"), ("nilai_1", "20")], "tahun_1", "di luar rentang 2000–2100"),
                ([("turun", "10"), ("sampai", "2027")], "baseline", "Target turunan butuh baseline"),
                ([("baseline", "30"), ("tahun_baseline", "2024"), ("turun", "150"), ("sampai", "2027")], "turun", "di luar rentang 0–100"),
                ([("baseline", "30")], "tahun_baseline", "butuh tahun baseline"),
                ([], "baseline", "Tidak ada yang disimpan"),
            ]
            for (fields, field, message) in cases {
                try await admin.execute(uri: uri, method: .post, headers: Self.form, body: Self.body(fields)) { response in
                    #expect(response.status == .badRequest, "\(fields)")
                    #expect(response.text.contains(message), "\(fields): \(message)")
                    #expect(response.text.contains(#"name="\#(field)""#) && response.text.range(of: #"name="\#(field)" value="[^"]*" [^>]*aria-invalid="true""#,
                                                                                                 options: .regularExpression) != nil, "\(field) marked")
                }
            }
            // The English page gives the message from the English catalogue.
            try await admin.execute(uri: uri + "&lang=en", method: .post, headers: Self.form, body: Self.body([("baseline", "x"), ("tahun_baseline", "2024")])) {
                #expect($0.text.contains("is not a number"))
            }
            let plan = try await Self.stored(services)
            #expect(plan.baseline == nil && plan.targets.isEmpty)
        }
    }
}

/// The target form attacked (part of the authorization matrix): the region is the address's, checked against the scope.
extension AuthorizationMatrixTests {
    @Test(arguments: TestDatabase.engines)
    func whoever_may_not_set_that_regions_targets_is_refused_and_nothing_is_written(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            // An analyst of Lombok Barat (52.01) aims at Keruak in Lombok Timur (52.03): by the address, and by putting the
            // region in the body of a form addressed to their own kabupaten.
            let lombokBarat = try await addUser(services, "analis-lobar", role: .analyst, scope: "52.01")
            let fields = TargetPageWebTests.body([("baseline", "30"), ("tahun_baseline", "2024"), ("tahun_1", "2025"), ("nilai_1", "1"), ("wilayah", TargetPageWebTests.keruak)])
            for uri in ["/pemantauan/target?wilayah=\(TargetPageWebTests.keruak)", "/pemantauan/target/hapus?wilayah=\(TargetPageWebTests.keruak)", "/pemantauan/target?wilayah=52.03"] {
                try await client.execute(uri: uri, method: .post, headers: TargetPageWebTests.form.merging(bearer(lombokBarat)), body: fields) {
                    #expect($0.status == .forbidden, "\(uri)")
                }
                if !uri.contains("hapus") {
                    try await client.execute(uri: uri, method: .get, headers: bearer(lombokBarat)) { #expect($0.status == .forbidden, "\(uri)") }
                }
            }
            try await client.execute(uri: "/pemantauan/target", method: .post, headers: TargetPageWebTests.form.merging(bearer(lombokBarat)), body: fields) {
                #expect($0.status == .seeOther)  // saved for their own scope, 52.01 — not for the region in the body
            }
            #expect(try await TargetPageWebTests.stored(services, "52.01").targets == [2025: 1])
            // Viewers, partners and operators of the province may not set targets anywhere.
            for role in [Role.viewer, .partner, .operator] {
                let token = try #require(tokens[role])
                for uri in ["/pemantauan/target?wilayah=\(TargetPageWebTests.keruak)", "/pemantauan/target/hapus?wilayah=\(TargetPageWebTests.keruak)"] {
                    try await client.execute(uri: uri, method: .post, headers: TargetPageWebTests.form.merging(bearer(token)), body: fields) {
                        #expect($0.status == .forbidden, "\(role) \(uri)")
                    }
                }
            }
            let plan = try await TargetPageWebTests.stored(services)
            #expect(plan.baseline == nil && plan.targets.isEmpty)
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 100))
            #expect(denied.contains { $0.actor == "analis-lobar" && $0.target?.contains("/pemantauan/target") == true })
            #expect(denied.contains { $0.actor == "r-viewer" } && denied.contains { $0.actor == "r-partner" })
        }
    }
}
