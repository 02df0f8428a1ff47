import Foundation
import LumbungDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungStore
import LumbungTestSupport
import NIOCore
import Testing

@Suite struct ImportWebTests {
    static let boundary = "----lumbung-test-boundary"

    static func multipart(file name: String, content: String, fields: [String: String] = [:]) -> ByteBuffer {
        var body = ""
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        return ByteBuffer(string: body)
    }

    static let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    static let families = "no_kk;kode_desa;alamat;desil\n5203011106180101;5203012001;Dusun Lendang;1\n5203011106180102;5203012001;Dusun Lauk;12\n"
    static let people = """
        no_kk,nik,nama,jenis_kelamin,tanggal_lahir
        5203011106180101,5203014508920001,Baiq Siti,2,05-08-1992
        5203011106180101,5.20301E+15,Lalu Ahmad,1,12-07-1985
        """

    /// Polls the API until the import ends.
    static func waitFor(_ id: String, client: some TestClientProtocol) async throws -> [String: Any] {
        for _ in 0..<200 {
            let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json() }
            if json["state"] as? String != "running" { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the import did not finish")
        return [:]
    }

    /// A village system's export has no region columns: the desa chosen on the form places it, and the report says
    /// how each column was understood; a desa outside the uploader's region is refused.
    @Test func a_village_export_goes_to_the_desa_chosen_on_the_form() async throws {
        let export = """
            alamat,dusun,rw,rt,nama,no_kk,nik,sex,tanggallahir,kk_level,cacat_id,status_dasar
            Dusun Lendang,Lendang,001,002,Sahdan,5201011106180001,5201011207800001,1,1980-07-12,1,7,1
            Dusun Lendang,Lendang,001,002,Sahnun,5201011106180001,5201015508820002,2,1982-08-15,3,2,1
            ###,,,,,,,,,,,
            """
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                              body: Self.multipart(file: "penduduk.csv", content: export,
                                                                   fields: ["as_of": "2025-06-30", "desa": "52.01.01.2002"])) { response in
                #expect(response.status == .accepted)
                return try #require(try response.json()["id"] as? String)
            }
            let done = try await Self.waitFor(id, client: client)
            let report = try #require(done["report"] as? [String: Any])
            #expect(report["inserted"] as? Int == 2 && report["skipped"] as? Int == 1 && report["familiesInserted"] as? Int == 1)
            try await client.execute(uri: "/impor/proses/\(id)", method: .get) { response in
                #expect(response.text.contains("Kolom yang dipahami"))
                #expect(response.text.contains("<td>kk_level</td><td>hubungan dalam keluarga (SHDK)</td>"))
            }
        }
        try await withWebApp { client in
            for junk in ["1e308", "NaN", "-1", "52.01.01.2002.9", String(repeating: "9", count: 100_000)] {
                try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                         body: Self.multipart(file: "penduduk.csv", content: export, fields: ["desa": junk])) { response in
                    #expect(response.status == .badRequest, "\(junk.prefix(20))")
                }
            }
        }
        try await withWebApp(as: .operator, scope: "52.03") { client in
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                     body: Self.multipart(file: "penduduk.csv", content: export, fields: ["desa": "52.01.01.2002"])) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func the_api_takes_an_upload_and_reports_on_it() async throws {
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                              body: Self.multipart(file: "keluarga.csv", content: Self.families, fields: ["as_of": "2025-06-30"])) { response in
                #expect(response.status == .accepted)
                let json = try response.json()
                #expect(response.headers[.location] == json["status_url"] as? String)
                return try #require(json["id"] as? String)
            }
            let done = try await Self.waitFor(id, client: client)
            #expect(done["state"] as? String == "done")
            let report = try #require(done["report"] as? [String: Any])
            #expect(report["layout"] as? String == "dtsen-keluarga")
            #expect(report["inserted"] as? Int == 2 && report["warned"] as? Int == 1)

            let second = try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                                  body: Self.multipart(file: "anggota.csv", content: Self.people, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            let members = try #require(try await Self.waitFor(second, client: client)["report"] as? [String: Any])
            #expect(members["inserted"] as? Int == 1 && members["rejected"] as? Int == 1)
            try await client.execute(uri: "/impor/proses/\(second)/ditolak.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.text.contains("5.20301E+15") && response.text.contains("KETERANGAN PENOLAKAN"))
            }
        }
    }

    /// Issue 13: an "Excel" download that is really a web page is told by its content on the web upload too.
    @Test func a_web_page_uploaded_as_xls_imports_its_first_table() async throws {
        let page = """
            <html><head><script>alert(document.cookie)</script></head><body><table>
            <tr><th>NO.KK</th><th>NIK</th><th>Nama Penduduk</th><th>SHDK</th><th>Jenis Kelamin</th><th>Tgl Lahir</th><th>Kode Desa</th></tr>
            <tr><td>5203011106180101</td><td>5203014508920001</td><td>Baiq Siti</td><td>Kepala Keluarga</td><td>P</td><td>05-08-1992</td><td>52.03.01.2001</td></tr>
            <tr><td>5203011106180101</td><td>5203011207150001</td><td>Lalu Ahmad</td><td>Anak</td><td>L</td><td>12-07-2015</td><td>52.03.01.2001</td></tr>
            </table></body></html>
            """
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                              body: Self.multipart(file: "unduhan.xls", content: page, fields: ["as_of": "2025-06-30"])) { response in
                #expect(response.status == .accepted)
                return try #require(try response.json()["id"] as? String)
            }
            let done = try await Self.waitFor(id, client: client)
            #expect(done["state"] as? String == "done", "\(done)")
            let report = try #require(done["report"] as? [String: Any])
            #expect(report["rowsRead"] as? Int == 2 && report["inserted"] as? Int == 2 && report["rejected"] as? Int == 0)
        }
    }

    @Test func a_broken_upload_fails_with_its_reason_and_bad_requests_get_400() async throws {
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                              body: Self.multipart(file: "laporan.csv", content: "%PDF-1.7\n%binary")) {
                try #require(try $0.json()["id"] as? String)
            }
            let failed = try await Self.waitFor(id, client: client)
            #expect(failed["state"] as? String == "failed")
            // (A web page saved as .csv is no longer broken: its first table is read.)
            #expect((failed["error"] as? String)?.contains("laporan.csv is not a spreadsheet or CSV file: it looks like a PDF document") == true)
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["code"] as? String == "bad_upload")
            }
            try await client.execute(uri: "/api/v1/imports", method: .post, headers: Self.headers,
                                     body: Self.multipart(file: "a.csv", content: "x", fields: ["layout": "opensid"])) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/imports/nope", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func the_impor_page_uploads_and_shows_the_report_in_bahasa_indonesia() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/impor", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<form class=\"upload\" action=\"/impor?csrf=\" method=\"post\" enctype=\"multipart/form-data\">"))
                #expect(response.text.contains("Belum ada data yang diimpor."))
            }
            let location = try await client.execute(uri: "/impor", method: .post, headers: Self.headers,
                                                    body: Self.multipart(file: "keluarga.csv", content: Self.families, fields: ["as_of": "2025-06-30"])) { response in
                #expect(response.status == .found)
                return try #require(response.headers[.location])
            }
            let id = String(location.split(separator: "/").last!)
            _ = try await Self.waitFor(id, client: client)
            try await client.execute(uri: location, method: .get) { response in
                let html = response.text
                #expect(html.contains("Selesai: impor no. 1."))
                #expect(html.contains("<dt>Data baru</dt><dd>2</dd>"))
                #expect(html.contains("Desil harus 1–10; nilai 12 diabaikan."))
            }
            try await client.execute(uri: "/impor", method: .get) { response in
                #expect(response.text.contains("<td>keluarga.csv</td><td>dtsen-keluarga</td>"))
                // The batch links to its report (and from there its rejects file), after a restart too: the job is stored.
                #expect(response.text.contains("<tr><td><a href=\"/impor/proses/\(id)\">1</a></td><td>keluarga.csv</td>"), "\(response.text)")
            }
        }
    }
}

@Suite struct IndicatorAPITests {
    @Test func indicators_come_for_the_region_and_each_child_after_an_import() async throws {
        try await withWebApp { client in
            for (name, content) in [("keluarga.csv", ImportWebTests.families), ("anggota.csv", ImportWebTests.people)] {
                let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                                  body: ImportWebTests.multipart(file: name, content: content, fields: ["as_of": "2025-06-30"])) {
                    try #require(try $0.json()["id"] as? String)
                }
                _ = try await ImportWebTests.waitFor(id, client: client)
            }
            try await client.execute(uri: "/api/v1/regions/52.03.01/indicators", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                let region = try #require(json["region"] as? [String: Any])
                let values = try #require(region["values"] as? [[String: Any]])
                let families = try #require(values.first { $0["indicator"] as? String == "families" })
                #expect(families["count"] as? Int == 2)
                let desil1 = try #require(values.first { $0["indicator"] as? String == "desil1_families" })
                #expect(desil1["count"] as? Int == 1 && desil1["denominator"] as? Int == 2 && desil1["percent"] as? Double == 50)
                let people = try #require(values.first { $0["indicator"] as? String == "people" })
                #expect(people["count"] as? Int == 1)
                // Splits come as groups with counts (and rates where there is a denominator).
                let splits = try #require(people["splits"] as? [[String: Any]])
                #expect(splits.compactMap { $0["by"] as? String } == ["sex", "age_band", "disability"])
                let sex = try #require(splits.first?["groups"] as? [[String: Any]])
                #expect(sex.first { $0["group"] as? String == "female" }?["count"] as? Int == 1)
                let desil1Splits = try #require(desil1["splits"] as? [[String: Any]])
                #expect(desil1Splits.compactMap { $0["by"] as? String } == ["head_sex", "member_with_disability", "elderly_member", "child_member"])
                #expect((json["children"] as? [Any])?.count == 15)
            }
            try await client.execute(uri: "/api/v1/regions/52.99/indicators", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

@Suite struct RankingAPITests {
    @Test func the_desa_of_a_kecamatan_are_ranked_with_components_and_stability() async throws {
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                              body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: client)
            try await client.execute(uri: "/api/v1/rankings?level=desa&within=52.03.01&weights=desil1_families:3,unfit_housing:1&min_keluarga=0", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                let rows = try #require(json["rows"] as? [[String: Any]])
                #expect(rows.count == 15)
                #expect(rows.first?["code"] as? String == "52.03.01.2001")
                #expect((rows.first?["components"] as? [Any])?.count == 2)
                #expect((json["stability"] as? [String: Any])?["top"] as? Int == 15)
            }
            for bad in ["level=provinsi&within=52", "level=kecamatan&within=52.03.01", "weights=x:1", "weights=unfit_housing:-2", "within=52.99",
                        "min_keluarga=-1", "min_keluarga=tiga", "min_keluarga=99999999999", "halaman=0", "halaman=x"] {
                try await client.execute(uri: "/api/v1/rankings?\(bad)", method: .get) { response in
                    #expect(response.status.code >= 400 && response.status.code < 500, "\(bad)")
                }
            }
        }
    }
}

@Suite struct SummaryWebTests {
    @Test func the_summary_comes_as_json_and_on_the_region_page() async throws {
        try await withWebApp { client in
            let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                              body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families, fields: ["as_of": "2025-06-30"])) {
                try #require(try $0.json()["id"] as? String)
            }
            _ = try await ImportWebTests.waitFor(id, client: client)
            try await client.execute(uri: "/api/v1/regions/52.03.01.2001/summary", method: .get) { response in
                let json = try response.json()
                #expect((json["id"] as? String)?.hasPrefix("Desa Tanjung Luar tercatat 0 jiwa dalam 2 keluarga. 50,0% keluarga berada di desil 1") == true)
                #expect((json["en"] as? String)?.contains("50.0% of families are in desil 1") == true)
            }
            try await client.execute(uri: "/wilayah/52.03.01.2001", method: .get) { response in
                #expect(response.text.contains("<section class=\"summary\"><h2>Ringkasan</h2><p>Desa Tanjung Luar tercatat"))
            }
            try await client.execute(uri: "/wilayah/52.01", method: .get) { response in
                #expect(response.text.contains("<p>Belum ada data keluarga untuk Kabupaten Lombok Barat.</p>"))
            }
        }
    }
}
