import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
@testable import LumbungWeb
import Testing

/// Issue 15 item 7 for Pemantauan: `/pemantauan`, `/pemantauan/target` and `/pemantauan/laporan` follow the English
/// switch — labels, sentences, band names, rincian and figures — over the two hand-written Keruak releases of
/// `MonitoringWebTests` (capaian worked out there: Keruak 105,45 %, Selebung Ketangga 40 %, Tanjung Luar 75 %).
@Suite struct MonitoringLanguageWebTests {
    @Test(arguments: TestDatabase.engines)
    func the_three_monitoring_pages_follow_the_switch(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await MonitoringWebTests.releases(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            // Each page in English shows none of its Indonesian words (and no Indonesian catalogue text); in Indonesian all of them.
            try await LanguageWebTests.check(analyst, "/pemantauan?wilayah=52.03.01&indikator=desil1_families", words: [
                "Pemantauan", "Indikator", "Rincian", "semua", "Tampilkan", "Unduh XLSX", "Cetak laporan", "Ubah baseline dan target",
                "Realisasi (snapshot terakhir)", "Capaian", "Sangat tinggi", "Sangat rendah", "Sedang", "Garis hijau", "Nilai per snapshot",
                "Tanggal data", "Nilai", "Desa/Kelurahan menurut capaian", "terendah dahulu", "Kode", "Wilayah", "Kategori", "Keluarga desil 1",
                "makin rendah makin baik", "Tren", "Juni",
            ])
            try await LanguageWebTests.check(analyst, "/pemantauan/target?wilayah=52.03.01&indikator=desil1_people&rincian=sex=female", words: [
                "Baseline dan target", "Penduduk desil 1", "perempuan", "Nilai baseline", "Tahun baseline", "Target per tahun", "Turunkan target",
                "Simpan", "Kembali ke Pemantauan", "makin rendah makin baik",
            ])
            try await LanguageWebTests.check(analyst, "/pemantauan/laporan?wilayah=52.03.01", words: [
                "Pemantauan", "Laporan untuk dicetak", "Laporan pemantauan dan evaluasi", "capaian tahun", "Data per", "Juni",
                "Sumber", "Dicetak", "Capaian utama", "Indikator", "Realisasi", "Capaian", "Kategori", "Sangat tinggi", "Sangat rendah",
                "Tertinggal", "Kode", "Desa/Kelurahan", "makin rendah makin baik", "Tren",
            ])

            // The figures and sentences in English, worked out by hand in `MonitoringWebTests`.
            let page = try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=desil1_families&lang=en", method: .get) { $0.text }
            #expect(page.contains("<h1>Monitoring: Families in desil 1, Keruak</h1>"))
            #expect(page.contains("<span class=\"lampu lampu-hijau\">105.45% — Very high</span>"), "\(page)")
            // Selebung Ketangga: 20 of 50 = 40.0 %, target 25 %, capaian 40 % — very low; Tanjung Luar 1 of 10, target 8 %: 75 % — medium.
            #expect(page.contains("<td>Selebung Ketangga</td><td class=\"num\">40.0%</td><td class=\"num\">–</td><td class=\"num\">25%</td>"
                + "<td class=\"num\">40%</td><td><span class=\"lampu lampu-merah\">Very low</span>"), "\(page)")
            #expect(page.contains("<td class=\"num\">75%</td><td><span class=\"lampu lampu-kuning\">Medium</span>"))
            #expect(page.contains("<tr><th>Baseline</th><td>35% (2023, DTKS)</td></tr>"))
            #expect(page.contains("<h2>Villages (desa/kelurahan) by achievement (lowest first)</h2>"))
            #expect(page.contains("<h2>Value per snapshot</h2>") && page.contains("<button type=\"submit\">Show</button>"))
            // Release 1: 36 of 110 = 32.7 %; release 2: 26 of 110 = 23.6 %.
            #expect(page.contains("<td class=\"code\">rilis-1</td><td>30 June 2024</td><td class=\"num\">32.7%</td>"))
            #expect(page.contains("<td class=\"code\">rilis-2</td><td>30 June 2025</td><td class=\"num\">23.6%</td>"))
            #expect(page.contains("Achievement bands: Very high &gt; 90% · High &gt; 75% · Medium &gt; 65% · Low &gt; 50% · Very low below that."))
            #expect(page.contains("<title id=\"judul-tren\">Trend of Families in desil 1, Keruak</title>"))
            #expect(page.contains("<option value=\"all\" selected>all</option>"))

            let target = try await analyst.execute(uri: "/pemantauan/target?wilayah=52.03.01&indikator=desil1_people&rincian=sex=female&lang=en",
                                                   method: .get) { $0.text }
            #expect(target.contains("<h1>Baseline and targets: People in desil 1 (women), Keruak</h1>"), "\(target)")

            let report = try await analyst.execute(uri: "/pemantauan/laporan?wilayah=52.03.01&lang=en", method: .get) { $0.text }
            #expect(report.contains("<span class=\"kicker\">Monitoring and evaluation report</span>"))
            #expect(report.contains("Data as of 30 June 2025 (snapshot rilis-2; 2 snapshots since 30 June 2024)."), "\(report)")
            #expect(report.contains("baselines: DTKS; targets: set in Lumbung."))
            #expect(report.contains("<th scope=\"row\">Families in desil 1</th><td class=\"num\">35% (2023)</td><td class=\"num\">25%</td>"
                + "<td class=\"num\">23.6%</td><td class=\"num\">105.45%</td><td><span class=\"lampu lampu-hijau\">Very high</span>"), "\(report)")
            #expect(report.contains("Behind (low or very low achievement): Selebung Ketangga."))
            #expect(report.contains("District (kecamatan) · achievement in 2025"))

            // The XLSX: headings, band names, lights and notes in the reader's language; in Indonesian as they were.
            let files: [(String, [String], [String], [String])] = [
                ("en", ["Code", "Region", "Realisation (%)", "Baseline", "Baseline year", "Target 2025", "Achievement (%)", "Band", "Light"],
                 ["Very low", "red"], ["Monitoring Families in desil 1, Keruak, 2025", "Indicator: Families in desil 1 (families in desil 1 / families).",
                                       "Realisation: latest snapshot rilis-2 (2025-06-30).",
                                       "Achievement = (2 × target − realisation) ÷ target × 100 (lower is better).",
                                       "Bands: Very high, High, Medium, Low, Very low."]),
                ("id", ["Kode", "Wilayah", "Realisasi (%)", "Baseline", "Tahun baseline", "Target 2025", "Capaian (%)", "Kategori", "Lampu"],
                 ["Sangat rendah", "merah"], ["Pemantauan Keluarga desil 1, Keruak, tahun 2025", "Indikator: Keluarga desil 1 (keluarga desil 1 / seluruh keluarga).",
                                              "Realisasi: snapshot terakhir rilis-2 (2025-06-30).",
                                              "Capaian = (2 × target − realisasi) ÷ target × 100 (makin rendah makin baik).",
                                              "Kategori: Sangat tinggi, Tinggi, Sedang, Rendah, Sangat rendah."]),
            ]
            for (language, heading, selebung, notes) in files {
                let uri = "/pemantauan/unduh?wilayah=52.03.01&indikator=desil1_families&lang=\(language)"
                let table = try await analyst.execute(uri: uri, method: .get) { try ExportWebTests.sheet($0, 0) }
                #expect(table.first == heading, "\(language): \(table.first ?? [])")
                let row = try #require(table.first { $0.first == "52.03.01.2003" })
                #expect(Array(row.suffix(2)) == selebung, "\(language): \(row)")
                let written = try await analyst.execute(uri: uri, method: .get) { try ExportWebTests.sheet($0, 1).map { $0.first ?? "" } }
                #expect(notes.allSatisfy(written.contains), "\(language): \(written)")
            }

            // Bahasa Indonesia stays as it was.
            let indonesian = try await analyst.execute(uri: "/pemantauan?wilayah=52.03.01&indikator=desil1_families", method: .get) { $0.text }
            #expect(indonesian.contains("<p class=\"lead\">Nilai indikator di setiap snapshot (realisasi), baseline dan target, serta capaian tahun 2025 "
                + "per wilayah — makin rendah makin baik.</p>"))
            #expect(indonesian.contains("<td class=\"code\">rilis-1</td><td>30 Juni 2024</td><td class=\"num\">32,7%</td>"))
            #expect(indonesian.contains("Kategori capaian: Sangat tinggi &gt; 90% · Tinggi &gt; 75% · Sedang &gt; 65% · Rendah &gt; 50% · Sangat rendah di bawahnya."))
        }
    }
}
