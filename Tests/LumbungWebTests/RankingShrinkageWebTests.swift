import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Issue 15: the ranking with rates shrunk toward the region's (empirical Bayes, the default), switched off by `penyusutan=0`.
@Suite struct RankingShrinkageWebTests {
    /// The desa codes of the ranking's rows, in order.
    static func order(_ html: String) -> [String] {
        html.components(separatedBy: "<th scope=\"row\"><a href=\"/wilayah/").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    @Test(arguments: TestDatabase.engines)
    func a_tiny_desa_no_longer_tops_the_ranking_when_rates_are_shrunk(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            // Keruak: Tanjung Luar 1/10, Pijot 2/10, Selebung Ketangga 25/50, Sepit 8/40, Pulau Maringkik 2/3 in desil 1.
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let plain = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03.01&min_keluarga=1&w_desil1_families=1&penyusutan=0", tokens[.admin]).text
            // Raw rates: 66,7 % > 50 % > 20 % = 20 % (tie to the lower code) > 10 %.
            #expect(Self.order(plain) == ["52.03.01.2015", "52.03.01.2003", "52.03.01.2002", "52.03.01.2004", "52.03.01.2001"])
            #expect(plain.contains("Tanpa penyusutan") && plain.contains("penyusutan=1\">Hitung dengan penyusutan empiris-Bayes</a>"))

            // By hand: p = 38/113; Σ nᵢ(rᵢ − p)² over the five desa; τ² = (Σ − 5·p(1−p)) ÷ (113 − 5); M = p(1−p)/τ² − 1.
            let desa: [(code: String, poor: Double, families: Double)] = [
                ("52.03.01.2001", 1, 10), ("52.03.01.2002", 2, 10), ("52.03.01.2003", 25, 50), ("52.03.01.2004", 8, 40), ("52.03.01.2015", 2, 3),
            ]
            let p = 38.0 / 113.0
            var squares = 0.0
            for d in desa { squares += d.families * (d.poor / d.families - p) * (d.poor / d.families - p) }
            let tau = (squares - 5 * p * (1 - p)) / (113 - 5)
            let m = p * (1 - p) / tau - 1
            var shrunk: [String: Double] = [:]
            for d in desa { shrunk[d.code] = 100 * (d.poor + p * m) / (d.families + m) }
            // Selebung Ketangga (≈ 47,1 %) now ranks above Pulau Maringkik (≈ 40,8 %), Pijot (≈ 27,1 %) above Sepit (≈ 22,9 %).
            let expected = desa.map(\.code).sorted { (shrunk[$0] ?? 0) > (shrunk[$1] ?? 0) }
            #expect(expected == ["52.03.01.2003", "52.03.01.2015", "52.03.01.2002", "52.03.01.2004", "52.03.01.2001"])
            let html = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03.01&min_keluarga=1&w_desil1_families=1&penyusutan=1", tokens[.admin]).text
            #expect(Self.order(html) == expected)
            #expect(html.contains("Penyusutan empiris-Bayes aktif") && html.contains("penyusutan=0\">Hitung tanpa penyusutan</a>"))
            // The table shows the raw rate and, under it, the shrunk one that was scored.
            #expect(html.contains("50,0%<small>disusutkan 47,1%</small>") && html.contains("66,7%<small>disusutkan 40,8%</small>"))
            #expect(String(format: "%.1f", shrunk["52.03.01.2003"] ?? 0) == "47.1" && String(format: "%.1f", shrunk["52.03.01.2015"] ?? 0) == "40.8")
            // Anything but 0 or 1 is refused in words.
            let bad = try await client.executeRequest(uri: "/peringkat?within=52.03.01&penyusutan=ya", method: .get, headers: bearer(tokens[.admin]), body: nil)
            #expect(bad.status == .badRequest && bad.text.contains("penyusutan harus 0 atau 1, bukan &#39;ya&#39;"))
        }
    }
}
