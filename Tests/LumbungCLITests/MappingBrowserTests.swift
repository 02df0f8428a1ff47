import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// The mapping page in a real browser at a phone's width: a partner file with unknown headers (uploaded like the
/// page's form does), its columns chosen in the <select>s, Pratinjau, then Impor, all by plain form submits.
@Suite(.serialized, .enabled(if: chromium != nil)) struct MappingBrowserTests {
    static let partnerFile = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Alamat
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;catatan
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;catatan
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;catatan
        """

    @Test func an_operator_maps_previews_and_imports_a_partner_file_in_chromium() async throws {
        await browserTurns.enter()
        defer { Task { await browserTurns.leave() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("browser-map-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lumbung.sqlite").path
        #expect(try await LumbungProcess.run(["migrate", "--database", file]).status == 0)
        let database = try await TestDatabase.open(.sqlite(path: file))
        let actor = AuditActor(name: "test", address: nil)
        _ = try await UserStore(database: database).add(username: "op-lotim", displayName: "Operator", role: .operator, scope: "52.03",
                                                        organisation: nil, password: "kata-sandi-uji-2026", by: actor)
        let token = try await SessionStore(database: database).issueToken(for: "op-lotim", name: "browser", days: 1, by: actor).token
        await database.close()
        let (server, out, _) = try LumbungProcess.start(["serve", "--port", "0", "--database", file, "--log-level", "error"])
        defer { server.terminate(); server.waitUntilExit() }
        var printed = ""
        while !printed.contains("http://"), case let chunk = out.fileHandleForReading.availableData, !chunk.isEmpty {
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let range = try #require(printed.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression))
        let base = String(printed[range].dropLast())

        // The upload, as the form's "Unggah lalu petakan kolom" button sends it.
        let upload = folder.appendingPathComponent("baznas-juni.csv")
        try Self.partnerFile.write(to: upload, atomically: true, encoding: .utf8)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{redirect_url}", "-H", "Authorization: Bearer \(token)", "-F", "file=@\(upload.path)",
                          base + "/impor/petakan"]
        let answer = Pipe()
        curl.standardOutput = answer
        try ProcessLaunch.run(curl)
        let mappingURL = String(decoding: answer.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(mappingURL.hasPrefix(base + "/impor/petakan/"), "\(mappingURL)")

        let browser = try HeadlessChromium(executable: chromium!)
        defer { browser.close() }
        try browser.authorize(token)
        try browser.emulate(width: 360, height: 740, mobile: true)
        try browser.open(mappingURL)
        #expect(try browser.evaluate("document.querySelector('h1').textContent") == "Petakan kolom baznas-juni.csv")
        #expect(try browser.evaluate("String(document.querySelectorAll('select').length)") == "7")
        let width = try browser.evaluate("String(document.documentElement.scrollWidth)")
        print("browser: the mapping page at 360 px is \(width) px wide")
        #expect(Int(width) ?? 9_999 <= 360, "the mapping page scrolls sideways: \(width) px")
        let fields = ["no_kk", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "abaikan"]
        let choose = fields.enumerated().map { "document.querySelector('select[name=kolom_\($0.offset)]').value = '\($0.element)';" }.joined()
        try browser.submit(choose + """
            document.getElementById('desa').value = '52.03.01.2001'; document.getElementById('tanggal_data').value = '2025-06-30';
            document.querySelector('button[value=pratinjau]').click();
            """)
        let names = try browser.evaluate("Array.from(document.querySelectorAll('section.preview tbody tr')).map(r => r.cells[3].textContent + '/' + r.cells[9].textContent).join('|')")
        #expect(names == "Lalu Ahmad/baik|Baiq Siti/baik|Inaq Sari/baik")
        // The choices stay as made after the preview.
        #expect(try browser.evaluate("document.querySelector('select[name=kolom_3]').value") == "jenis_kelamin")
        try browser.submit("document.querySelector('button[value=impor]').click();")
        var report = ""
        for _ in 0..<60 {
            report = try browser.evaluate("document.querySelector('main, body').textContent")
            if !report.contains("Sedang diproses") { break }
            try await Task.sleep(for: .milliseconds(500))
            try browser.open(try browser.evaluate("location.href"))
        }
        #expect(report.contains("Selesai: impor no. 1."), "\(report.prefix(400))")
        let opened = try await TestDatabase.open(.sqlite(path: file))
        let people = try await opened.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'").first()?.decode(column: "n", as: Int.self)
        }
        await opened.close()
        #expect(people == 3)
    }
}
