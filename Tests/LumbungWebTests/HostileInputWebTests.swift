import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import NIOCore
import Testing

/// The server against an attacker's numbers and files (issue 12, findings 1, 2 and 11, and the fuzzed
/// sweep of "Done when"). A trap anywhere (`Int(1e19)`, an index of -1) ends the test process, so these
/// tests passing is the proof that the server survives; each answer must also be one a client can act on.
@Suite struct HostileInputWebTests {
    /// Numbers at the extremes, and text that is almost a number.
    static let extremes = ["1e308", "-1e308", "1e19", "-1e19", "NaN", "nan", "inf", "-inf", "Infinity", "1e-400", "-0", "0x1p70",
                           "9223372036854775807", "9223372036854775808", "-9223372036854775809", String(repeating: "9", count: 31),
                           "1" + String(repeating: "0", count: 1_000), "", "%00", "1,5e308", "+1e19"]

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// Every query and path a signed-in user can reach with a number in it, each extreme value in turn.
    static func sweep() -> [String] {
        let indicators = ["desil1_families", "desil1to4_families", "unfit_housing", "no_safe_water", "no_sanitation", "out_of_school", "disability"]
        var uris: [String] = ["/peringkat?w_desil1_families=1e19"]
        for raw in extremes {
            let value = encoded(raw)
            uris += indicators.map { "/peringkat?within=52&level=desa&w_\($0)=\(value)" }
            uris += [
                "/peringkat?" + indicators.map { "w_\($0)=\(value)" }.joined(separator: "&"),
                "/peringkat?weights=desil1_families:\(value)",
                "/peringkat?weights=" + indicators.map { "\($0):\(value)" }.joined(separator: ","),
                "/peringkat?within=\(value)", "/peringkat?level=\(value)",
                "/api/v1/rankings?weights=desil1_families:\(value),unfit_housing:1",
                "/api/v1/rankings?weights=" + indicators.map { "\($0):\(value)" }.joined(separator: ","),
                "/api/v1/rankings?within=\(value)&level=\(value)",
                "/api/v1/regions?q=\(value)&limit=\(value)", "/api/v1/regions/\(value)", "/api/v1/regions/\(value)/indicators",
                "/api/v1/regions/\(value)/summary", "/api/v1/regions/52/indicators?as_of=\(value)", "/api/v1/indicators?page=\(value)",
                "/wilayah?q=\(value)", "/wilayah/\(value)", "/wilayah/\(value)/indikator",
                "/audit?dari=\(value)&sampai=\(value)&wilayah=\(value)&tindakan=\(value)&pengguna=\(value)",
                "/impor/proses/\(value)", "/impor/proses/\(value)/ditolak.csv", "/api/v1/imports/\(value)", "/masuk?lanjut=\(value)",
                // Beranda, maps, sorting, paging and downloads (issue 15).
                "/?wilayah=\(value)", "/?indikator=\(value)&kelas=\(value)", "/wilayah/52.03?indikator=\(value)&kelas=\(value)&urut=\(value)",
                "/wilayah/\(value)/peta.svg", "/wilayah/52.03/peta.svg?indikator=\(value)", "/wilayah/\(value)/indikator.csv",
                "/wilayah/\(value)/indikator.xlsx", "/peringkat?within=52&min_keluarga=\(value)&halaman=\(value)",
                "/peringkat.csv?min_keluarga=\(value)", "/peringkat.xlsx?halaman=\(value)&within=\(value)",
                "/api/v1/rankings?within=52&min_keluarga=\(value)", "/peringkat?penyusutan=\(value)", "/api/v1/rankings?penyusutan=\(value)",
                "/wilayah/52.03/peta.geojson?indikator=\(value)&kelas=\(value)",
                // Programmes, coverage and coordination (issue 14); column templates and mapping pages (issue 13).
                "/api/v1/coverage?within=\(value)&level=\(value)&sector=\(value)", "/koordinasi?within=\(value)&sektor=\(value)",
                "/api/v1/coverage?within=52&period=\(value)&from=\(value)&to=\(value)", "/koordinasi?within=52&dari=\(value)&sampai=\(value)&periode=\(value)",
                "/koordinasi.xlsx?within=\(value)", "/api/v1/programmes?within=\(value)", "/api/v1/programmes/\(value)",
                "/api/v1/programmes/\(value)/enrolments?within=\(value)", "/program/\(value)", "/impor/petakan/\(value)",
                // Pemantauan (issue 16).
                "/pemantauan?wilayah=\(value)&indikator=\(value)", "/pemantauan/unduh?wilayah=\(value)", "/api/v1/regions/52/indicators?snapshot=\(value)",
                "/api/v1/snapshots/diff?from=\(value)&to=\(value)&level=\(value)&within=\(value)", "/api/v1/targets?indicator=\(value)&within=\(value)",
                "/api/v1/regions/\(value)/progress?indicator=\(value)",
                // The printable brief and its map's parameters (issue 15).
                "/wilayah/\(value)/ringkas", "/wilayah/52.03/ringkas?indikator=\(value)", "/wilayah/52.03/ringkas?kelas=\(value)",
                "/wilayah/52.03/ringkas?urut=\(value)&indikator=desil1_families&kelas=\(value)",
            ]
        }
        return uris
    }

    @Test func every_numeric_parameter_at_the_extremes_gets_an_answer_not_a_crash() async throws {
        for role in [Role.admin, .viewer] {
            try await withWebApp(as: role) { client in
                for uri in Self.sweep() {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect([200, 303, 400, 403, 404].contains(response.status.code), "\(role) \(uri): \(response.status)")
                    }
                }
                for raw in Self.extremes {
                    try await client.execute(uri: "/api/v1/people/lookup", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "nik=\(Self.encoded(raw))")) { response in
                        #expect([200, 400, 403, 404].contains(response.status.code), "lookup \(raw): \(response.status)")
                    }
                    try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                             body: ImportWebTests.multipart(file: "k.csv", content: ImportWebTests.families,
                                                                            fields: ["as_of": raw, "dry_run": raw, "layout": raw])) { response in
                        #expect([202, 400, 403].contains(response.status.code), "import as_of \(raw): \(response.status)")
                    }
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test func a_viewer_asking_for_a_weight_of_1e19_gets_a_400_in_indonesian() async throws {
        try await withWebApp(as: .viewer) { client in
            try await client.execute(uri: "/peringkat?w_desil1_families=1e19", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("bobot “Keluarga desil 1” lebih dari 1.000"))
            }
            try await client.execute(uri: "/api/v1/rankings?weights=desil1_families:1e308,unfit_housing:1e308", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/peringkat?w_desil1_families=1000&w_unfit_housing=0,5", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// Hostile values of `?lang=`: too long, control characters, a NUL after a real language, a path.
    static let languages = [String(repeating: "en", count: 5_000), "en\u{0}", "\u{0}", "id\u{7}\u{1B}[31m", "en\r\nSet-Cookie: x=1", "../", "../../etc/passwd",
                            "%", "%%32%65", "EN", " en ", "fr", "", "lang", "\u{202E}ne"]
    /// Hostile values of `?lembar=` (the sheet on the mapping page) besides the numeric extremes.
    static let sheets = ["0", "-1", "2", "10001", "1.5", "satu", "\u{0}", "1\u{0}", "../", String(repeating: "1", count: 5_000)]

    /// A page's body holds no control character but tab, line feed and carriage return.
    static func controlCharacters(in text: String) -> [UInt32] {
        text.unicodeScalars.filter { $0.properties.generalCategory == .control && !["\t", "\n", "\r"].contains($0) }.map(\.value)
    }

    @Test(arguments: TestDatabase.engines)
    func hostile_languages_brief_parameters_and_sheet_numbers_get_a_default_or_a_clear_message(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            for raw in Self.languages {
                let value = Self.encoded(raw)
                for uri in ["/?lang=\(value)", "/wilayah/52.03.01?lang=\(value)", "/wilayah/52.03.01/ringkas?lang=\(value)", "/peringkat?lang=\(value)",
                            "/wilayah/52.03.01/indikator?lang=\(value)&q=\(value)", "/wilayah/52.03.01/indikator.csv?lang=\(value)"] {
                    let response = try await admin.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                    #expect(response.status == .ok, "\(uri.prefix(80)): \(response.status)")
                    #expect(Self.controlCharacters(in: response.text).isEmpty, "\(uri.prefix(80)) echoes a control character")
                    #expect(response.headers[values: .setCookie].allSatisfy { !$0.contains("x=1") }, "\(uri.prefix(80))")
                }
                // Not a language Lumbung has: the page stays in the reader's language (Bahasa Indonesia), and nothing is remembered.
                let page = try await admin.executeRequest(uri: "/?lang=\(value)", method: .get, headers: [:], body: nil)
                let expected = raw.trimmingCharacters(in: .whitespaces).lowercased() == "en" ? "en" : "id"
                #expect(page.text.contains("<html lang=\"\(expected)\">"), "\(raw.prefix(20).debugDescription)")
                #expect(try await UserStore(database: services.database).user(named: "r-admin")?.language == expected, "\(raw.prefix(20).debugDescription)")
                _ = try await admin.executeRequest(uri: "/?lang=id", method: .get, headers: [:], body: nil)
                // The sign-in page before signing in: the same, and the cookie only ever holds a language.
                let visitor = try await client.executeRequest(uri: "/masuk?lang=\(value)", method: .get, headers: [:], body: nil)
                #expect(visitor.status == .ok && Self.controlCharacters(in: visitor.text).isEmpty)
                #expect(visitor.headers[values: .setCookie].filter { $0.hasPrefix("lumbung_bahasa=") }
                    .allSatisfy { $0.hasPrefix("lumbung_bahasa=en;") || $0.hasPrefix("lumbung_bahasa=id;") })
            }
            // The brief with an unknown indicator, class method or sort: 404 or 400 that names the choices, no raw control character.
            for (uri, status) in [("/wilayah/52.03/ringkas?indikator=%00tidak_ada", 404), ("/wilayah/52.03/ringkas?kelas=%1B[31m", 400),
                                  ("/wilayah/52.03/ringkas?urut=..%2F..%2F", 400), ("/wilayah/..%2F52/ringkas", 400)] {
                let response = try await admin.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect(Int(response.status.code) == status || (status == 400 && response.status == .notFound), "\(uri): \(response.status)")
                #expect(Self.controlCharacters(in: response.text).isEmpty, "\(uri)")
                #expect(response.text.contains("<header") && response.text.contains("Keluar"), "\(uri): the signed-in header stays")
            }
            // The mapping page's sheet number: the first sheet by default, whatever `lembar` holds.
            let op = SignedInClient(base: client, token: try #require(tokens[.operator]))
            let location = try await MappingBadInputWebTests.upload("lembar.csv", MappingBadInputWebTests.header + "\n5203011106180101;5203011207850001;Baiq;P;12/07/1985;Kepala Keluarga;x\n", client: op)
            for raw in Self.sheets + Self.extremes {
                let uri = location + "?lembar=" + Self.encoded(raw)
                let response = try await op.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect([200, 400].contains(response.status.code), "\(uri.prefix(80)): \(response.status)")
                #expect(response.text.contains("Petakan kolom lembar.csv"), "\(uri.prefix(80))")
                #expect(Self.controlCharacters(in: response.text).isEmpty, "\(uri.prefix(80))")
                // Sent back with the form: still a page, never a 500.
                let posted = try await op.executeRequest(uri: location, method: .post, headers: MappingPageWebTests.form,
                                                         body: MappingPageWebTests.body(MappingBadInputWebTests.fields, extra: ["lembar": raw, "aksi": "pratinjau",
                                                                                                                                  "desa": "52.03.01.2001"]))
                #expect([200, 400].contains(posted.status.code), "POST lembar=\(raw.prefix(20).debugDescription): \(posted.status)")
                #expect(Self.controlCharacters(in: posted.text).isEmpty, "POST lembar=\(raw.prefix(20).debugDescription)")
            }
        }
    }

    // MARK: Hostile uploads

    static let boundary = "----lumbung-hostile-boundary"

    static func upload(_ file: URL, fields: [String: String] = [:]) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
        }
        buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.lastPathComponent)\"\r\n"
                           + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
        buffer.writeBytes(try Data(contentsOf: file))
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return buffer
    }

    /// Uploads `file` through the import API and waits (up to two minutes) for the job to end.
    static func importEnd(_ file: URL, fields: [String: String] = [:], client: some TestClientProtocol) async throws -> [String: Any] {
        let id = try await client.execute(uri: "/api/v1/imports", method: .post,
                                          headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: try upload(file, fields: fields)) { response in
            #expect(response.status == .accepted)
            return try #require(try response.json()["id"] as? String)
        }
        for _ in 0..<1_200 {
            let json = try await client.execute(uri: "/api/v1/imports/\(id)", method: .get) { try $0.json() }
            if json["state"] as? String != "running" { return json }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the import of \(file.lastPathComponent) did not finish")
        return [:]
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-web-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func hostile_workbooks_uploaded_end_in_a_report_or_a_clear_error_and_the_server_lives_on() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A birth date of 1e300 (date-styled and not), and other numbers no Int holds.
        let dates = folder.appendingPathComponent("keluarga-tanggal.xlsx")
        let header = HostileWorkbook.textRow(1, ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir"])
        let people = ["1e300", "1e19", "NaN", "-inf"].enumerated().map { index, serial in
            HostileWorkbook.textRow(index + 2, ["5203011106180101", "520301450892000\(index + 1)", "Baiq Siti", "2"])
                .replacingOccurrences(of: "</row>", with: #"<c r="E\#(index + 2)"\#(index % 2 == 0 ? #" s="1""# : "")><v>\#(serial)</v></c></row>"#)
        }
        try HostileWorkbook.write(to: dates, sheet: HostileWorkbook.sheet(header + people.joined()))
        // Two million and one shared strings (about 100 KB packed).
        let bomb = folder.appendingPathComponent("bom.xlsx")
        try HostileWorkbook.write(to: bomb, sheet: HostileWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#),
                                  sharedStrings: HostileWorkbook.Part("<sst>", repeating: "<si><t>a</t></si>", times: 2_000_001, "</sst>"))
        // An unclosed comment of 16 MiB.
        let comment = folder.appendingPathComponent("komentar.xlsx")
        try HostileWorkbook.write(to: comment, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + "<!--", repeating: "-- ", times: 16 << 20 / 3))

        try await withWebApp { client in
            for dryRun in ["1", "0"] {
                let done = try await Self.importEnd(dates, fields: ["dry_run": dryRun, "as_of": "2025-06-30"], client: client)
                if done["state"] as? String == "done" {
                    let report = try #require(done["report"] as? [String: Any])
                    #expect(report["inserted"] as? Int == 0 && report["rejected"] as? Int == 4)
                } else {
                    #expect(done["state"] as? String == "failed" && (done["error"] as? String)?.contains("keluarga-tanggal.xlsx") == true)
                }
            }
            let bombed = try await Self.importEnd(bomb, fields: ["dry_run": "1"], client: client)
            #expect(bombed["state"] as? String == "failed")
            let message = bombed["error_indonesian"] as? String ?? bombed["errorIndonesian"] as? String
            #expect(message?.hasPrefix("Berkas bom.xlsx terlalu besar setelah dibuka: bagiannya xl/sharedStrings.xml") == true, "\(bombed)")
            let commented = try await Self.importEnd(comment, fields: ["dry_run": "1"], client: client)
            #expect(commented["state"] as? String == "failed")
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
