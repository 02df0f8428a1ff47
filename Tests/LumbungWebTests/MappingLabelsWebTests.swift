import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungSheets
import LumbungWeb
import Testing

/// On the mapping page, the values of a coded column no list knows are listed after Pratinjau, each with a <select> of
/// the official values; the choice is used by the preview and the import, and saved in the template.
@Suite struct MappingLabelsWebTests {
    /// Written by hand: 'S1 Hukum' (twice, spelled two ways) and 'Pesantren' are on no education list.
    static let file = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Pendidikan Akhir
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;S1 Hukum
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;Diploma IV/Strata I
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;s1  HUKUM
        5203011106180102;5203014101950001;Lale Nia;P;01/01/1995;Anak;Pesantren
        """

    static let fields = ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "pendidikan"]

    @Test(arguments: TestDatabase.engines)
    func an_unknown_label_is_mapped_to_an_official_value_previewed_saved_and_imported(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await client.execute(uri: "/impor/petakan", method: .post, headers: ImportWebTests.headers,
                                                    body: ImportWebTests.multipart(file: "baznas-pendidikan.csv", content: Self.file)) { response in
                try #require(response.headers[.location])
            }
            let id = String(location.dropFirst("/impor/petakan/".count))
            let values = ["desa": "52.03.01.2001", "tanggal_data": "2025-06-30"]
            // Pratinjau: the unknown values of the education column, most rows first, each with the official values to pick.
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: values.merging(["aksi": "pratinjau"]) { $1 })) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Nilai yang tidak dikenal"))
                #expect(html.contains("<td>Pendidikan Akhir</td><td>Pesantren<input type=\"hidden\" name=\"nilai_0\" value=\"Pesantren\"><input type=\"hidden\" name=\"nilaikolom_0\" value=\"6\"></td><td>1 baris</td>"))
                #expect(html.contains("name=\"nilai_1\" value=\"S1 Hukum\""))
                #expect(html.contains("<select name=\"label_1\""))
                #expect(html.contains("<option value=\"Diploma IV/Strata I\">Diploma IV/Strata I [8]</option>"))
            }
            // The choice: 'S1 Hukum' → Diploma IV/Strata I; 'Pesantren' left blank.
            let labels = ["nilai_0": "Pesantren", "nilaikolom_0": "6", "label_0": "", "nilai_1": "S1 Hukum", "nilaikolom_1": "6", "label_1": "Diploma IV/Strata I"]
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: values.merging(labels) { $1 }.merging(["aksi": "pratinjau"]) { $1 })) { response in
                let html = response.text
                // Still offered, now chosen; the other spelling of it is no longer unknown.
                #expect(html.contains("<option value=\"Diploma IV/Strata I\" selected>"))
                #expect(!html.contains("value=\"s1  HUKUM\""))
                #expect(html.contains("value=\"Pesantren\""))
            }
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: values.merging(labels) { $1 }
                                         .merging(["aksi": "simpan", "nama_templat": "BAZNAS Pendidikan"]) { $1 })) { response in
                #expect(response.status == .ok && response.text.contains("Templat «BAZNAS Pendidikan» disimpan"))
            }
            try await client.execute(uri: "/api/v1/column-templates", method: .get) { response in
                let templates = try #require(try response.json()["templates"] as? [[String: Any]])
                let saved = try #require(templates.first?["labels"] as? [String: [String: String]])
                #expect(saved == ["pendidikan": ["S1 Hukum": "Diploma IV/Strata I"]])
            }
            // The API, given no mapping: the saved template is chosen by the file's headers (the page's rule), with its labels.
            let checked = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                   body: ImportWebTests.multipart(file: "baznas-juli.csv", content: Self.file + "\n",
                                                                                  fields: ["dry_run": "1", "as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let dry = try #require(try await ImportWebTests.waitFor(checked, client: client)["report"] as? [String: Any])
            #expect((dry["notes"] as? [String])?.contains("templat kolom 'BAZNAS Pendidikan' dipakai") == true, "\(dry)")
            #expect(dry["inserted"] as? Int == 4 && dry["rejected"] as? Int == 0)
            let unknown = try #require(dry["unknownValues"] as? [[String: Any]] ?? dry["unknown_values"] as? [[String: Any]])
            #expect(unknown.count == 1 && (unknown.first?["values"] as? [[String: Any]])?.count == 1)
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: values.merging(labels) { $1 }.merging(["aksi": "impor"]) { $1 })) {
                #expect($0.status == .found)
            }
            let done = try await ImportWebTests.waitFor(id, client: client)
            #expect((done["report"] as? [String: Any])?["inserted"] as? Int == 4)
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person WHERE education = 8", services) == 3)
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person WHERE education IS NULL", services) == 1)
        }
    }
}

/// A workbook of several sheets: the page offers the sheets, reads the one chosen, and imports only it; each column
/// says how sure Lumbung is of what it read it as.
@Suite struct MappingSheetWebTests {
    static let header = ["Nomor Kartu", "Nomor Identitas", "Nama Penerima", "Gender", "Lahir Tanggal", "Hubungan KK", "Catatan"]
    static let june = [["5203011106180101", "5203011207850001", "Lalu Ahmad", "L", "12/07/1985", "Kepala Keluarga", "x"],
                       ["5203011106180101", "5203014508920001", "Baiq Siti", "P", "05/08/1992", "Istri", "x"],
                       ["5203011106180102", "5203014101700001", "Inaq Sari", "P", "01/01/1970", "Kepala Keluarga", "x"]]
    static let july = [["5203011106180103", "5203011505800001", "Amaq Juli", "L", "15/05/1980", "Kepala Keluarga", "y"],
                       ["5203011106180103", "5203015007850001", "Inaq Juli", "P", "10/07/1985", "Istri", "y"]]

    static func workbook() throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lembar-\(UUID()).xlsx")
        let writer = try XLSXTableWriter(url: url, sheetName: "Petunjuk")
        try writer.write([.text("Daftar penerima BAZNAS: satu lembar per bulan.")])
        for (name, rows) in [("Juni", june), ("Juli", july)] {
            try writer.startSheet(named: name)
            for row in [header] + rows { try writer.write(row.map { Cell.text($0) }) }
        }
        try writer.finish()
        defer { try? FileManager.default.removeItem(at: url) }
        return try Data(contentsOf: url)
    }

    @Test(arguments: TestDatabase.engines)
    func the_sheet_is_chosen_on_the_page_and_only_it_is_imported_and_each_column_says_how_sure_it_is(engine: Database.Engine) async throws {
        let bytes = try Self.workbook()
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await client.execute(uri: "/impor/petakan", method: .post, headers: ImportWebTests.headers,
                                                    body: ImportRejectsWebTests.multipart(file: "baznas-2025.xlsx", bytes: bytes, fields: [:])) { response in
                try #require(response.headers[.location])
            }
            let id = String(location.dropFirst("/impor/petakan/".count))
            try await client.execute(uri: location, method: .get) { response in
                let html = response.text
                #expect(html.contains("<select id=\"lembar\" name=\"lembar\"><option value=\"1\">Petunjuk</option><option value=\"2\" selected>Juni</option><option value=\"3\">Juli</option></select>"))
                #expect(html.contains("Lalu Ahmad · Baiq Siti · Inaq Sari"))
                // Headers Lumbung does not know, read from their values, and said to be a guess; "Catatan" and the names are not guessed.
                let guess = "<br><small class=\"confidence\">dugaan dari isi kolom: periksa</small></td>"
                #expect(html.contains("<td>Nomor Kartu</td><td>No. KK" + guess))
                #expect(html.contains("<td>Nomor Identitas</td><td>NIK" + guess))
                #expect(html.contains("<td>Gender</td><td>jenis kelamin" + guess))
                #expect(html.contains("<td>Lahir Tanggal</td><td>tanggal lahir" + guess))
                #expect(html.contains("<td>Hubungan KK</td><td>hubungan dalam keluarga (SHDK)" + guess))
                #expect(html.contains("<td>Nama Penerima</td><td>tidak dikenal</td>") && html.contains("<td>Catatan</td><td>tidak dikenal</td>"))
                #expect(html.contains("<option value=\"nik\" selected>"))
            }
            try await client.execute(uri: location + "?lembar=3", method: .get) { response in
                let html = response.text
                #expect(html.contains("<option value=\"3\" selected>Juli</option>") && html.contains("Amaq Juli · Inaq Juli"))
                #expect(html.contains("<input type=\"hidden\" name=\"lembar\" value=\"3\">"))
                #expect(!html.contains("Lalu Ahmad"))
            }
            let fields = ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "abaikan"]
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(fields, extra: ["desa": "52.03.01.2001", "tanggal_data": "2025-06-30",
                                                                                    "lembar": "3", "aksi": "impor"])) {
                #expect($0.status == .found)
            }
            let done = try await ImportWebTests.waitFor(id, client: client)
            #expect((done["report"] as? [String: Any])?["inserted"] as? Int == 2, "\(done)")
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person", services) == 2)
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person WHERE full_name = 'Amaq Juli'", services) == 1)
        }
    }
}
