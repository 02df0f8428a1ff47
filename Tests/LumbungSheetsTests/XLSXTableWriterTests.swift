import Foundation
import LumbungTestSupport
import LumbungDomain
import LumbungSheets
import Testing
import ZIPFoundation

@Suite struct XLSXTableWriterTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ rows: [[Cell]], to url: URL) throws {
        let writer = try XLSXTableWriter(url: url, sheetName: "Data", header: rows.first, columnWidths: [20, 12], frozenRows: 1)
        for row in rows { try writer.write(row) }
        try writer.finish()
    }

    static func entry(_ path: String, in url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static let date = CalendarDate(year: 1992, month: 8, day: 5)!
    static let rows: [[Cell]] = [
        [.text("NIK"), .text("NAMA"), .text("TANGGAL LAHIR"), .text("JUMLAH")],
        [.text("5203014508920001"), .text("Baiq <Siti> & \"Nur\""), .date(date, text: "05/08/1992"), .number(4)],
        [.text(" spasi "), .empty, .empty, .number(-1)],
    ]

    @Test func a_workbook_holds_text_numbers_and_real_dates() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.xlsx")
        try Self.write(Self.rows, to: url)
        let sheet = try Self.entry("xl/worksheets/sheet1.xml", in: url)
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t>5203014508920001</t></is></c>"#))
        #expect(sheet.contains("<t>Baiq &lt;Siti&gt; &amp; \"Nur\"</t>"))
        #expect(sheet.contains(#"<c r="C2" s="1"><v>33821</v></c>"#))
        #expect(sheet.contains(#"<c r="D3"><v>-1</v></c>"#))
        #expect(sheet.contains(#"<t xml:space="preserve"> spasi </t>"#))
        #expect(!sheet.contains(#"r="B3""#))
        #expect(sheet.contains(#"<pane ySplit="1""#))
        #expect(try Self.entry("xl/workbook.xml", in: url).contains(#"<sheet name="Data" sheetId="1" r:id="rId1"/>"#))
        // Nothing of the work folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.xlsx"])
    }

    @Test func the_same_rows_give_the_same_bytes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.xlsx"), second = folder.appendingPathComponent("b.xlsx")
        try Self.write(Self.rows, to: first)
        try Self.write(Self.rows, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test func column_names_follow_excel() {
        let names = [0, 25, 26, 51, 52, 701, 702, 16_383].map { index -> String in
            let writerIndex = index
            return XLSXColumnProbe.name(writerIndex)
        }
        #expect(names == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
    }

    @Test(.enabled(if: LibreOffice.path != nil))
    func libreoffice_opens_the_workbook_and_reads_every_cell() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("check.xlsx")
        try Self.write(Self.rows, to: url)
        let csv = try LibreOffice.convertToCSV(url, in: folder)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "NIK,NAMA,TANGGAL LAHIR,JUMLAH")
        // The NIK stays a 16-digit text, the date is a date, the number a number.
        #expect(lines[1].hasPrefix("5203014508920001,\"Baiq <Siti> & \"\"Nur\"\"\","))
        // Format 14 is the locale's short date: 08/05/1992 in the en-US locale LibreOffice uses headless.
        let date = lines[1].split(separator: ",")[2]
        let parts = date.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).compactMap { Int($0) }
        #expect(Set(parts).isSuperset(of: [8, 5]) && (parts.contains(1992) || parts.contains(92)), "\(lines[1])")
        #expect(lines[1].hasSuffix(",4"))
        #expect(lines[2] == " spasi ,,,-1")
    }
}

/// Reaches the writer's column naming through the public API: a row of N cells ends in column `name(N-1)`.
enum XLSXColumnProbe {
    static func name(_ index: Int) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID())")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.xlsx")
        var row = [Cell](repeating: .empty, count: index + 1)
        row[index] = .number(1)
        try! XLSXTableWriterTests.write([row], to: url)
        let sheet = try! XLSXTableWriterTests.entry("xl/worksheets/sheet1.xml", in: url)
        let start = sheet.range(of: "<c r=\"")!.upperBound
        let reference = sheet[start...].prefix { $0 != "\"" }
        return String(reference.dropLast())
    }
}

/// LibreOffice, when installed (CI installs it): converts a workbook to CSV as a real office suite reads it.
enum LibreOffice {
    static let path: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func convertToCSV(_ url: URL, in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        let profile = folder.appendingPathComponent("lo-profile")
        process.arguments = ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                             "--outdir", folder.path, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        let csv = folder.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".csv")
        return try String(contentsOf: csv, encoding: .utf8)
    }
}
