import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Every table as a file: the region's indicators and the ranking, as CSV and XLSX, as the reader may see them.
@Suite struct ExportWebTests {
    /// The CSV's rows (no field here holds a comma or a quote), without the byte order mark.
    static func rows(_ response: TestResponse) -> [[String]] {
        var text = response.text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The rows of one sheet of an XLSX response.
    static func sheet(_ response: TestResponse, _ index: Int) throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ekspor-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(response.body.readableBytesView).write(to: url)
        var rows: [[String]] = []
        try XLSXSheetReader(url: url, sheet: index).forEachRow { rows.append($0.values.map(\.text)) }
        return rows
    }

    @Test(arguments: TestDatabase.engines)
    func the_indicator_table_downloads_as_csv_and_xlsx(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let csv = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/indikator.csv", tokens[.admin])
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"indikator-52.03.01.csv\"")
            #expect(csv.text.hasPrefix("\u{FEFF}Kode,Nama,Tingkat,Jumlah penduduk,Jumlah keluarga,Anak 0–17 tahun (%),Anak 0–17 tahun (jumlah)"))
            let rows = Self.rows(csv)
            let header = try #require(rows.first)
            let rate = try #require(header.firstIndex(of: "Keluarga desil 1 (%)")), count = try #require(header.firstIndex(of: "Keluarga desil 1 (jumlah)"))
            // Keruak: 110 families, 36 in desil 1 = 32,727… % → 32.73; then its 15 desa.
            let keruak = try #require(rows.first { $0.first == "52.03.01" })
            #expect(keruak[1] == "Keruak" && keruak[2] == "Kecamatan" && keruak[4] == "110")
            #expect(keruak[rate] == "32.73" && keruak[count] == "36")
            let selebung = try #require(rows.first { $0.first == "52.03.01.2003" })
            #expect(selebung[rate] == "50" && selebung[count] == "25")
            let empty = try #require(rows.first { $0.first == "52.03.01.2005" })
            #expect(empty[rate] == "" && empty[count] == "0", "a desa without families has no rate")
            #expect(rows.count == 1 + 1 + 15)

            let xlsx = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/indikator.xlsx", tokens[.admin])
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let table = try Self.sheet(xlsx, 0)
            #expect(table.first == header, "the same columns")
            let keruakRow = try #require(table.first { $0.first == "52.03.01" })
            #expect(keruakRow[rate] == "32.73" && keruakRow[count] == "36")
            let notes = try Self.sheet(xlsx, 1).map { $0.first ?? "" }
            #expect(notes.first == "Indikator Kecamatan Keruak")
            #expect(notes.contains("Data per 30 Juni 2025 (tanggal acuan impor), dari 4 desa/kelurahan."))
            #expect(notes.contains("Keluarga desil 1: keluarga desil 1 / seluruh keluarga"))
        }
    }

    @Test(arguments: [Role.viewer, .partner])
    func an_export_hides_what_the_page_hides(role: Role) async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            var villages = try DashboardFixtures.keruak()
            // Pulau Maringkik: 2 of 3 families in desil 1.
            villages[try RegionCode("52.03.01.2015")] = try DashboardFixtures.village(families: 3, desil1: 2)
            try await DisclosureAttackTests.store(villages, in: services.database)
            let csv = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/indikator.csv", tokens[role])
            let rows = Self.rows(csv)
            let header = try #require(rows.first)
            let rate = try #require(header.firstIndex(of: "Keluarga desil 1 (%)")), count = try #require(header.firstIndex(of: "Keluarga desil 1 (jumlah)"))
            let small = try #require(rows.first { $0.first == "52.03.01.2015" })
            #expect(small[rate] == "<5" && small[count] == "<5")
            #expect(!csv.text.contains("66.67"))
            // The same figures as the page: every "<5"/"×" of the page's table is one in the file.
            let xlsx = try Self.sheet(try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/indikator.xlsx", tokens[role]), 0)
            #expect(xlsx.first { $0.first == "52.03.01.2015" }?[count] == "<5")
            let notes = try Self.sheet(try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/indikator.xlsx", tokens[role]), 1)
            #expect(notes.contains { $0.first?.hasPrefix("Tanda “<5”") == true })
        }
    }

    @Test func the_ranking_downloads_with_its_weights_and_minimum() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let csv = try await DisclosureAttackTests.get(client, "/peringkat.csv?within=52.03.01&level=desa&w_desil1_families=1", tokens[.admin])
            let rows = Self.rows(csv)
            // Only Selebung Ketangga (50 families, 50 %) and Sepit (40, 20 %) have 30 families or more.
            #expect(rows.first == ["Peringkat", "Kode", "Nama", "Skor", "Peringkat terbaik", "Peringkat terburuk", "Keluarga", "Jiwa",
                                   "Keluarga desil 1 (%)", "Keluarga desil 1 (jumlah)", "Keluarga desil 1 (poin)"])
            #expect(rows.dropFirst().map { Array($0.prefix(3)) } == [["1", "52.03.01.2003", "Selebung Ketangga"], ["2", "52.03.01.2004", "Sepit"]])
            #expect(rows[1][3] == "100" && rows[1][8] == "50" && rows[1][9] == "25" && rows[2][3] == "0")
            let all = Self.rows(try await DisclosureAttackTests.get(client, "/peringkat.csv?within=52.03.01&min_keluarga=0", tokens[.admin]))
            #expect(all.count == 1 + 15, "every desa with min_keluarga=0")
            let xlsx = try await DisclosureAttackTests.get(client, "/peringkat.xlsx?within=52.03.01&level=desa", tokens[.admin])
            #expect(xlsx.headers[.contentDisposition] == "attachment; filename=\"peringkat-desa-52.03.01.xlsx\"")
            let notes = try Self.sheet(xlsx, 1).map { $0.first ?? "" }
            #expect(notes.contains("Bobot: Keluarga desil 1 3, Keluarga desil 1–4 2, Rumah tidak layak huni (RTLH) 1, Tanpa air minum layak 1, Tanpa sanitasi layak 1, Anak tidak sekolah 7–18 1, Penyandang disabilitas 1."))
            #expect(notes.contains { $0.hasPrefix("Hanya wilayah dengan sedikitnya 30 keluarga yang diperingkat") })
            let bad = try await client.executeRequest(uri: "/peringkat.csv?within=52.03.01&min_keluarga=banyak", method: .get,
                                                      headers: bearer(tokens[.admin]), body: nil)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("minimal keluarga harus bilangan bulat 0 sampai 1.000.000, bukan &#39;banyak&#39;"))
        }
    }
}
