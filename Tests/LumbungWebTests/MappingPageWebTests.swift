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

/// A partner file with headers Lumbung does not know, mapped on the page's forms, previewed, saved as a template and
/// imported; bad mappings refused before anything is written; the API takes the same mapping or the template by name.
@Suite struct MappingPageWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Written by hand: none of the headers is a known one except "Alamat", which this partner fills with notes.
    static let partnerFile = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Alamat
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;catatan petugas
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;catatan petugas
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;catatan petugas
        """

    /// The form fields of a mapping: column index → field (or abaikan).
    static func body(_ fields: [String], extra: [String: String]) -> ByteBuffer {
        var pairs = fields.enumerated().map { "kolom_\($0.offset)=\($0.element)" }
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) {
            pairs.append("\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        }
        return ByteBuffer(string: pairs.joined(separator: "&"))
    }

    static let good = ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "abaikan"]

    static func count(_ sql: String, _ services: AppServices) async throws -> Int {
        try await services.database.read { db in try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? -1 }
    }

    @Test(arguments: TestDatabase.engines)
    func a_partner_file_is_mapped_previewed_saved_and_imported_through_the_forms(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { base, tokens, services, _ in
            let client = SignedInClient(base: base, token: try #require(tokens[.operator]))
            let location = try await client.execute(uri: "/impor/petakan", method: .post, headers: ImportWebTests.headers,
                                                    body: ImportWebTests.multipart(file: "baznas-juni.csv", content: Self.partnerFile)) { response in
                #expect(response.status == .found)
                return try #require(response.headers[.location])
            }
            #expect(location.hasPrefix("/impor/petakan/"))
            let id = String(location.dropFirst("/impor/petakan/".count))
            // The page: the header row, what Lumbung understood, three sample values, a <select> per column.
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("judul kolom ditemukan di baris 1"))
                #expect(html.contains("<td>Nama Penerima</td><td>tidak dikenal</td><td>Lalu Ahmad · Baiq Siti · Inaq Sari</td>"))
                #expect(html.contains("<td>Alamat</td><td>alamat<br><small class=\"confidence\">pasti: judul kolom persis nama isian</small></td>"))
                #expect(html.contains("<select name=\"kolom_6\""))
                #expect(!html.contains("<select name=\"kolom_7\""))
            }
            // Someone else (even an admin) does not see another's upload.
            try await base.execute(uri: location, method: .get, headers: bearer(tokens[.admin])) { #expect($0.status == .notFound) }

            // Bad mappings are refused, in Indonesian, before anything is written.
            let extra = ["desa": "52.03.01.2001", "tanggal_data": "2025-06-30", "aksi": "pratinjau"]
            var twice = Self.good
            twice[3] = "nama"
            var noKK = Self.good
            noKK[0] = "abaikan"
            var textAsDate = Self.good
            textAsDate[2] = "tanggal_lahir"
            textAsDate[4] = "abaikan"
            for (fields, expected) in [(twice, "sama-sama dipetakan ke nama"), (noKK, "Kolom wajib belum dipetakan: No. KK"),
                                       (textAsDate, "bukan tanggal: tidak dapat dipetakan ke tanggal lahir")] {
                try await client.execute(uri: location, method: .post, headers: Self.form, body: Self.body(fields, extra: extra)) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.text.contains(expected), "\(expected)")
                    #expect(response.text.contains("Belum ada yang disimpan."))
                }
            }
            try await client.execute(uri: location, method: .post, headers: Self.form,
                                     body: Self.body(Self.good, extra: ["desa": "52.01.01.2002", "aksi": "pratinjau"])) { response in
                #expect(response.status == .badRequest && response.text.contains("di luar wilayah kerja Anda"))
            }

            // Pratinjau: the first rows as they would be stored, and the dry run's totals; still nothing written.
            try await client.execute(uri: location, method: .post, headers: Self.form, body: Self.body(Self.good, extra: extra)) { response in
                #expect(response.status == .ok)
                let html = response.text
                let expectedRows = [
                    (2, "5203011106180101", "5203011207850001", "Lalu Ahmad", "Laki-laki", "1985-07-12", "Kepala Keluarga"),
                    (3, "5203011106180101", "5203014508920001", "Baiq Siti", "Perempuan", "1992-08-05", "Istri"),
                    (4, "5203011106180102", "5203014101700001", "Inaq Sari", "Perempuan", "1970-01-01", "Kepala Keluarga"),
                ]
                for row in expectedRows {
                    let cells = "<td>\(row.0)</td><td>\(row.1)</td><td>\(row.2)</td><td>\(row.3)</td><td>\(row.4)</td><td>\(row.5)</td><td>\(row.6)</td>"
                        + "<td>Tanjung Luar (52.03.01.2001)</td><td></td><td>baik</td>"
                    #expect(html.contains(cells), "row \(row.0)")
                }
                #expect(!html.contains("<td>catatan petugas</td>"))
                #expect(html.contains("<dt>Baris dibaca</dt><dd>3</dd>") && html.contains("<dt>Akan menjadi data baru</dt><dd>3</dd>"))
                #expect(html.contains("<dt>Akan ditolak</dt><dd>0</dd>"))
            }
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM person", services) == 0)

            // Simpan sebagai templat: saved, audited.
            try await client.execute(uri: location, method: .post, headers: Self.form,
                                     body: Self.body(Self.good, extra: ["desa": "52.03.01.2001", "nama_templat": "BAZNAS Lotim", "aksi": "simpan"])) { response in
                #expect(response.status == .ok && response.text.contains("Templat «BAZNAS Lotim» disimpan"))
            }
            let saved = try await services.audit.search(.init(action: "column_template.saved"))
            #expect(saved.count == 1 && saved.first?.actor == "r-operator" && saved.first?.target == "BAZNAS Lotim")

            // Impor: the real import with that mapping, on the usual progress page.
            try await client.execute(uri: location, method: .post, headers: Self.form, body: Self.body(Self.good, extra: extra.merging(["aksi": "impor"]) { $1 })) {
                #expect($0.status == .found && $0.headers[.location] == "/impor/proses/\(id)")
            }
            let done = try await ImportWebTests.waitFor(id, client: client)
            let report = try #require(done["report"] as? [String: Any])
            #expect(report["inserted"] as? Int == 3 && report["rejected"] as? Int == 0)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'", services) == 3)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM household WHERE address = 'catatan petugas'", services) == 0)

            // The next file with the same headers: the template is chosen on the page by itself.
            let next = try await client.execute(uri: "/impor/petakan", method: .post, headers: ImportWebTests.headers,
                                                body: ImportWebTests.multipart(file: "baznas-juli.csv", content: Self.partnerFile)) { try #require($0.headers[.location]) }
            try await client.execute(uri: next, method: .get) { response in
                #expect(response.text.contains("Templat kolom «BAZNAS Lotim» dipilih otomatis"))
                #expect(response.text.contains("<option value=\"jenis_kelamin\" selected>"))
                #expect(response.text.contains("value=\"52.03.01.2001\""))
            }

            // API parity: the list, a template by name (refused by the missing header when the file no longer fits), a mapping object.
            try await client.execute(uri: "/api/v1/column-templates", method: .get) { response in
                let templates = try #require(try response.json()["templates"] as? [[String: Any]])
                #expect(templates.count == 1 && templates.first?["name"] as? String == "BAZNAS Lotim")
                let columns = try #require(templates.first?["columns"] as? [String: String])
                #expect(columns["Gender"] == "jenis_kelamin" && columns["Alamat"] == "abaikan")
            }
            let renamed = Self.partnerFile.replacingOccurrences(of: "Gender;", with: "JK;")
            let refused = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                   body: ImportWebTests.multipart(file: "baznas-agustus.csv", content: renamed,
                                                                                  fields: ["template": "BAZNAS Lotim", "as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let failed = try await ImportWebTests.waitFor(refused, client: client)
            #expect(failed["state"] as? String == "failed")
            #expect((failed["error"] as? String)?.contains("no longer fits this file") == true && (failed["error"] as? String)?.contains("'Gender'") == true)
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                     body: ImportWebTests.multipart(file: "x.csv", content: renamed, fields: ["template": "Tidak Ada"])) {
                #expect($0.status == .notFound)
            }
            let mapping = #"{"Nomor Kartu": "no_kk", "Nomor Identitas": "nik", "Nama Penerima": "nama", "JK": "jenis_kelamin", "Lahir Tanggal": "tanggal_lahir", "Hubungan KK": "shdk", "Alamat": "abaikan"}"#
            let mapped = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                  body: ImportWebTests.multipart(file: "baznas-agustus.csv", content: renamed + "\n",
                                                                                 fields: ["mapping": mapping, "as_of": "2025-06-30", "desa": "52.03.01.2001", "dry_run": "1"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let checked = try await ImportWebTests.waitFor(mapped, client: client)
            let checkedReport = try #require(checked["report"] as? [String: Any])
            #expect(checkedReport["unchanged"] as? Int == 3 && checkedReport["rejected"] as? Int == 0)
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                     body: ImportWebTests.multipart(file: "x.csv", content: renamed, fields: ["mapping": #"{"JK": "ukuran_sepatu"}"#])) {
                #expect($0.status == .badRequest && $0.text.contains("invalid_mapping"))
            }
        }
    }
}
