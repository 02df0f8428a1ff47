import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import SQLKit
import Testing

/// A new programme from its participant workbook on the web (`/organisasi/{organisasi}/program-baru`): a partner only
/// for its own organisation — another's address, or a workbook naming another organisation, is refused and nothing is
/// written — operators for the organisations of their region.
@Suite struct WorkbookProgrammeWebTests {
    /// The two-sheet workbook: the programme as key/value rows, then Inaq Sari (family 1) and Nengah (family 5) by No. KK.
    static func workbook(code: String, lembaga: String?, regions: String = "52.03") throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wbp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("program.xlsx")
        let writer = try XLSXTableWriter(url: url, sheetName: "Program")
        var rows = [["Nama Program", "Sembako Mitra"], ["Kode Program", code], ["Sasaran", "Keluarga"], ["Sumber Dana", "Donasi"],
                    ["Tanggal Mulai", "01/01/2025"], ["Tanggal Selesai", "31/12/2025"], ["Wilayah Sasaran", regions], ["Jenis Bantuan", "pangan"]]
        if let lembaga { rows.append(["Lembaga", lembaga]) }
        for row in rows { try writer.write(row.map { Cell.text($0) }) }
        try writer.startSheet(named: "Peserta")
        for row in [["No. Peserta", "No. KK", "Nama"], ["SM-01", "5203010101200001", "Inaq Sari"], ["SM-02", "5203010101200005", "Nengah"], ["###"]] {
            try writer.write(row.map { Cell.text($0) })
        }
        try writer.finish()
        return Array(try Data(contentsOf: url))
    }

    static func multipart(_ bytes: [UInt8], name: String = "program.xlsx") -> ByteBuffer {
        let boundary = ImportWebTests.boundary
        var body = ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return body
    }

    static func counts(_ services: AppServices) async throws -> [Int] {
        try await services.database.read { db in
            var result: [Int] = []
            for table in ["programme", "enrolment"] {
                result.append(try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1)
            }
            return result
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_partner_registers_a_programme_of_its_own_organisation_only(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52.03", engine: engine) { client, tokens, services, _ in
            try await ProgrammeAPITests.setUp(services)
            let organisations = try await ProgrammeStore(database: services.database).organisations()
            let mitra = try #require(organisations.first { $0.name == "Mitra Uji" }?.id)
            let kemensos = try #require(organisations.first { $0.name == "Kementerian Sosial" }?.id)
            let before = try await Self.counts(services)
            #expect(before == [2, 5])
            let partner = SignedInClient(base: client, token: try #require(tokens[.partner]))
            let good = try Self.workbook(code: "SEMBAKO-MITRA", lembaga: nil)

            // Another organisation's address: refused (403) and audited; nothing written.
            try await partner.execute(uri: "/organisasi/\(kemensos)/program-baru", method: .get) { #expect($0.status == .forbidden) }
            try await partner.execute(uri: "/organisasi/\(kemensos)/program-baru", method: .post, headers: ImportWebTests.headers,
                                      body: Self.multipart(good)) { #expect($0.status == .forbidden) }
            // Its own address, but the workbook names another organisation as Lembaga: refused whole.
            try await partner.execute(uri: "/organisasi/\(mitra)/program-baru", method: .post, headers: ImportWebTests.headers,
                                      body: Self.multipart(try Self.workbook(code: "SEMBAKO-MITRA", lembaga: "Kementerian Sosial"))) { response in
                #expect(response.status == .forbidden || response.status == .unprocessableContent, "\(response.status)")
                #expect(response.text.contains("bukan program Mitra Uji"))
            }
            // A workbook whose target regions lie outside the partner's region (52.04): refused.
            try await partner.execute(uri: "/organisasi/\(mitra)/program-baru", method: .post, headers: ImportWebTests.headers,
                                      body: Self.multipart(try Self.workbook(code: "SEMBAKO-MITRA", lembaga: nil, regions: "52.04"))) { #expect($0.status == .forbidden) }
            // A plain list (no programme sheet): refused with the reason.
            try await partner.execute(uri: "/organisasi/\(mitra)/program-baru", method: .post, headers: ImportWebTests.headers,
                                      body: ImportWebTests.multipart(file: "daftar.csv", content: "NIK;Nama\n5203014101800001;Inaq Sari\n")) { response in
                #expect(response.status == .badRequest && response.text.contains("tanpa lembar program"), "\(response.status)")
            }
            // A viewer may not, even for the partner's organisation.
            try await client.execute(uri: "/organisasi/\(mitra)/program-baru", method: .post, headers: ImportWebTests.headers.merging(bearer(tokens[.viewer])),
                                     body: Self.multipart(good)) { #expect($0.status == .forbidden) }
            #expect(try await Self.counts(services) == before, "nothing written by the refused uploads")
            let denied = try await services.audit.search(.init(action: "access.denied", limit: 100))
            #expect(denied.contains { $0.actor == "r-partner" && $0.target == "POST /organisasi/\(kemensos)/program-baru" })

            // The partner's Programme page links only its own organisation.
            try await partner.execute(uri: "/program", method: .get) { response in
                #expect(response.text.contains("/organisasi/\(mitra)/program-baru") && !response.text.contains("/organisasi/\(kemensos)/program-baru"))
            }
            // Its own: the programme is registered as Mitra Uji's, its two participants enrolled, the report shown.
            try await partner.execute(uri: "/organisasi/\(mitra)/program-baru", method: .post, headers: ImportWebTests.headers,
                                      body: Self.multipart(good)) { response in
                #expect(response.status == .ok, "\(response.text.prefix(400))")
                #expect(response.text.contains("Daftar penerima Sembako Mitra") && response.text.contains("SEMBAKO-MITRA"))
            }
            #expect(try await Self.counts(services) == [3, 7])
            let record = try #require(try await ProgrammeStore(database: services.database).programme(ProgrammeCode("SEMBAKO-MITRA")!))
            let lotim = try RegionCode("52.03")
            #expect(record.organisation.name == "Mitra Uji" && record.programme.unit == .family && record.programme.targetRegions == [lotim])
            let people = try await ProgrammeStore(database: services.database).enrolments(of: ProgrammeCode("SEMBAKO-MITRA")!)
            #expect(people.map { $0.participantNumber ?? "-" } == ["SM-01", "SM-02"])

            // An operator registers one for the national Kemensos (its region covers theirs).
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            try await op.execute(uri: "/organisasi/\(kemensos)/program-baru", method: .post, headers: ImportWebTests.headers,
                                 body: Self.multipart(try Self.workbook(code: "SEMBAKO-KEMENSOS", lembaga: nil))) { #expect($0.status == .ok) }
            #expect(try await ProgrammeStore(database: services.database).programme(ProgrammeCode("SEMBAKO-KEMENSOS")!)?.organisation.name == "Kementerian Sosial")
        }
    }
}
