import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Disaggregated targets: a baseline and targets per indicator × region × rincian, and capaian per rincian from the
/// snapshot's tallies. Fixture (every person a one-person family, head aged 40), snapshot of 2025-06-30:
/// - Tanjung Luar (52.03.01.2001): 10 women, 4 of them in desil 1; 10 men, 2 in desil 1;
/// - Pijot (52.03.01.2002): 20 women, 6 in desil 1; 20 men, 10 in desil 1.
/// Keruak (52.03.01): women 10 of 30 in desil 1 (33,33 %), men 12 of 30 (40 %), everyone 22 of 60 (36,67 %).
@Suite struct TargetSplitWebTests {
    static func people(women: Int, womenDesil1: Int, men: Int, menDesil1: Int) throws -> RegionTally {
        let women = (0..<women).map { DashboardFixtures.Family(desil: $0 < womenDesil1 ? 1 : 5, sex: .female) }
        let men = (0..<men).map { DashboardFixtures.Family(desil: $0 < menDesil1 ? 1 : 5, sex: .male) }
        return try DashboardFixtures.tally(women + men)
    }

    static func release(_ database: Database) async throws {
        try await DisclosureAttackTests.store([
            try RegionCode("52.03.01.2001"): try people(women: 10, womenDesil1: 4, men: 10, menDesil1: 2),
            try RegionCode("52.03.01.2002"): try people(women: 20, womenDesil1: 6, men: 20, menDesil1: 10),
        ], in: database)
        _ = try await SnapshotStore(database: database).create(name: SnapshotName("rilis-2025")!, date: CalendarDate(year: 2025, month: 6, day: 30), by: "uji")
    }

    static func row(_ json: [String: Any], _ code: String) -> [String: Any]? {
        if let region = json["region"] as? [String: Any], region["code"] as? String == code { return region }
        return (json["children"] as? [[String: Any]])?.first { $0["code"] as? String == code }
    }

    static func close(_ a: Any?, _ b: Double) -> Bool { (a as? Double).map { abs($0 - b) < 1e-6 } ?? false }

    @Test(arguments: TestDatabase.engines)
    func capaian_per_rincian_against_its_own_target(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await Self.release(services.database)
            let indicator = try #require(IndicatorCatalogue.indicator("desil1_people"))
            let keruak = try RegionCode("52.03.01"), tanjungLuar = try RegionCode("52.03.01.2001")
            let women = try TargetSplit.parse("sex=perempuan", for: indicator), men = try TargetSplit.parse("jenis_kelamin=laki-laki", for: indicator)
            // Targets 2025: everyone 35 %, women 30 %, men 50 % in Keruak; women 40 % in Tanjung Luar.
            try await TargetStore(database: services.database).save([
                TargetPlan(indicator: "desil1_people", region: keruak, baseline: Baseline(value: 40, year: 2024, source: "DTSEN"), targets: [2025: 35]),
                TargetPlan(indicator: "desil1_people", region: keruak, split: women, baseline: Baseline(value: 38, year: 2024, source: "DTSEN"), targets: [2025: 30]),
                TargetPlan(indicator: "desil1_people", region: keruak, split: men, targets: [2025: 50]),
                TargetPlan(indicator: "desil1_people", region: tanjungLuar, split: women, targets: [2025: 40]),
            ], by: "uji")
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            func progress(_ split: String) async throws -> [String: Any] {
                try await analyst.execute(uri: "/api/v1/regions/52.03.01/progress?indicator=desil1_people\(split)", method: .get) { response in
                    #expect(response.status == .ok, "\(split): \(response.text)")
                    return try response.json()
                }
            }
            // Everyone: 22 of 60 = 36,666… %; lower is better: (2 × 35 − 36,666…) ÷ 35 × 100 = 95,238… %.
            let allValue: Double = 22.0 / 60.0 * 100.0
            let allCapaian: Double = (70.0 - allValue) / 35.0 * 100.0
            let womenValue: Double = 100.0 / 3.0
            let womenCapaian: Double = (60.0 - womenValue) / 30.0 * 100.0
            let all = try await progress("")
            #expect(all["split"] as? String == "all")
            #expect(Self.close(Self.row(all, "52.03.01")?["value"], allValue))
            #expect(Self.close(Self.row(all, "52.03.01")?["capaian"], allCapaian))
            // Women: 10 of 30 = 33,333… %, target 30: (60 − 33,333…) ÷ 30 × 100 = 88,888… % (tinggi); baseline 38 (2024).
            let female = try await progress("&split=sex=female")
            #expect(female["split"] as? String == "sex=female")
            #expect(Self.close(Self.row(female, "52.03.01")?["value"], womenValue))
            #expect(Self.close(Self.row(female, "52.03.01")?["capaian"], womenCapaian))
            #expect(((Self.row(female, "52.03.01")?["band"] as? [String: Any])?["name"] as? String) == "Tinggi")
            #expect(((female["plan"] as? [String: Any])?["baseline"] as? [String: Any])?["value"] as? Double == 38)
            // Tanjung Luar women: 4 of 10 = 40 %, target 40 → 100 %. Pijot has no target for women: no capaian.
            #expect(Self.close(Self.row(female, "52.03.01.2001")?["value"], 40))
            #expect(Self.close(Self.row(female, "52.03.01.2001")?["capaian"], 100))
            #expect(Self.close(Self.row(female, "52.03.01.2002")?["value"], 30) && Self.row(female, "52.03.01.2002") != nil && Self.row(female, "52.03.01.2002")?["capaian"] as? Double == nil)
            // Men: 12 of 30 = 40 %, target 50: (100 − 40) ÷ 50 × 100 = 120 %; Tanjung Luar's women's target is not theirs.
            let male = try await progress("&split=sex=laki-laki")
            #expect(Self.close(Self.row(male, "52.03.01")?["capaian"], 120))
            #expect(Self.row(male, "52.03.01.2001") != nil && Self.row(male, "52.03.01.2001")?["capaian"] as? Double == nil)
            // A split the indicator does not have is refused by name.
            try await analyst.execute(uri: "/api/v1/regions/52.03.01/progress?indicator=desil1_families&split=age_band=0-4", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Rincian") && response.text.contains("head_sex=female"))
            }
            // The targets API names each plan's rincian.
            let plans = try await analyst.execute(uri: "/api/v1/targets?indicator=desil1_people&within=52.03.01", method: .get) { try $0.json()["plans"] as? [[String: Any]] ?? [] }
            #expect(plans.compactMap { $0["split"] as? String }.sorted() == ["all", "sex=female", "sex=female", "sex=male"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_page_sets_and_shows_one_rincian_without_touching_the_others(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await Self.release(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await TargetStore(database: services.database).save([
                TargetPlan(indicator: "desil1_people", region: try RegionCode("52.03.01"), targets: [2025: 35])], by: "uji")
            try await analyst.execute(uri: "/pemantauan/target?wilayah=52.03.01&indikator=desil1_people&rincian=sex=perempuan", method: .post,
                                      headers: TargetPageWebTests.form, body: TargetPageWebTests.body([("tahun_1", "2025"), ("nilai_1", "30")])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/pemantauan?wilayah=52.03.01&indikator=desil1_people&rincian=sex=female&pesan=disimpan")
            }
            let store = TargetStore(database: services.database)
            let indicator = try #require(IndicatorCatalogue.indicator("desil1_people"))
            #expect(try await store.plan(indicator: "desil1_people", region: try RegionCode("52.03.01"), split: try TargetSplit.parse("sex=female", for: indicator)).targets == [2025: 30])
            #expect(try await store.plan(indicator: "desil1_people", region: try RegionCode("52.03.01")).targets == [2025: 35])
            // Women's page: 33,33 % against 30 → 88,89 %, Tinggi.
            try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=desil1_people&rincian=sex=female", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("(perempuan)") && response.text.contains("88,89%"))
                #expect(response.text.contains(#"<option value="sex=female" selected>perempuan</option>"#))
            }
        }
    }
}
