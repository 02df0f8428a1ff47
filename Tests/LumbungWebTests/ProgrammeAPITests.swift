import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The programmes API against the five families of `ProgrammeFixtures` (Kecamatan 52.03.01), with users of every role
/// scoped to Lombok Timur (52.03). PKH (Kemensos, province-wide) reaches families 1, 3 and 4 and one person not in the
/// registry (listed in desa 52.03.01.2001); PANGAN-MITRA (the partner's organisation "Mitra Uji", 52.03) reaches family 1.
@Suite struct ProgrammeAPITests {
    static let json: HTTPFields = [.contentType: "application/json"]
    static let actor = AuditActor(name: "setup", address: nil)

    static func setUp(_ services: AppServices) async throws {
        try await ProgrammeFixtures.registry(services.database)
        let store = ProgrammeStore(database: services.database)
        let kemensos = try await store.addOrganisation(Organisation(name: "Kementerian Sosial", kind: .ministry), by: actor)
        let mitra = try await store.addOrganisation(Organisation(name: "Mitra Uji", kind: .ngo, region: try RegionCode("52.03")), by: actor)
        let start = CalendarDate(year: 2025, month: 1, day: 1)!
        _ = try await store.add(Programme(code: ProgrammeCode("PKH")!, name: "Program Keluarga Harapan", organisationID: kemensos.id, sectors: [.cash],
                                          unit: .family, start: start, targetRegions: [try RegionCode("52")]), by: actor)
        _ = try await store.add(Programme(code: ProgrammeCode("PANGAN-MITRA")!, name: "Paket Pangan", organisationID: mitra.id, sectors: [.food],
                                          unit: .family, start: start, targetRegions: [try RegionCode("52.03")]), by: actor)
        for (code, entries) in [("PKH", [BeneficiaryEntry(row: 2, nik: "5203014101800001"), BeneficiaryEntry(row: 3, kkNumber: "5203010101200003"),
                                         BeneficiaryEntry(row: 4, kkNumber: "5203010101200004"), BeneficiaryEntry(row: 5, nik: "5203011212900007", name: "Orang Lain", village: try RegionCode("52.03.01.2001"))]),
                                ("PANGAN-MITRA", [BeneficiaryEntry(row: 2, kkNumber: "5203010101200001")])] {
            let info = EnrolmentListInfo(batch: ImportBatchInfo(layout: "penerima-program", fileName: "\(code).csv", sha256: code, dryRun: false,
                                                                asOf: CalendarDate(year: 2025, month: 6, day: 30)!), programme: ProgrammeCode(code))
            _ = try await store.importEnrolments(info) { writer in
                try await writer.add(entries)
                return ([], BatchCounts(read: entries.count, warned: 0, rejected: 0))
            }
        }
    }

    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }

    @Test(arguments: TestDatabase.engines)
    func operators_create_and_close_within_their_scope_and_others_may_not(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            var programme: [String: Any] = ["code": "sembako-lotim", "name": "Sembako Pemda Lombok Timur", "organisation": "Mitra Uji", "sectors": ["pangan"],
                                            "unit": "keluarga", "start": "2025-01-01", "end": "2025-12-31", "targetRegions": ["52.03"], "budget": 150_000_000]
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(programme)) { response in
                #expect(response.status == .created, "\(response.text)")
                let made = try response.json()
                #expect(made["code"] as? String == "SEMBAKO-LOTIM" && made["budget"] as? Int == 150_000_000 && made["sectors"] as? [String] == ["pangan"])
            }
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(programme)) { response in
                #expect(response.status == .conflict && response.text.contains("taken"))
            }
            programme["code"] = "SEMBAKO-NTB"
            programme["targetRegions"] = ["52"]
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(programme)) { #expect($0.status == .forbidden) }
            programme["targetRegions"] = ["52.03"]
            programme["end"] = "2024-12-31"
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(programme)) { response in
                #expect(response.status == .badRequest && response.text.contains("ends (2024-12-31) before it starts (2025-01-01)"))
            }
            programme["end"] = "31/12/2025"
            programme["sectors"] = ["olahraga"]
            try await op.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json, body: Self.body(programme)) { response in
                #expect(response.status == .badRequest && response.text.contains("olahraga") && response.text.contains("31/12/2025"))
            }
            try await client.execute(uri: "/api/v1/programmes", method: .post, headers: Self.json.merging(bearer(tokens[.viewer])), body: Self.body(programme)) {
                #expect($0.status == .forbidden)
            }
            // Closing a province-wide programme is the province's; the kabupaten's own programme is the operator's.
            try await op.execute(uri: "/api/v1/programmes/PKH/close", method: .post) { #expect($0.status == .forbidden) }
            try await op.execute(uri: "/api/v1/programmes/SEMBAKO-LOTIM/close", method: .post, headers: Self.json, body: Self.body(["tanggal": "2025-06-30"])) {
                let closedOn = try $0.json()["closedOn"] as? String
                #expect($0.status == .ok && closedOn == "2025-06-30")
            }
            let events = try await services.audit.search(.init(actor: "r-operator", limit: 100)).map { "\($0.action.rawValue) \($0.target ?? "")" }
            #expect(events.contains("programme.added SEMBAKO-LOTIM") && events.contains("programme.closed SEMBAKO-LOTIM"))
            #expect(events.contains { $0.hasPrefix("access.denied POST /api/v1/programmes") })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func people_are_listed_to_personal_data_roles_and_to_the_partner_of_its_own_programme_only(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services)
            func get(_ role: Role, _ uri: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .get, headers: bearer(tokens[role])) { $0 }
            }
            let operatorList = try await get(.operator, "/api/v1/programmes/PKH/enrolments")
            #expect(operatorList.status == .ok)
            let people = try #require(try operatorList.json()["enrolments"] as? [[String: Any]])
            #expect(people.count == 4 && people.first?["nik"] as? String == "5203014101800001")
            let analyst = try #require(try (try await get(.analyst, "/api/v1/programmes/PKH/enrolments")).json()["enrolments"] as? [[String: Any]])
            #expect(analyst.first?["nik"] as? String == "5203************", "masked to the first 4 digits")
            let unmatched = try #require(try (try await get(.operator, "/api/v1/programmes/PKH/enrolments?cocok=unmatched")).json()["enrolments"] as? [[String: Any]])
            #expect(unmatched.map { $0["name"] as? String } == ["Orang Lain"])
            #expect(try await get(.viewer, "/api/v1/programmes/PKH/enrolments").status == .forbidden)
            #expect(try await get(.partner, "/api/v1/programmes/PKH/enrolments").status == .forbidden, "not the partner's programme")
            let own = try await get(.partner, "/api/v1/programmes/PANGAN-MITRA/enrolments")
            let ownPeople = try own.json()["enrolments"] as? [[String: Any]]
            #expect(own.status == .ok && ownPeople?.count == 1)
            #expect(try await get(.operator, "/api/v1/programmes/TIDAK-ADA/enrolments").status == .notFound)
            #expect(try await get(.operator, "/api/v1/programmes/%3Cscript%3E").status == .notFound)
            let viewed = try await services.audit.search(.init(action: "personal_data.viewed", limit: 100))
            #expect(viewed.contains { $0.actor == "r-operator" && $0.target == "enrolments of PKH" && $0.recordCount == 4 })
            #expect(viewed.contains { $0.actor == "r-partner" && $0.target == "enrolments of PANGAN-MITRA" && $0.recordCount == 1 })
            // Counts: exact for the operator, "<5" for the viewer.
            let exact = try (try await get(.operator, "/api/v1/programmes/PKH")).json()
            #expect(exact["familiesReached"] as? Int == 3 && exact["enrolments"] as? Int == 4)
            let withheld = try (try await get(.viewer, "/api/v1/programmes/PKH")).json()
            #expect(withheld["familiesReached"] as? String == "<5" && withheld["enrolments"] as? String == "<5")
            let listed = try #require(try (try await get(.viewer, "/api/v1/programmes")).json()["programmes"] as? [[String: Any]])
            #expect(listed.compactMap { $0["code"] as? String } == ["PANGAN-MITRA", "PKH"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func coverage_is_exact_for_operators_and_suppressed_for_viewers(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services)
            let uri = "/api/v1/coverage?within=52.03.01&level=desa"
            let exact = try await client.execute(uri: uri, method: .get, headers: bearer(tokens[.operator])) { try $0.json() }
            let regions = try #require(exact["regions"] as? [[String: Any]])
            let desa2001 = try #require(regions.first { $0["code"] as? String == "52.03.01.2001" })
            // Families 1 (PKH + PANGAN-MITRA) and 3 (PKH, desil 7: an inclusion error); family 2 (desil 1) reached by nothing.
            #expect(desa2001["familiesReached"] as? [String: Int] == ["PKH": 2, "PANGAN-MITRA": 1])
            #expect(desa2001["inclusionErrorFamilies"] as? Int == 1 && desa2001["eligibleUnreachedFamilies"] as? Int == 1)
            #expect(desa2001["duplicatedAidFamilies"] as? Int == 0 && desa2001["families"] as? Int == 3)
            // People: family 1 has two members, family 3 one. The pair PKH ∩ PANGAN-MITRA is family 1; family 3 is PKH's leakage.
            #expect(desa2001["peopleReached"] as? [String: Int] == ["PKH": 3, "PANGAN-MITRA": 2])
            #expect(desa2001["betterOffFamiliesReached"] as? [String: Int] == ["PKH": 1])
            let pairs = try #require(desa2001["programmePairs"] as? [[String: Any]])
            #expect(pairs.count == 1 && pairs.first?["programmes"] as? [String] == ["PANGAN-MITRA", "PKH"] && pairs.first?["families"] as? Int == 1)
            #expect(exact["inclusionThreshold"] as? Int == 6)
            let parent = try #require(exact["region"] as? [String: Any])
            #expect(parent["familiesReached"] as? [String: Int] == ["PKH": 3, "PANGAN-MITRA": 1] && parent["eligibleUnreachedFamilies"] as? Int == 2)
            // The 4W matrix of 52.03.01: Kementerian Sosial's cash (PKH: families 1, 3 and 4, with 2 + 1 + 1 people) and Mitra Uji's
            // food (PANGAN-MITRA: family 1, 2 people); neither states a budget.
            let matrix = try #require(exact["matrix"] as? [[String: Any]])
            #expect(matrix.map { "\($0["organisation"] ?? "")/\($0["organisationKind"] ?? "")/\($0["sector"] ?? "")/\($0["familiesReached"] ?? "")/\($0["peopleReached"] ?? "")" }
                    == ["Kementerian Sosial/kementerian/tunai/3/4", "Mitra Uji/lsm/pangan/1/2"], "\(matrix)")
            #expect(matrix.first?["programmes"] as? [String] == ["PKH"] && matrix.first?["targetRegions"] as? [String] == ["52"])
            // From desil 8 on, family 3 (desil 7) is no longer better off: no inclusion error, no leakage.
            let strict = try await client.execute(uri: uri + "&ambang=8", method: .get, headers: bearer(tokens[.operator])) { try $0.json() }
            let strict2001 = try #require((strict["regions"] as? [[String: Any]])?.first { $0["code"] as? String == "52.03.01.2001" })
            #expect(strict["inclusionThreshold"] as? Int == 8 && strict2001["inclusionErrorFamilies"] as? Int == 0)
            #expect(strict2001["betterOffFamiliesReached"] as? [String: Int] == [:])
            for bad in ["4", "11", "enam", "7.5", "1e308", "-1e308", "NaN", String(repeating: "9", count: 10_000)] {
                let refused = try await client.execute(uri: uri + "&ambang=\(bad)", method: .get, headers: bearer(tokens[.operator])) { $0 }
                #expect(refused.status == .badRequest, "\(bad)")
                let error = try refused.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_threshold" && (error?["pesan"] as? String)?.contains("Ambang desil '\(bad.prefix(20))'") == true, "\(refused.text.prefix(300))")
            }
            let hidden = try await client.execute(uri: uri, method: .get, headers: bearer(tokens[.viewer])) { try $0.json() }
            let viewerRegions = try #require(hidden["regions"] as? [[String: Any]])
            let viewed2001 = try #require(viewerRegions.first { $0["code"] as? String == "52.03.01.2001" })
            #expect(viewed2001["inclusionErrorFamilies"] as? String == "<5" && viewed2001["families"] == nil)
            let viewedMatrix = try #require(hidden["matrix"] as? [[String: Any]])
            #expect(viewedMatrix.count == 2 && viewedMatrix.allSatisfy { $0["familiesReached"] as? String == "<5" && $0["peopleReached"] as? String == "<5" })
            #expect(!hidden.description.contains(": 1,") && !hidden.description.contains(": 2,") && !hidden.description.contains(": 3,"))
            #expect(try await client.execute(uri: "/api/v1/coverage?within=52.01", method: .get, headers: bearer(tokens[.operator])) { $0.status } == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/coverage?within=52.03&level=provinsi", method: .get, headers: bearer(tokens[.operator])) { $0.status } == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_map_shows_desil1_coverage_and_the_ranking_weighs_it(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services)
            // Desa 2001: desil-1 families 1 (PKH, PANGAN-MITRA) and 2 (nothing): 1 of 2 reached, 50 %. Desa 2002 has no desil-1 family.
            let geo = try await client.execute(uri: "/wilayah/52.03.01/peta.geojson?indikator=desil1_coverage", method: .get,
                                               headers: bearer(tokens[.operator])) { try $0.json() }
            let features = try #require(geo["features"] as? [[String: Any]])
            let properties = features.compactMap { $0["properties"] as? [String: Any] }
            let desa2001 = try #require(properties.first { $0["kode"] as? String == "52.03.01.2001" })
            #expect(desa2001["indikator"] as? String == "desil1_coverage" && desa2001["persen"] as? Double == 50)
            #expect(desa2001["jumlah"] as? Int == 1 && desa2001["penyebut"] as? Int == 2)
            let desa2002 = try #require(properties.first { $0["kode"] as? String == "52.03.01.2002" })
            #expect(desa2002["persen"] is NSNull && desa2002["keterangan"] as? String == "tidak ada data")
            // For a viewer the counts 1 and 2 are under 5: withheld.
            let hidden = try await client.execute(uri: "/wilayah/52.03.01/peta.geojson?indikator=desil1_coverage", method: .get,
                                                  headers: bearer(tokens[.viewer])) { try $0.json() }
            let viewed = try #require((hidden["features"] as? [[String: Any]])?.compactMap { $0["properties"] as? [String: Any] }
                .first { $0["kode"] as? String == "52.03.01.2001" })
            #expect(viewed["persen"] is NSNull && viewed["jumlah"] is NSNull)
            let page = try await client.execute(uri: "/wilayah/52.03.01?indikator=desil1_coverage", method: .get, headers: bearer(tokens[.operator])) { $0.text }
            #expect(page.contains("Cakupan program keluarga desil 1"))
            let ranking = try await client.execute(uri: "/api/v1/rankings?within=52.03.01&level=desa&min_keluarga=0&weights=desil1_coverage:1",
                                                   method: .get, headers: bearer(tokens[.operator])) { try $0.json() }
            let rows = try #require(ranking["rows"] as? [[String: Any]])
            // Desa 2001 (50 % reached) ranks above desa 2002, which has no desil-1 family and so no coverage to lack.
            #expect(rows.first?["code"] as? String == "52.03.01.2001", "\(rows)")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func coverage_and_coordination_count_only_the_period_asked(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services)
            // Both programmes start in 2025 and their lists give neither dates nor years: in 2024 nothing reaches anyone.
            let before = try await client.execute(uri: "/api/v1/coverage?within=52.03.01&level=desa&period=2024", method: .get,
                                                  headers: bearer(tokens[.operator])) { try $0.json() }
            let region = try #require(before["region"] as? [String: Any])
            #expect(region["familiesReached"] as? [String: Int] == [:] && region["eligibleUnreachedFamilies"] as? Int == 4)
            #expect(before["from"] as? String == "2024-01-01" && before["to"] as? String == "2024-12-31")
            let during = try await client.execute(uri: "/api/v1/coverage?within=52.03.01&level=desa&from=2025-01-01&to=2025-06-30", method: .get,
                                                  headers: bearer(tokens[.operator])) { try $0.json() }
            #expect((during["region"] as? [String: Any])?["familiesReached"] as? [String: Int] == ["PKH": 3, "PANGAN-MITRA": 1])
            for bad in ["period=kemarin", "from=2025-13-01", "from=2025-06-01&to=2025-01-01"] {
                let status = try await client.execute(uri: "/api/v1/coverage?within=52.03&\(bad)", method: .get, headers: bearer(tokens[.operator])) { $0.status }
                #expect(status == .badRequest, "\(bad)")
            }
            let page = try await client.execute(uri: "/koordinasi?within=52.03.01&dari=2024-01-01&sampai=2024-12-31", method: .get,
                                                headers: bearer(tokens[.operator])) { $0.text }
            #expect(page.contains("periode 2024") && page.contains("Belum ada program yang terdaftar di wilayah ini."), "no programme runs in 2024")
        }
    }
}
