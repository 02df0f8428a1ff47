import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The printable M&E report of a programme (`/program/{kode}/laporan`): SEMBAKO-LOTIM reaches families 1 and 2 of the
/// registry fixture (both in Tanjung Luar, 52.03.01.2001) in 2025 from one list with data date 30 June 2025. Targets and
/// capaian worked out by hand: Tanjung Luar 2024 target 2, nobody enrolled that year → 0 of 2 = 0 % (sangat rendah);
/// Tanjung Luar 2025 target 4 → 2 of 4 = 50 % (sangat rendah: not above 50); Keruak 2025 target 2, reported 3 → 150 %
/// (sangat tinggi).
@Suite struct ProgrammeReportWebTests {
    static func setUp(_ database: Database) async throws {
        try await ProgrammeFixtures.registry(database)
        let store = ProgrammeStore(database: database)
        let actor = AuditActor(name: "uji", address: nil)
        let dinas = try await store.addOrganisation(Organisation(name: "Dinas Sosial Lombok Timur", kind: .dinasSosial), by: actor)
        _ = try await store.add(Programme(code: ProgrammeCode("SEMBAKO-LOTIM")!, name: "Sembako Pemda", organisationID: dinas.id, sectors: [.food],
                                          unit: .family, start: CalendarDate(year: 2024, month: 1, day: 1)!, targetRegions: [try RegionCode("52.03")]), by: actor)
        let info = EnrolmentListInfo(batch: ImportBatchInfo(layout: "penerima-program", fileName: "s.csv", sha256: "s", dryRun: false,
                                                            asOf: CalendarDate(year: 2025, month: 6, day: 30)!), programme: ProgrammeCode("SEMBAKO-LOTIM"))
        let entries = [BeneficiaryEntry(row: 2, kkNumber: "5203010101200001", period: "2025"), BeneficiaryEntry(row: 3, kkNumber: "5203010101200002", period: "2025")]
        _ = try await store.importEnrolments(info) { writer in
            try await writer.add(entries)
            return ([], BatchCounts(read: entries.count, warned: 0, rejected: 0))
        }
        let tanjung = try RegionCode("52.03.01.2001")
        try await ProgrammeTargetStore(database: database).save([
            ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: tanjung, year: 2024, target: 2),
            ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: tanjung, year: 2025, target: 4),
            ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: try RegionCode("52.03.01"), year: 2025, target: 2, entered: 3),
        ], by: "uji")
    }

    @Test(arguments: TestDatabase.engines)
    func the_report_holds_targets_realisasi_capaian_lights_data_date_and_source(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await Self.setUp(services.database)
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/program/SEMBAKO-LOTIM", method: .get) { response in
                #expect(response.text.contains(#"<a href="/program/SEMBAKO-LOTIM/laporan">Cetak laporan program</a>"#))
            }
            try await analyst.execute(uri: "/program/SEMBAKO-LOTIM/laporan?wilayah=52.03", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Laporan pemantauan dan evaluasi program</span> Sembako Pemda"))
                #expect(html.contains("Peserta per 30 Juni 2025 (tanggal data daftar penerima terakhir; 1 daftar diimpor)."))
                #expect(html.contains("Sumber: daftar penerima program") && html.contains("Dicetak "))
                #expect(html.contains("Target keluaran, realisasi dan capaian 2024") && html.contains("Target keluaran, realisasi dan capaian 2025"))
                #expect(html.contains(#"<tr class="lampu-merah"><td class="code">52.03.01.2001</td><td>Tanjung Luar</td><td class="num">2</td><td class="num">0</td><td>dari pendaftaran</td><td class="num">0%</td>"#))
                #expect(html.contains(#"<tr class="lampu-merah"><td class="code">52.03.01.2001</td><td>Tanjung Luar</td><td class="num">4</td><td class="num">2</td><td>dari pendaftaran</td><td class="num">50%</td><td><span class="lampu lampu-merah">Sangat rendah</span>"#))
                #expect(html.contains(#"<tr class="lampu-hijau"><td class="code">52.03.01</td><td>Keruak</td><td class="num">2</td><td class="num">3</td><td>dilaporkan</td><td class="num">150%</td><td><span class="lampu lampu-hijau">Sangat tinggi</span>"#))
                #expect(html.components(separatedBy: "Tertinggal (capaian rendah atau sangat rendah): Tanjung Luar.").count == 3)
            }
            // Within Keruak's desa Pijot (no targets) the report says so.
            try await analyst.execute(uri: "/program/SEMBAKO-LOTIM/laporan?wilayah=52.03.01.2002", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Belum ada target keluaran") && !response.text.contains("Tanjung Luar</td>"))
            }
            // A viewer: the counted 2 withheld with its capaian; the reported figure stays.
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            try await viewer.execute(uri: "/program/SEMBAKO-LOTIM/laporan", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<td class="num">4</td><td class="num">&lt;5</td><td>dari pendaftaran</td><td class="num">–</td>"#))
                #expect(response.text.contains(#"<td class="num">3</td><td>dilaporkan</td><td class="num">150%</td>"#))
                #expect(!response.text.contains(#"<td class="num">4</td><td class="num">2</td>"#))
            }
            // Outside the reader's scope, and an unknown programme.
            try await viewer.execute(uri: "/program/SEMBAKO-LOTIM/laporan?wilayah=52.01", method: .get) { #expect($0.status == .forbidden) }
            try await viewer.execute(uri: "/program/ENTAH/laporan", method: .get) { #expect($0.status == .notFound) }
            try await viewer.execute(uri: "/program/SEMBAKO-LOTIM/laporan?wilayah=52.99", method: .get) { #expect($0.status != .ok) }
            // The report follows the language switch.
            try await LanguageWebTests.check(analyst, "/program/SEMBAKO-LOTIM/laporan?wilayah=52.03", words: [
                "Laporan pemantauan dan evaluasi program", "Target keluaran", "Realisasi", "Capaian", "Kategori", "dari pendaftaran",
                "dilaporkan", "Sangat rendah", "Sangat tinggi", "Tertinggal", "Peserta per", "Dicetak", "wilayah sasaran",
            ])
        }
    }
}
