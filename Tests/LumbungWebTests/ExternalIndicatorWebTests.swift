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

/// Figures from other sources on the web: only admins and analysts import them (an attack by every other role is
/// refused and writes nothing); every reader sees them, on the region page, through the API, in Pemantauan and as a
/// ranking component. Figures written here by hand.
@Suite struct ExternalIndicatorWebTests {
    /// Stunting (percent, lower is better) of four desa of Keruak, by BPS code (crosswalk: 5203010005 → 52.03.01.2001
    /// Tanjung Luar, …06 → .2002 Pijot, …07 → .2003 Selebung Ketangga, …08 → .2004 Sepit), and Keruak itself.
    static let stunting = """
        kode_bps,nama,nilai
        5203010005,TANJUNG LUAR,"27,5"
        5203010006,PIJOT,18
        5203010007,SELEBUNG KETANGGA,"9,25"
        5203010008,SEPIT,31
        5203010,KERUAK,25
        """

    static let fields = ["indicator": "stunting_dinkes", "name": "Prevalensi stunting balita", "unit": "persen", "direction": "lower_is_better",
                         "source": "Dinas Kesehatan Lombok Timur", "date": "2024"]

    static func upload(_ client: some TestClientProtocol, token: String?, content: String = stunting, fields: [String: String] = fields) async throws -> TestResponse {
        var headers = ImportWebTests.headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/api/v1/external-indicators", method: .post, headers: headers,
                                        body: ImportWebTests.multipart(file: "stunting.csv", content: content, fields: fields)) { $0 }
    }

    @Test(arguments: TestDatabase.engines)
    func only_admins_and_analysts_import_and_an_attack_writes_nothing(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            // Operators, partners and viewers are refused — with figures of their own making — and so is no one.
            var forged = Self.fields
            forged["indicator"] = "stunting_palsu"
            for role in [Role.operator, .partner, .viewer] {
                let response = try await Self.upload(client, token: tokens[role], content: Self.stunting.replacingOccurrences(of: ",31", with: ",0"), fields: forged)
                #expect(response.status == .forbidden, "\(role)")
            }
            #expect(try await Self.upload(client, token: nil).status == .unauthorized)
            #expect(try await ExternalIndicatorStore(database: services.database).indicators().isEmpty)
            // The admin imports; the analyst's second upload of the same table changes nothing.
            let first = try await Self.upload(client, token: tokens[.admin])
            #expect(first.status == .created, "\(first.text)")
            let outcome = try #require(try first.json()["outcome"] as? [String: Any])
            #expect(outcome["added"] as? Int == 5 && outcome["unchanged"] as? Int == 0)
            let again = try await Self.upload(client, token: tokens[.analyst])
            #expect(again.status == .ok)
            let againOutcome = try again.json()["outcome"] as? [String: Any]
            #expect(againOutcome?["unchanged"] as? Int == 5)
            // A table with a bad row: 422, the row and column named, nothing written.
            let bad = try await Self.upload(client, token: tokens[.admin], content: Self.stunting + "\n5203010099,ENTAH,12\n5203010009,X,banyak\n",
                                            fields: Self.fields.merging(["date": "2025"]) { $1 })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Baris 7, kolom 'kode_bps'") && bad.text.contains("Baris 8, kolom 'nilai'"), "\(bad.text)")
            let values = try await ExternalIndicatorStore(database: services.database).values(indicator: "stunting_dinkes")
            #expect(values.count == 5 && values.allSatisfy { $0.period == "2024" })
            #expect(try await ExternalIndicatorStore(database: services.database).indicator("stunting_palsu") == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func every_reader_sees_the_values_beside_lumbungs_own(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            #expect(try await Self.upload(client, token: tokens[.admin]).status == .created)
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/api/v1/external-indicators", method: .get) { response in
                let list = try #require(try response.json()["indicators"] as? [[String: Any]])
                #expect(list.count == 1 && list[0]["id"] as? String == "stunting_dinkes" && list[0]["regions"] as? Int == 5
                        && list[0]["latestPeriod"] as? String == "2024" && list[0]["unit"] as? String == "percent")
            }
            try await viewer.execute(uri: "/api/v1/external-indicators/stunting_dinkes?within=52.03.01", method: .get) { response in
                let values = try #require(try response.json()["values"] as? [[String: Any]])
                #expect(values.map { $0["region"] as? String ?? "" } == ["52.03.01", "52.03.01.2001", "52.03.01.2002", "52.03.01.2003", "52.03.01.2004"])
                #expect(values.map { $0["value"] as? Double ?? -1 } == [25, 27.5, 18, 9.25, 31])
                #expect(values[2]["name"] as? String == "Pijot" && values[2]["source"] as? String == "Dinas Kesehatan Lombok Timur")
            }
            // Outside the viewer's scope: refused.
            try await viewer.execute(uri: "/api/v1/external-indicators/stunting_dinkes?within=52.01", method: .get) { #expect($0.status == .forbidden) }
            try await viewer.execute(uri: "/api/v1/external-indicators/tidak_ada", method: .get) { #expect($0.status == .notFound) }
            // The region page: "Data dari sumber lain" with value, date and source.
            try await viewer.execute(uri: "/wilayah/52.03.01.2002", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Data dari sumber lain"))
                #expect(response.text.contains("<td class=\"num\">18%</td><td>2024</td><td>Dinas Kesehatan Lombok Timur</td>"), "\(response.text)")
            }
            // A desa without a value shows no such table.
            try await viewer.execute(uri: "/wilayah/52.03.01.2005", method: .get) { #expect(!$0.text.contains("Data dari sumber lain")) }
            try await viewer.execute(uri: "/sumber-lain", method: .get) { response in
                #expect(response.text.contains("Prevalensi stunting balita") && !response.text.contains("Impor tabel"))
            }
            try await viewer.execute(uri: "/sumber-lain/stunting_dinkes?wilayah=52.03.01", method: .get) { response in
                #expect(response.text.contains("<td class=\"num\">9,25%</td>"))
            }
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/sumber-lain", method: .get) { #expect($0.text.contains("Impor tabel")) }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func pemantauan_measures_targets_against_the_newest_value(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            #expect(try await Self.upload(client, token: tokens[.admin]).status == .created)
            // Keruak 2025: 22 %; Tanjung Luar 2025: 30 %; the other desa have no 2025 value (their newest stays 2024).
            let newer = "kode_wilayah,nilai\n52.03.01,22\n52.03.01.2001,30\n"
            #expect(try await Self.upload(client, token: tokens[.admin], content: newer, fields: Self.fields.merging(["date": "2025"]) { $1 }).status == .created)
            try await TargetStore(database: services.database).save([
                TargetPlan(indicator: "stunting_dinkes", region: try RegionCode("52.03.01"), baseline: Baseline(value: 25, year: 2024, source: "Dinkes"),
                           targets: [2025: 20]),
                TargetPlan(indicator: "stunting_dinkes", region: try RegionCode("52.03.01.2001"), targets: [2025: 25]),
                TargetPlan(indicator: "stunting_dinkes", region: try RegionCode("52.03.01.2002"), targets: [2025: 15]),
            ], by: "uji")
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/api/v1/regions/52.03.01/progress?indicator=stunting_dinkes", method: .get) { response in
                #expect(response.status == .ok, "\(response.text)")
                let json = try response.json()
                #expect(json["year"] as? Int == 2025 && json["direction"] as? String == "higher_is_worse")
                // Lower is better: Keruak (2 × 20 − 22) / 20 = 90 %; Tanjung Luar (50 − 30) / 25 = 80 %;
                // Pijot's newest is 18 (2024) against 15: (30 − 18) / 15 = 80 %; Selebung Ketangga and Sepit have no target.
                let region = try #require(json["region"] as? [String: Any])
                #expect(abs((region["capaian"] as? Double ?? 0) - 90) < 1e-9)
                let children = try #require(json["children"] as? [[String: Any]])
                let capaian = Dictionary(uniqueKeysWithValues: children.map { ($0["code"] as? String ?? "", $0["capaian"] as? Double) })
                #expect(abs(((capaian["52.03.01.2001"] ?? 0) ?? 0) - 80) < 1e-9)
                #expect(abs(((capaian["52.03.01.2002"] ?? 0) ?? 0) - 80) < 1e-9)
                #expect(capaian["52.03.01.2003"] == .some(nil) && capaian["52.03.01.2005"] == .some(nil))
                let pulau = try #require(children.first { $0["code"] as? String == "52.03.01.2015" })
                #expect(pulau["value"] == nil && pulau["valueText"] as? String == "tidak ada data")
                let trend = try #require(json["trend"] as? [[String: Any]])
                #expect(trend.map { $0["value"] as? Double ?? -1 } == [25, 22])
            }
            try await viewer.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=stunting_dinkes", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Prevalensi stunting balita (sumber lain)"))
                #expect(response.text.contains("90%"))
            }
            try await viewer.execute(uri: "/api/v1/targets?indicator=stunting_dinkes", method: .get) { response in
                let plans = try response.json()["plans"] as? [[String: Any]]
                #expect(plans?.count == 3)
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_ranking_may_weigh_it_and_states_who_has_no_value(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            #expect(try await Self.upload(client, token: tokens[.admin]).status == .created)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            // Stunting alone, lower is better so higher ranks first: Sepit 31, Tanjung Luar 27,5, Pijot 18, Selebung Ketangga 9,25.
            try await analyst.execute(uri: "/api/v1/rankings?within=52.03.01&level=desa&weights=stunting_dinkes:1&min_keluarga=0&penyusutan=0",
                                      method: .get) { response in
                #expect(response.status == .ok, "\(response.text)")
                let rows = try #require(try response.json()["rows"] as? [[String: Any]])
                let ranked = rows.filter { ($0["missing"] as? [String])?.isEmpty == true }
                #expect(ranked.map { $0["code"] as? String ?? "" } == ["52.03.01.2004", "52.03.01.2001", "52.03.01.2002", "52.03.01.2003"])
                #expect(ranked.map { $0["score"] as? Double ?? -1 } == [100, 83.91, 40.23, 0])
                let without = rows.filter { ($0["missing"] as? [String]) == ["stunting_dinkes"] }
                #expect(without.count == rows.count - 4)
                #expect(without.allSatisfy { (($0["components"] as? [[String: Any]])?.first?["percent"]) == nil })
            }
            // Unknown ids are still refused; a count indicator cannot be weighed.
            try await analyst.execute(uri: "/api/v1/rankings?within=52.03.01&weights=stunting_entah:1", method: .get) { #expect($0.status == .badRequest) }
        }
    }
}

/// Programme results through the API: figures as `ProgrammeResultsTests` works them out, withheld small counts for
/// viewers, and the scope checked.
@Suite struct ProgrammeResultsWebTests {
    @Test(arguments: TestDatabase.engines)
    func the_api_answers_targets_realisasi_and_capaian(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeFixtures.registry(services.database)
            let store = ProgrammeStore(database: services.database)
            let actor = AuditActor(name: "uji", address: nil)
            let dinas = try await store.addOrganisation(Organisation(name: "Dinas Sosial Lombok Timur", kind: .dinasSosial), by: actor)
            _ = try await store.add(Programme(code: ProgrammeCode("SEMBAKO-LOTIM")!, name: "Sembako Pemda", organisationID: dinas.id, sectors: [.food],
                                              unit: .family, start: CalendarDate(year: 2024, month: 1, day: 1)!, targetRegions: [try RegionCode("52.03")]), by: actor)
            // Families 1 and 2 (Tanjung Luar) received in 2025.
            let info = EnrolmentListInfo(batch: ImportBatchInfo(layout: "penerima-program", fileName: "s.csv", sha256: "s", dryRun: false,
                                                                asOf: CalendarDate(year: 2025, month: 6, day: 30)!), programme: ProgrammeCode("SEMBAKO-LOTIM"))
            let entries = [BeneficiaryEntry(row: 2, kkNumber: "5203010101200001", period: "2025"), BeneficiaryEntry(row: 3, kkNumber: "5203010101200002", period: "2025")]
            _ = try await store.importEnrolments(info) { writer in
                try await writer.add(entries)
                return ([], BatchCounts(read: entries.count, warned: 0, rejected: 0))
            }
            try await ProgrammeTargetStore(database: services.database).save([
                ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: try RegionCode("52.03.01.2001"), year: 2025, target: 4),
            ], by: "uji")
            // 2 of 4 = 50 %.
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/api/v1/programmes/SEMBAKO-LOTIM/results?within=52.03.01", method: .get) { response in
                #expect(response.status == .ok, "\(response.text)")
                let results = try #require(try response.json()["results"] as? [[String: Any]])
                #expect(results.count == 1 && results[0]["realisation"] as? Int == 2 && results[0]["capaian"] as? Double == 50
                        && results[0]["source"] as? String == "pendaftaran" && results[0]["target"] as? Int == 4)
            }
            // The programme page's section.
            try await analyst.execute(uri: "/program/SEMBAKO-LOTIM", method: .get) { response in
                #expect(response.text.contains("Hasil program"))
                #expect(response.text.contains("<td class=\"num\">4</td><td class=\"num\">2</td><td>dari pendaftaran</td><td class=\"num\">50%</td>"), "\(response.text)")
            }
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/program/SEMBAKO-LOTIM", method: .get) { response in
                #expect(response.text.contains("<td class=\"num\">4</td><td class=\"num\">&lt;5</td>"), "\(response.text)")
            }
            try await viewer.execute(uri: "/api/v1/programmes/SEMBAKO-LOTIM/results", method: .get) { response in
                let results = try #require(try response.json()["results"] as? [[String: Any]])
                #expect(results.count == 1 && results[0]["realisation"] == nil && results[0]["capaian"] == nil)
            }
            try await viewer.execute(uri: "/api/v1/programmes/SEMBAKO-LOTIM/results?within=52.01", method: .get) { #expect($0.status == .forbidden) }
            try await viewer.execute(uri: "/api/v1/programmes/ENTAH/results", method: .get) { #expect($0.status == .notFound) }
            // The section follows the language switch (the analyst's page in English, then in Indonesian again).
            try await LanguageWebTests.check(analyst, "/program/SEMBAKO-LOTIM", words: [
                "Hasil program", "Tahun", "Realisasi", "Sumber realisasi", "Capaian", "Kategori", "dari pendaftaran", "dihitung dari peserta",
            ])
        }
    }
}
