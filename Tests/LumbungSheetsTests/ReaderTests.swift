import Foundation
import LumbungTestSupport
import LumbungDomain
import LumbungSheets
import Testing
import ZIPFoundation

@Suite struct CSVSheetReaderTests {
    static func file(_ bytes: [UInt8], name: String = "t.csv") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csvr-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func rows(_ url: URL) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try CSVSheetReader(url: url).forEachRow { rows.append($0) }
        return rows
    }

    @Test(arguments: [",", ";", "\t"])
    func the_delimiter_is_found(delimiter: String) throws {
        let text = ["NIK\(delimiter)NAMA\(delimiter)ALAMAT", "5203014508920001\(delimiter)Siti\(delimiter)\"Jl. A\(delimiter) B\"", "5203014508920002\(delimiter)Ali\(delimiter)"]
        let rows = try Self.rows(Self.file(Array(text.joined(separator: "\r\n").utf8)))
        #expect(rows.count == 3)
        #expect(rows[1].values == [.text("5203014508920001"), .text("Siti"), .text("Jl. A\(delimiter) B")])
        #expect(rows[2].values == [.text("5203014508920002"), .text("Ali"), .empty])
    }

    @Test func quotes_line_breaks_and_a_bom_are_handled_and_rows_keep_their_line_numbers() throws {
        let text = "\u{FEFF}a,b\n\"x\ny\",\"say \"\"hi\"\"\"\n\nlast,row"
        let rows = try Self.rows(Self.file(Array(text.utf8)))
        #expect(rows.map(\.number) == [1, 2, 4, 5])
        #expect(rows[0].values == [.text("a"), .text("b")])
        #expect(rows[1].values == [.text("x\ny"), .text("say \"hi\"")])
        #expect(rows[2].isBlank)
        #expect(rows[3].values == [.text("last"), .text("row")])
    }

    @Test func windows_1252_text_is_decoded() throws {
        // "Desa Sukamulia – Rasanaé" in Windows-1252: 0x96 en dash, 0xE9 é.
        let bytes: [UInt8] = Array("nama\nDesa Sukamulia ".utf8) + [0x96] + Array(" Rasana".utf8) + [0xE9]
        let rows = try Self.rows(Self.file(bytes))
        #expect(rows[1].values == [.text("Desa Sukamulia – Rasanaé")])
    }

    @Test(arguments: [
        ([UInt8](), "is empty"),
        (Array("<!DOCTYPE html><html><table><tr><td>NIK</td></tr></table></html>".utf8), "a web page (HTML)"),
        (Array("%PDF-1.7 binary".utf8), "a PDF document"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "password-protected"),
    ])
    func files_that_are_not_csv_are_refused_with_a_reason(bytes: [UInt8], message: String) throws {
        let url = try Self.file(bytes, name: "data.csv")
        #expect { _ = try Self.rows(url) } throws: { error in
            "\(error)".contains("data.csv") && "\(error)".contains(message)
        }
    }

    /// The Indonesian message names what the file is in Indonesian (it once read "isinya tampak seperti a web page (HTML)
    /// saved with a .csv name").
    @Test(arguments: [
        (Array("<!DOCTYPE html><html><table><tr><td>NIK</td></tr></table></html>".utf8),
         "data.csv bukan berkas spreadsheet atau CSV: isinya tampak seperti halaman web (HTML) yang disimpan dengan nama .csv."),
        (Array("%PDF-1.7 binary".utf8), "data.csv bukan berkas spreadsheet atau CSV: isinya tampak seperti dokumen PDF."),
        (Array("[{\"nik\": 1}]".utf8), "data.csv bukan berkas spreadsheet atau CSV: isinya tampak seperti dokumen JSON."),
    ])
    func the_indonesian_reason_is_indonesian(bytes: [UInt8], message: String) throws {
        let url = try Self.file(bytes, name: "data.csv")
        #expect { _ = try Self.rows(url) } throws: { error in
            (error as? SheetReadError)?.indonesianDescription.hasPrefix(message) == true
        }
    }

    @Test func a_file_that_turns_from_utf8_to_windows_1252_is_decoded_per_cell_and_the_rows_are_noted() throws {
        // 30 lines of UTF-8 ("Zoë" as C3 AB), then two lines in Windows-1252 ("Zoë" as EB, "Rasanaé" as E9).
        var bytes: [UInt8] = Array("nama,desa\n".utf8)
        for _ in 0..<30 { bytes += Array("Zoë,Rasanaé\n".utf8) }
        bytes += Array("Zo".utf8) + [0xEB] + Array(",Rasana".utf8) + [0xE9, 10]
        bytes += Array("Ali,Rasana".utf8) + [0xE9, 10]
        let rows = try Self.rows(Self.file(bytes))
        #expect(rows.count == 33)
        #expect(rows[1].values == [.text("Zoë"), .text("Rasanaé")] && rows[1].notes.isEmpty)
        #expect(rows[31].values == [.text("Zoë"), .text("Rasanaé")])
        #expect(rows[31].notes == [.encodingChanged(columns: [0, 1])])
        #expect(rows[32].values == [.text("Ali"), .text("Rasanaé")])
        #expect(rows[32].notes == [.encodingChanged(columns: [1])])
        #expect(rows[0..<31].allSatisfy { $0.notes.isEmpty })
    }

    @Test func a_windows_1252_file_with_a_utf8_row_in_its_head_is_read_as_windows_1252_with_that_row_noted() throws {
        // Three Windows-1252 lines, then one UTF-8 line: the head is mostly 1252, the UTF-8 row is the odd one.
        var bytes: [UInt8] = Array("nama\n".utf8)
        for _ in 0..<3 { bytes += Array("Rasana".utf8) + [0xE9, 10] }
        bytes += Array("Zoë\n".utf8)
        let rows = try Self.rows(Self.file(bytes))
        #expect(rows.map { $0.values } == [[.text("nama")], [.text("Rasanaé")], [.text("Rasanaé")], [.text("Rasanaé")], [.text("Zoë")]])
        #expect(rows.map(\.notes) == [[], [], [], [], [.encodingChanged(columns: [0])]])
    }

    @Test func a_huge_cell_is_refused_with_its_row_and_column() throws {
        let text = "a,b\n1," + String(repeating: "x", count: 40_000) + "\n"
        #expect(throws: SheetReadError.cellTooLarge(file: "t.csv", row: 2, column: 2)) { _ = try Self.rows(Self.file(Array(text.utf8))) }
    }

    @Test func a_million_columns_are_refused() throws {
        let text = String(repeating: "x,", count: 20_000)
        #expect(throws: SheetReadError.tooManyColumns(file: "t.csv", row: 1, count: 16_385)) { _ = try Self.rows(Self.file(Array(text.utf8))) }
    }
}

@Suite struct XLSXSheetReaderTests {
    static func rows(_ url: URL) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try XLSXSheetReader(url: url).forEachRow { rows.append($0) }
        return rows
    }

    @Test func our_own_workbooks_read_back_cell_for_cell() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("own.xlsx")
        try XLSXTableWriterTests.write(XLSXTableWriterTests.rows, to: url)
        let rows = try Self.rows(url)
        #expect(rows.count == 3)
        #expect(rows[1].values == [.text("5203014508920001"), .text("Baiq <Siti> & \"Nur\""), .date(XLSXTableWriterTests.date), .number("4")])
        #expect(rows[2].values == [.text(" spasi "), .empty, .empty, .number("-1")])
    }

    @Test(.enabled(if: LibreOffice.path != nil))
    func a_workbook_saved_by_libreoffice_with_shared_strings_and_dates_reads_right() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("saved.csv")
        try "NIK,NAMA,TANGGAL,JUMLAH\n'5203014508920001,Baiq Siti,1992-08-05,4\n'5203014508920002,Baiq Siti,1990-01-31,5\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LibreOffice.path!)
        process.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "xlsx", "--outdir", folder.path, csv.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        let url = folder.appendingPathComponent("saved.xlsx")
        let archive = try Archive(url: url, accessMode: .read)
        #expect(archive["xl/sharedStrings.xml"] != nil)
        let rows = try Self.rows(url)
        #expect(rows.count == 3)
        #expect(rows[0].values == [.text("NIK"), .text("NAMA"), .text("TANGGAL"), .text("JUMLAH")])
        #expect(rows[1][1] == .text("Baiq Siti") && rows[2][1] == .text("Baiq Siti"))
        #expect(rows[1][2] == .date(CalendarDate(year: 1992, month: 8, day: 5)!))
        #expect(rows[2][3] == .number("5"))
        #expect(rows[1][0].text.hasSuffix("5203014508920001"))
    }

    @Test func a_truncated_workbook_is_reported_as_damaged() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cut.xlsx")
        try XLSXTableWriterTests.write(XLSXTableWriterTests.rows, to: url)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        #expect { _ = try Self.rows(url) } throws: { error in
            guard case SheetReadError.damagedWorkbook(let file, _) = error else { return false }
            return file == "cut.xlsx"
        }
    }

    @Test func malformed_sheet_xml_is_reported_as_damaged() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.xlsx"), bad = folder.appendingPathComponent("bad.xlsx")
        try XLSXTableWriterTests.write(XLSXTableWriterTests.rows, to: good)
        let source = try Archive(url: good, accessMode: .read)
        let target = try Archive(url: bad, accessMode: .create)
        for entry in source {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet1.xml" { data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</sheetData>", with: "<row r=\"9\"><c r=\"A9\" t=\"s\"").utf8) }
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        #expect { _ = try Self.rows(bad) } throws: { error in
            guard case SheetReadError.damagedWorkbook(_, let detail) = error else { return false }
            return detail.english.contains("malformed")
        }
    }

    @Test func a_csv_with_an_xlsx_name_and_an_old_xls_are_told_apart() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("not.xlsx")
        try Data("NIK,NAMA\n".utf8).write(to: text)
        #expect(throws: SheetReadError.notATable(file: "not.xlsx", looksLike: .textWithXLSXName)) { _ = try XLSXSheetReader(url: text) }
        let old = folder.appendingPathComponent("old.xlsx")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: old)
        #expect(throws: SheetReadError.oldOrProtectedWorkbook(file: "old.xlsx")) { _ = try XLSXSheetReader(url: old) }
    }
}
