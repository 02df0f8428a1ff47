import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The printable M&E report over the two hand-written Keruak releases of `MonitoringWebTests` (capaian worked out there).
@Suite struct MonitoringReportWebTests {
    @Test(arguments: TestDatabase.engines)
    func the_report_holds_the_headline_capaian_trend_lights_data_date_and_source(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await MonitoringWebTests.releases(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01", method: .get) { response in
                #expect(response.text.contains(#"<a href="/pemantauan/laporan?wilayah=52.03.01">Cetak laporan</a>"#))
            }
            try await analyst.execute(uri: "/pemantauan/laporan?wilayah=52.03.01", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Laporan pemantauan dan evaluasi</span> Kecamatan Keruak") || html.contains("Laporan pemantauan dan evaluasi</span> Keruak"))
                #expect(html.contains("Data per 30 Juni 2025 (snapshot rilis-2; 2 snapshot sejak 30 Juni 2024)."))
                #expect(html.contains("Sumber: registri Lumbung") && html.contains("baseline: DTKS"))
                // Headline: Keruak 23,64 % against 25 % → 105,45 %, sangat tinggi; baseline 35 % (2023).
                #expect(html.contains(#"<tr class="lampu-hijau"><th scope="row">Keluarga desil 1</th><td class="num">35% (2023)</td><td class="num">25%</td>"#))
                #expect(html.contains("105,45%"))
                // The trend chart, and the desa by capaian: Selebung Ketangga 40 % against 25 % → 40 %, red, named as behind.
                #expect(html.contains("<svg") && html.contains("Tren Keluarga desil 1"))
                #expect(html.contains(#"<tr class="lampu-merah"><td class="code">52.03.01.2003</td>"#))
                #expect(html.contains("Tertinggal (capaian rendah atau sangat rendah): Selebung Ketangga."))
            }
            // A viewer sees the report with small counts withheld and no capaian for them (Tanjung Luar: 1 family).
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/pemantauan/laporan?wilayah=52.03.01", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<td class="code">52.03.01.2001</td><td>Tanjung Luar</td><td class="num">&lt;5</td>"#)
                        || response.text.contains(#"<td class="code">52.03.01.2001</td><td>Tanjung Luar</td><td class="num">×</td>"#))
            }
        }
    }
}
