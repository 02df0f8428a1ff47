import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Issue 15 item 4: one rule for "the poorest desa" — areas of at least 30 families, rates shrunk toward the
/// kecamatan's (empirical Bayes, on by default) — so the Ringkasan, Beranda and the ranking name the same desa first.
@Suite struct RankingAgreementWebTests {
    /// Keruak: Tanjung Luar 400 families, 200 in desil 1 (50,0 %); Pijot 30, 16 (53,3 %); Selebung Ketangga 100, 30
    /// (30,0 %); Sepit 200, 40 (20,0 %); Pulau Maringkik 3, 2 (66,7 %, too small to compare).
    static func villages() throws -> [RegionCode: RegionTally] {
        [try RegionCode("52.03.01.2001"): try DashboardFixtures.village(families: 400, desil1: 200),
         try RegionCode("52.03.01.2002"): try DashboardFixtures.village(families: 30, desil1: 16),
         try RegionCode("52.03.01.2003"): try DashboardFixtures.village(families: 100, desil1: 30),
         try RegionCode("52.03.01.2004"): try DashboardFixtures.village(families: 200, desil1: 40),
         try RegionCode("52.03.01.2015"): try DashboardFixtures.village(families: 3, desil1: 2)]
    }

    @Test(arguments: TestDatabase.engines)
    func the_ringkasan_beranda_and_the_ranking_name_the_same_poorest_desa(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try Self.villages(), in: services.database)
            let admin = tokens[.admin]
            // By hand: every family is desil 1 or desil 5, with no other need recorded, so the default score orders the
            // desa by their (shrunk) desil-1 share alone. p = 288/733 (the kecamatan, tiny desa included); the fit over the
            // four compared desa: τ² = (Σ nᵢ(rᵢ − p)² − 4·p(1−p)) ÷ (730 − 4), M = p(1−p)/τ² − 1.
            let compared: [(code: String, poor: Double, families: Double)] = [
                ("52.03.01.2001", 200, 400), ("52.03.01.2002", 16, 30), ("52.03.01.2003", 30, 100), ("52.03.01.2004", 40, 200),
            ]
            let p = 288.0 / 733.0
            var squares = 0.0
            for d in compared { squares += d.families * (d.poor / d.families - p) * (d.poor / d.families - p) }
            let m = p * (1 - p) / ((squares - 4 * p * (1 - p)) / (730 - 4)) - 1
            var shrunk: [String: Double] = [:]
            for d in compared { shrunk[d.code] = (d.poor + p * m) / (d.families + m) }
            let expected = compared.map(\.code).sorted { (shrunk[$0] ?? 0) > (shrunk[$1] ?? 0) }
            // Shrinkage matters here: Pijot's 53,3 % of 30 families falls below Tanjung Luar's 50,0 % of 400.
            #expect(expected.first == "52.03.01.2001")
            #expect((shrunk["52.03.01.2001"] ?? 0) > (shrunk["52.03.01.2002"] ?? 0) && 16.0 / 30 > 200.0 / 400)

            let ranking = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03.01", admin).text
            #expect(RankingShrinkageWebTests.order(ranking) == expected)
            #expect(ranking.contains("Penyusutan empiris-Bayes aktif (bawaan)"))
            // Without shrinkage the raw rates put Pijot first — what the default rule avoids.
            let raw = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03.01&penyusutan=0", admin).text
            #expect(RankingShrinkageWebTests.order(raw).first == "52.03.01.2002")
            // The Ringkasan names the same desa first, and says which rule it used.
            let region = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01", admin).text
            #expect(region.contains("Desa/Kelurahan paling prioritas menurut peringkat bawaan (sedikitnya 30 keluarga, laju disusutkan ke angka Kecamatan Keruak): Tanjung Luar (keluarga desil 1: 50,0%; keluarga desil 1–4: 50,0%), Pijot (keluarga desil 1: 53,3%; keluarga desil 1–4: 53,3%)"))
            #expect(!region.contains("Pulau Maringkik ("))
            // So does Beranda.
            let home = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01", admin).text
            let list = try #require(home.components(separatedBy: "<ol class=\"priority-list\">").last?.components(separatedBy: "</ol>").first)
            #expect(list.hasPrefix("\n  <li><a href=\"/wilayah/52.03.01.2001\">Tanjung Luar</a>"))
            #expect(home.contains("laju tiap desa disusutkan ke laju Kecamatan Keruak (empiris-Bayes"))
            // The API's default is the same ranking.
            let api = try await DisclosureAttackTests.get(client, "/api/v1/rankings?within=52.03.01", admin)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect(rows.compactMap { $0["code"] as? String } == expected)
        }
    }
}
