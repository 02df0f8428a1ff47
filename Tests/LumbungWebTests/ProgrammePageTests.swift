import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The programme and coordination pages on the data of `ProgrammeAPITests.setUp` (users scoped to 52.03).
@Suite struct ProgrammePageTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test(arguments: TestDatabase.engines)
    func programmes_are_listed_created_refused_and_closed_in_indonesian(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            try await op.execute(uri: "/program", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<a href=\"/program/PKH\">PKH</a>") && response.text.contains("Daftarkan program baru"))
            }
            try await client.execute(uri: "/program", method: .get, headers: bearer(tokens[.viewer])) { response in
                #expect(response.status == .ok && !response.text.contains("Daftarkan program baru"))
                #expect(response.text.contains("<td class=\"num\">&lt;5</td>"), "small counts withheld for viewers")
            }
            try await op.execute(uri: "/program/baru", method: .get) { #expect($0.status == .ok && $0.text.contains("name=\"sektor_pangan\"")) }
            let fields = "kode=SEMBAKO-LOTIM&nama=Sembako+Pemda&organisasi=Mitra+Uji&sektor_pangan=on&sasaran=keluarga&mulai=2025-01-01&wilayah=52.03"
            try await op.execute(uri: "/program", method: .post, headers: Self.form, body: ByteBuffer(string: fields + "&selesai=2024-12-31")) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Tanggal selesai (2024-12-31) lebih awal daripada tanggal mulai (2025-01-01)."))
                #expect(response.text.contains("value=\"Sembako Pemda\""), "what was typed is kept")
            }
            try await op.execute(uri: "/program", method: .post, headers: Self.form, body: ByteBuffer(string: fields.replacingOccurrences(of: "52.03", with: "52"))) {
                #expect($0.status == .forbidden)
            }
            try await op.execute(uri: "/program", method: .post, headers: Self.form, body: ByteBuffer(string: fields + "&selesai=2025-12-31&anggaran=150.000.000")) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/program/SEMBAKO-LOTIM?pesan=") == true)
            }
            try await op.execute(uri: "/program/SEMBAKO-LOTIM", method: .get) { response in
                #expect(response.text.contains("Rp 150.000.000") && response.text.contains("Tutup program"))
            }
            try await op.execute(uri: "/program/SEMBAKO-LOTIM", method: .post, headers: Self.form,
                                 body: ByteBuffer(string: fields.replacingOccurrences(of: "Sembako+Pemda", with: "Sembako+Daerah") + "&selesai=2025-12-31")) {
                #expect($0.status == .seeOther)
            }
            #expect(try await ProgrammeStore(database: services.database).programme(ProgrammeCode("SEMBAKO-LOTIM")!)?.programme.name == "Sembako Daerah")
            try await op.execute(uri: "/program/SEMBAKO-LOTIM/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=2024-01-01")) { response in
                #expect(response.status == .badRequest && response.text.contains("Tanggal penutupan (2024-01-01) lebih awal daripada tanggal mulai (2025-01-01)."))
            }
            try await op.execute(uri: "/program/PKH/tutup", method: .post, headers: Self.form, body: ByteBuffer(string: "tanggal=2025-06-30")) {
                #expect($0.status == .forbidden, "a province-wide programme is not the kabupaten operator's")
            }
            try await op.execute(uri: "/organisasi", method: .post, headers: Self.form, body: ByteBuffer(string: "nama=Universitas+Mataram&jenis=perguruan_tinggi")) {
                #expect($0.status == .seeOther)
            }
            #expect(try await ProgrammeStore(database: services.database).organisation(named: "universitas mataram")?.region == (try RegionCode("52.03")))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_coordination_page_answers_who_does_what_where_and_whom_nobody_reaches(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            try await op.execute(uri: "/koordinasi?within=52.03.01", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<td>Kementerian Sosial</td><td>Kementerian/lembaga pusat</td><td>Bantuan tunai</td><td class=\"code\">PKH</td><td class=\"code\">52</td><td class=\"num\">3</td>"))
                #expect(html.contains("<td class=\"code\">PANGAN-MITRA ∩ PKH</td><td class=\"num\">1</td><td>tidak</td>"))
                // Desa 2001: 2 desil-1 families (1 reached), 1 of desil 1–4 unreached, family 3 (desil 7, PKH) an inclusion error.
                #expect(html.contains("<td class=\"code\"><a href=\"/koordinasi?within=52.03.01.2001\">52.03.01.2001</a></td><td>Tanjung Luar</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">50%</td>"))
                #expect(html.contains("<td class=\"code\">PKH</td><td>Program Keluarga Harapan</td><td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">33%</td>"))
            }
            try await client.execute(uri: "/koordinasi?within=52.03.01", method: .get, headers: bearer(tokens[.viewer])) { response in
                #expect(response.status == .ok && response.text.contains("&lt;5") && !response.text.contains("<td class=\"num\">3</td>"))
            }
            try await op.execute(uri: "/koordinasi?within=52.03.01&sektor=pangan", method: .get) { response in
                #expect(response.text.contains("sektor Pangan") && !response.text.contains("<td class=\"code\">PKH</td>"))
            }
            try await op.execute(uri: "/koordinasi?within=52.01", method: .get) { #expect($0.status == .forbidden) }
            try await op.execute(uri: "/koordinasi?within=52.03.01&sektor=olahraga", method: .get) { #expect($0.status == .badRequest) }
            try await op.execute(uri: "/koordinasi.xlsx?within=52.03.01", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_family_page_lists_its_programmes_and_people_lists_follow_the_roles(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            try await op.execute(uri: "/orang", method: .post, headers: Self.form, body: ByteBuffer(string: "nik=5203014101800001")) { response in
                #expect(response.status == .ok && response.text.contains("Program yang diterima"))
                #expect(response.text.contains("<a href=\"/program/PKH\">PKH</a> Program Keluarga Harapan</td><td>Kementerian Sosial</td>"))
                #expect(response.text.contains("<a href=\"/program/PANGAN-MITRA\">PANGAN-MITRA</a>"))
            }
            try await op.execute(uri: "/program/PKH/peserta", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("5203014101800001") && response.text.contains("tidak ditemukan di registri"))
            }
            try await client.execute(uri: "/program/PKH/peserta", method: .get, headers: bearer(tokens[.viewer])) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/program/PKH/peserta", method: .get, headers: bearer(tokens[.partner])) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/program/PANGAN-MITRA/peserta", method: .get, headers: bearer(tokens[.partner])) { response in
                #expect(response.status == .ok && response.text.contains("5203************") && !response.text.contains("5203010101200001"))
            }
        }
    }
}

/// Lists uploaded on the web and the API: who may, what the uploader learns at once, bad lists.
@Suite struct ListUploadWebTests {
    /// Family 2 (by NIK) and family 4 (by No. KK) of the fixtures, a stranger, and a row Excel spoiled.
    static let list = "NIK;Nama;No. KK\n5203014202850001;Baiq Nur;\n;Papuq Rahim;5203010101200004\n5203011212900009;Orang Asing;\n5.20301E+15;Rusak;\n"

    @Test(arguments: TestDatabase.engines)
    func a_partner_uploads_its_own_list_and_sees_overlaps_gaps_and_unmatched_at_once(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let partner = SignedInClient(base: client, token: try #require(tokens[.partner]))
            // PKH is Kemensos's, not the partner's: refused and audited, nothing kept.
            try await partner.execute(uri: "/api/v1/programmes/PKH/enrolments", method: .post, headers: ImportWebTests.headers,
                                      body: ImportWebTests.multipart(file: "pkh.csv", content: Self.list)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/programmes/PANGAN-MITRA/enrolments", method: .post,
                                     headers: ImportWebTests.headers.merging(bearer(tokens[.viewer])),
                                     body: ImportWebTests.multipart(file: "pangan.csv", content: Self.list)) { #expect($0.status == .forbidden) }
            let answer = try await partner.execute(uri: "/api/v1/programmes/PANGAN-MITRA/enrolments", method: .post, headers: ImportWebTests.headers,
                                                   body: ImportWebTests.multipart(file: "pangan.csv", content: Self.list)) { response in
                #expect(response.status == .ok, "\(response.text)")
                return try response.json()
            }
            let report = try #require(answer["report"] as? [String: Any])
            #expect(report["inserted"] as? Int == 3 && report["rejected"] as? Int == 1 && report["rejectsFile"] == nil)
            let view = try #require(answer["view"] as? [String: Any])
            // PANGAN-MITRA now reaches families 1, 2 and 4 ("<5" for a partner); PKH reaches 1 and 4 of them.
            #expect(view["familiesReached"] as? String == "<5" && view["unmatched"] as? String == "<5")
            #expect(view["alsoReceiving"] as? [String: String] == ["PKH": "<5"])
            let people = try await ProgrammeStore(database: services.database).enrolments(of: ProgrammeCode("PANGAN-MITRA")!)
            #expect(people.count == 4)
            // The operator sees the exact figures on the page; the same list again changes nothing.
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            try await op.execute(uri: "/program/PANGAN-MITRA/unggah", method: .post, headers: ImportWebTests.headers,
                                 body: ImportWebTests.multipart(file: "pangan.csv", content: Self.list)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("sudah pernah diimpor"))
                #expect(response.text.contains("<tr><th>Keluarga registri yang dijangkau program ini</th><td class=\"num\">3</td></tr>"))
                #expect(response.text.contains("<tr><th>… yang juga menerima PKH</th><td class=\"num\">2</td></tr>"))
            }
            // A list that matches nobody is refused with the reason on the programme's page.
            try await op.execute(uri: "/program/PANGAN-MITRA/unggah", method: .post, headers: ImportWebTests.headers,
                                 body: ImportWebTests.multipart(file: "asing.csv", content: "NIK;Nama\n5203011212900008;Asing\n")) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("tidak satu pun dari 1 barisnya cocok"))
            }
            try await op.execute(uri: "/program/PANGAN-MITRA/unggah", method: .post, headers: ImportWebTests.headers,
                                 body: ImportWebTests.multipart(file: "catatan.csv", content: "Catatan\nbukan daftar\n")) { response in
                #expect(response.status == .badRequest && response.text.contains("bukan daftar penerima"))
            }
            #expect(try await ProgrammeStore(database: services.database).enrolments(of: ProgrammeCode("PANGAN-MITRA")!).count == 4)
        }
    }
}
