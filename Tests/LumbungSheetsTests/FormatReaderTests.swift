import Foundation
import LumbungDomain
import LumbungSheets
import LumbungTestSupport
import Testing
import ZIPFoundation

/// Issue 13, item 3: the file formats partners send, each built by hand here from its specification —
/// .ods, Excel 97–2003 .xls, a web page saved as .xls, UTF-16 CSV — read row by row, and the ones that
/// cannot be read (password, Excel 95 and older) refused with a message saying how to save them.
enum Formats {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formats-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = try folder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func rows(_ reader: any SheetReader) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try reader.forEachRow { rows.append($0) }
        return rows
    }

    /// Every sheet's rows, through the one entry point.
    static func sheets(_ url: URL) throws -> [[SheetRow]] {
        try SheetFormat.readers(for: url).map(rows)
    }

    static func error(_ body: () throws -> Void) -> SheetReadError? {
        do {
            try body()
            return nil
        } catch {
            return error as? SheetReadError
        }
    }

    /// An .ods package around `content` (the body of `office:spreadsheet`).
    static func ods(_ content: String, name: String = "t.ods", mimetype: String = "application/vnd.oasis.opendocument.spreadsheet",
                    manifest: String = "<manifest:manifest/>") throws -> URL {
        let url = try folder().appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#
            + content + "</office:spreadsheet></office:body></office:document-content>"
        for (path, text, method) in [("mimetype", mimetype, CompressionMethod.none), ("content.xml", xml, .deflate),
                                     ("META-INF/manifest.xml", manifest, .deflate)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return url
    }

    static let date = CalendarDate(year: 1992, month: 8, day: 5)!

    /// `text` in UTF-16 with its byte-order mark.
    static func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let pair: [UInt8] = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bigEndian ? pair.reversed() : pair
        }
        return bytes
    }
}

@Suite struct SheetFormatTests {
    @Test func each_format_is_told_by_its_content_whatever_its_name() throws {
        let xlsx = try Formats.folder().appendingPathComponent("data.csv")
        try XLSXTableWriterTests.write(XLSXTableWriterTests.rows, to: xlsx)
        #expect(try SheetFormat.detect(xlsx) == .xlsx)
        #expect(try SheetFormat.detect(Formats.ods("<table:table table:name=\"A\"/>", name: "data.xlsx")) == .ods)
        let xls = CompoundFileBuilder.build([("Workbook", BIFFBuilder.workbook(sheets: [("A", [])]))]).bytes
        #expect(try SheetFormat.detect(Formats.write(xls, "data.xlsx")) == .xls)
        for html in ["<html><body><table></table></body></html>", "\u{FEFF}\n  <TABLE border=1><tr><td>1</td></tr></TABLE>",
                     "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.0//EN\"><html>", "\r\n\t<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"] {
            #expect(try SheetFormat.detect(Formats.write(Array(html.utf8), "data.xls")) == .html, "\(html)")
        }
        #expect(try SheetFormat.detect(Formats.write(Formats.utf16("<html>"), "data.xls")) == .html)
        let latin: [UInt8] = Array("NAMA\nRasana".utf8) + [0xE9]
        let csvs: [[UInt8]] = [Array("NIK;NAMA\n1;Siti\n".utf8), Array("\u{FEFF}NIK,NAMA\n".utf8), latin,
                               Formats.utf16("NIK\tNAMA\n"), Formats.utf16("NIK,NAMA\n", bigEndian: true)]
        for csv in csvs {
            #expect(try SheetFormat.detect(Formats.write(csv, "data.xlsx")) == .csv)
        }
    }

    @Test func a_password_protected_workbook_is_refused_with_how_to_save_it_readable() throws {
        // An encrypted .xlsx is a compound file with EncryptionInfo and EncryptedPackage streams.
        let encrypted = CompoundFileBuilder.build([("EncryptionInfo", [4, 0, 4, 0, 0x40, 0, 0, 0]), ("EncryptedPackage", [UInt8](repeating: 7, count: 5000))])
        let xlsx = try Formats.write(encrypted.bytes, "rahasia.xlsx")
        let error = Formats.error { _ = try SheetFormat.readers(for: xlsx) }
        #expect(error == .passwordProtected(file: "rahasia.xlsx"))
        #expect(error?.indonesianDescription.contains("Simpan ulang sebagai .xlsx") == true)
        // An .xls with a password to open has a FILEPASS record in its globals.
        let filePass = BIFFBuilder.record(0x002F, [1, 0, 1, 0, 1, 0] + [UInt8](repeating: 0, count: 48))
        let xls = CompoundFileBuilder.build([("Workbook", BIFFBuilder.workbook(sheets: [("A", [])], extraGlobals: filePass))])
        #expect(Formats.error { _ = try SheetFormat.readers(for: Formats.write(xls.bytes, "rahasia.xls")) } == .passwordProtected(file: "rahasia.xls"))
        // An encrypted .ods says so in its manifest.
        let ods = try Formats.ods("<table:table/>", name: "rahasia.ods", manifest: "<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
        #expect(Formats.error { _ = try SheetFormat.readers(for: ods) } == .passwordProtected(file: "rahasia.ods"))
    }

    @Test func excel_95_and_older_workbooks_are_refused_with_how_to_save_them_readable() throws {
        // Excel 5.0/95 keeps its BIFF5 stream under the name "Book".
        let book = CompoundFileBuilder.build([("Book", BIFFBuilder.record(0x0809, BIFFBuilder.le16(0x0500) + BIFFBuilder.le16(5) + [0, 0, 0, 0]))])
        let error = Formats.error { _ = try SheetFormat.readers(for: Formats.write(book.bytes, "lama.xls")) }
        #expect(error == .tooOldFormat(file: "lama.xls", format: "Excel 5.0/95 (BIFF5)"))
        #expect(error?.indonesianDescription.contains("Simpan ulang sebagai .xlsx") == true)
        // A BIFF5 stream named "Workbook" is told by its BOF record.
        let biff5 = CompoundFileBuilder.build([("Workbook", BIFFBuilder.record(0x0809, BIFFBuilder.le16(0x0500) + BIFFBuilder.le16(5) + [0, 0, 0, 0]))])
        #expect(Formats.error { _ = try SheetFormat.readers(for: Formats.write(biff5.bytes, "lama.xls")) } == .tooOldFormat(file: "lama.xls", format: "Excel 5.0/95 (BIFF5)"))
        // Excel 4.0 wrote a bare BIFF4 file.
        let biff4: [UInt8] = [0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00]
        #expect(Formats.error { _ = try SheetFormat.readers(for: Formats.write(biff4, "kuno.xls")) } == .tooOldFormat(file: "kuno.xls", format: "Excel 2.x–4.0 (BIFF2–4)"))
    }

    @Test func zipped_files_that_are_no_workbook_are_named() throws {
        let odt = try Formats.ods("", name: "surat.ods", mimetype: "application/vnd.oasis.opendocument.text")
        #expect { _ = try SheetFormat.readers(for: odt) } throws: { error in
            guard case SheetReadError.notATable(let file, let kind) = error else { return false }
            return file == "surat.ods" && kind == .openDocumentNotSpreadsheet("application/vnd.oasis.opendocument.text")
        }
        let word = CompoundFileBuilder.build([("WordDocument", [UInt8](repeating: 1, count: 100))])
        #expect { _ = try SheetFormat.readers(for: Formats.write(word.bytes, "surat.xls")) } throws: { error in
            guard case SheetReadError.notATable(_, let kind) = error else { return false }
            return kind == .officeDocumentNotWorkbook
        }
    }
}

@Suite struct ODSSheetReaderTests {
    static let content = """
        <table:table table:name="Keluarga"><table:table-column table:number-columns-repeated="3"/>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>NIK</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>NAMA</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>LAHIR</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>JIWA</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>PERSEN</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>AKTIF</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>5203014508920001</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>Baiq<text:s text:c="2"/>Siti <text:span>&amp; Nur</text:span></text:p><text:p>baris dua</text:p>\
        <office:annotation><text:p>catatan, bukan isi</text:p></office:annotation></table:table-cell>\
        <table:table-cell office:value-type="date" office:date-value="1992-08-05T00:00:00"><text:p>05/08/92</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="4" calcext:value-type="float"><text:p>4</text:p></table:table-cell>\
        <table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>\
        <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>\
        <table:table-cell table:number-columns-repeated="16378"/></table:table-row>\
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
        <table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row>\
        <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
        <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="1.5"/></table:table-row>\
        <table:table-row table:number-rows-repeated="1048568"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
        </table:table>\
        <table:table table:name="Anggota"><table:table-row><table:table-cell office:value-type="string"><text:p>kedua</text:p></table:table-cell></table:table-row></table:table>
        """

    @Test func values_repeats_and_several_sheets_read_as_a_user_sees_them() throws {
        let url = try Formats.ods(Self.content)
        let start = Date()
        let sheets = try Formats.sheets(url)
        #expect(Date().timeIntervalSince(start) < 10, "the million empty rows cost nothing")
        #expect(try SheetFormat.readers(for: url).first?.sheetNames == ["Keluarga", "Anggota"])
        #expect(sheets.count == 2)
        let rows = sheets[0]
        #expect(rows.map(\.number) == [1, 2, 3, 4, 8])
        #expect(rows[1].values == [.text("5203014508920001"), .text("Baiq  Siti & Nur\nbaris dua"), .date(Formats.date), .number("4"),
                                   .number("0.25"), .bool(true)])
        #expect(rows[2].values == [.empty, .empty, .text("x"), .text("x")] && rows[3].values == rows[2].values)
        #expect(rows[4].values == [.empty, .number("1.5")])
        #expect(sheets[1].map(\.values) == [[.text("kedua")]])
    }

    @Test func a_filled_row_repeated_a_million_times_is_bounded_by_the_cells_the_file_may_give() throws {
        let row = "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"16384\"><text:p>x</text:p></table:table-cell></table:table-row>"
        let url = try Formats.ods("<table:table table:name=\"Bom\">" + row + row + "</table:table>", name: "bom.ods")
        var read = 0
        let error = Formats.error { try ODSSheetReader(workbook: ODSWorkbook(url: url)).forEachRow { _ in read += 1 } }
        guard case .tooLargeUnpacked(let file, let part, .cells) = error else {
            Issue.record("expected a cell limit, got \(String(describing: error))")
            return
        }
        #expect(file == "bom.ods" && part == "content.xml" && read == 0)
    }

    @Test func a_content_part_that_inflates_past_its_bound_is_refused_by_name() throws {
        // A zip bomb in miniature: 3 MB of repeated rows packs into a few kilobytes.
        let rows = String(repeating: "<table:table-row><table:table-cell/></table:table-row>", count: 60_000)
        let url = try Formats.ods("<table:table table:name=\"A\">" + rows + "</table:table>", name: "bom-isi.ods")
        var limits = XLSXLimits.standard
        limits.sheetBytes = 1 << 20
        #expect(Formats.error { _ = try ODSWorkbook(url: url, limits: limits) } == .tooLargeUnpacked(file: "bom-isi.ods", part: "content.xml", limit: .bytes(1 << 20)))
    }

    @Test func malformed_content_is_damaged() throws {
        let url = try Formats.ods("<table:table table:name=\"A\"><table:table-row><table:table-cell", name: "rusak.ods")
        #expect { _ = try Formats.sheets(url) } throws: { error in
            guard case SheetReadError.damagedWorkbook(let file, _) = error else { return false }
            return file == "rusak.ods"
        }
    }
}

@Suite struct XLSSheetReaderTests {
    /// A workbook of two sheets with every cell record Lumbung reads, and a shared string split over a CONTINUE.
    static func workbook(padRows: Int = 0) -> [UInt8] {
        let long = String(repeating: "Lombok ", count: 40) + "Nusa Tenggara Barat – ë"
        let strings = ["NIK", "NAMA", "Baiq Siti", long, "kedua"]
        var first: [UInt8] = []
        first += BIFFBuilder.cell(row: 0, column: 0, .sst(0)) + BIFFBuilder.cell(row: 0, column: 1, .sst(1))
        first += BIFFBuilder.cell(row: 0, column: 2, .label("LAHIR")) + BIFFBuilder.cell(row: 0, column: 3, .label("JIWA"))
        first += BIFFBuilder.cell(row: 1, column: 0, .label("5203014508920001")) + BIFFBuilder.cell(row: 1, column: 1, .sst(2))
        first += BIFFBuilder.cell(row: 1, column: 2, .number(33821, style: 16)) + BIFFBuilder.cell(row: 1, column: 3, .rk(4 << 2 | 2, style: 15))
        // Row 3: an RK of 1.5 ×100 (150 as an integer, divided), a MULRK, a boolean, an error.
        first += BIFFBuilder.cell(row: 2, column: 0, .rk(150 << 2 | 3, style: 15))
        first += BIFFBuilder.record(0x00BD, BIFFBuilder.le16(2) + BIFFBuilder.le16(1) + BIFFBuilder.le16(15) + BIFFBuilder.le32(7 << 2 | 2)
                                    + BIFFBuilder.le16(17) + BIFFBuilder.le32(33821 << 2 | 2) + BIFFBuilder.le16(3))
        first += BIFFBuilder.cell(row: 2, column: 3, .bool(true)) + BIFFBuilder.cell(row: 2, column: 4, .error(0x2A))
        // Row 5 (row 4 empty): formulas' cached values, the long shared string, a 16-digit number.
        first += BIFFBuilder.cell(row: 4, column: 0, .formulaNumber(42, style: 15)) + BIFFBuilder.cell(row: 4, column: 1, .formulaString("hasil"))
        first += BIFFBuilder.cell(row: 4, column: 2, .sst(3)) + BIFFBuilder.cell(row: 4, column: 3, .number(5203014508920001, style: 15))
        for index in 0..<padRows { first += BIFFBuilder.cell(row: 10 + index, column: 0, .number(Double(index), style: 15)) }
        let second = BIFFBuilder.cell(row: 0, column: 0, .sst(4))
        return BIFFBuilder.workbook(sheets: [("Keluarga", first), ("Anggota", second)], sharedStrings: strings, sstChunk: 200)
    }

    @Test(arguments: [0, 600])
    func cells_of_every_kind_and_both_sheets_read_right(padRows: Int) throws {
        let stream = Self.workbook(padRows: padRows)
        // Without padding the stream is under 4 KiB and lives in the mini stream; with it, in sectors of its own.
        #expect((stream.count < 4096) == (padRows == 0))
        let url = try Formats.write(CompoundFileBuilder.build([("Workbook", stream)]).bytes, "lama.xls")
        let readers = try SheetFormat.readers(for: url)
        #expect(readers.first?.sheetNames == ["Keluarga", "Anggota"])
        let sheets = try readers.map(Formats.rows)
        let rows = sheets[0]
        #expect(rows.prefix(4).map(\.number) == [1, 2, 3, 5])
        #expect(rows[0].values == [.text("NIK"), .text("NAMA"), .text("LAHIR"), .text("JIWA")])
        #expect(rows[1].values == [.text("5203014508920001"), .text("Baiq Siti"), .date(Formats.date), .number("4")])
        #expect(rows[2].values == [.number("1.5"), .number("7"), .date(Formats.date), .bool(true), .error("#N/A")])
        let long = String(repeating: "Lombok ", count: 40) + "Nusa Tenggara Barat – ë"
        #expect(rows[3].values == [.number("42"), .text("hasil"), .text(long), .number("5203014508920001")])
        #expect(rows.count == 4 + padRows)
        if padRows > 0 { #expect(rows.last?.values == [.number(String(padRows - 1))] && rows.last?.number == 10 + padRows) }
        #expect(sheets[1].map(\.values) == [[.text("kedua")]])
    }

    @Test func a_cell_of_an_earlier_row_is_placed_after_the_current_row_and_noted() throws {
        let cells = BIFFBuilder.cell(row: 0, column: 0, .label("a")) + BIFFBuilder.cell(row: 4, column: 0, .label("b"))
            + BIFFBuilder.cell(row: 2, column: 0, .label("c")) + BIFFBuilder.cell(row: 2, column: 1, .label("d"))
        let url = try Formats.write(CompoundFileBuilder.build([("Workbook", BIFFBuilder.workbook(sheets: [("A", cells)]))]).bytes, "urutan.xls")
        let rows = try Formats.sheets(url)[0]
        #expect(rows.map(\.number) == [1, 5, 6])
        #expect(rows[2].values == [.text("c"), .text("d")] && rows[2].notes == [.rowNumberInvalid(given: "3")])
    }

    /// A workbook whose stream is large enough to have sectors of its own (the hostile edits need a FAT chain).
    static func bigFile() -> CompoundFileBuilder.Layout {
        CompoundFileBuilder.build([("Workbook", Self.workbook(padRows: 600))])
    }

    @Test func a_truncated_file_is_damaged() throws {
        let bytes = Self.bigFile().bytes
        for length in [100, 600, bytes.count / 2, bytes.count - 300] {
            let error = Formats.error { _ = try Formats.sheets(Formats.write(Array(bytes.prefix(length)), "potong.xls")) }
            guard case .damagedWorkbook(let file, _) = error else {
                Issue.record("length \(length): \(String(describing: error))")
                continue
            }
            #expect(file == "potong.xls")
        }
    }

    @Test func a_fat_chain_that_loops_is_damaged() throws {
        var layout = Self.bigFile()
        let first = try #require(layout.firstSector["Workbook"])
        // The stream's second sector points back to its first.
        for (index, byte) in BIFFBuilder.le32(UInt32(first)).enumerated() { layout.bytes[layout.fatOffset + (first + 1) * 4 + index] = byte }
        let error = Formats.error { _ = try Formats.sheets(Formats.write(layout.bytes, "putar.xls")) }
        guard case .damagedWorkbook(_, let detail) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detail.english.contains("loops"))
    }

    @Test(arguments: [UInt32(0x00FF_FFFF), 0xFFFF_FFFA, 5000])
    func a_sector_number_past_the_end_of_the_file_is_damaged(sector: UInt32) throws {
        var layout = Self.bigFile()
        let entry = try #require(layout.directoryEntry["Workbook"])
        for (index, byte) in BIFFBuilder.le32(sector).enumerated() { layout.bytes[entry + 0x74 + index] = byte }
        let error = Formats.error { _ = try Formats.sheets(Formats.write(layout.bytes, "jauh.xls")) }
        guard case .damagedWorkbook(_, let detail) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detail.english.contains("past the end"))
    }

    @Test func a_header_that_claims_a_huge_fat_or_stream_is_damaged_without_allocating_it() throws {
        var layout = Self.bigFile()
        for (index, byte) in BIFFBuilder.le32(0x7FFF_FFFF).enumerated() { layout.bytes[0x2C + index] = byte }
        #expect(Formats.error { _ = try Formats.sheets(Formats.write(layout.bytes, "fat.xls")) } != nil)
        var stream = Self.bigFile()
        let entry = try #require(stream.directoryEntry["Workbook"])
        for (index, byte) in BIFFBuilder.le32(0xFFFF_FFF0).enumerated() { stream.bytes[entry + 0x78 + index] = byte }
        let error = Formats.error { _ = try Formats.sheets(Formats.write(stream.bytes, "panjang.xls")) }
        guard case .damagedWorkbook(_, let detail) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detail.english.contains("longer than its sectors"))
    }

    @Test func a_shared_string_table_that_declares_billions_of_strings_is_refused() throws {
        let stream = BIFFBuilder.workbook(sheets: [("A", BIFFBuilder.cell(row: 0, column: 0, .sst(0)))], sharedStrings: ["a"], sstCount: 0xFFFF_FFFF)
        let url = try Formats.write(CompoundFileBuilder.build([("Workbook", stream)]).bytes, "sst.xls")
        #expect(Formats.error { _ = try Formats.sheets(url) } == .tooLargeUnpacked(file: "sst.xls", part: "SST", limit: .strings(XLSXLimits.standard.sharedStrings)))
        let short = BIFFBuilder.workbook(sheets: [("A", [])], sharedStrings: ["a", "b"], sstCount: 1000)
        let error = Formats.error { _ = try Formats.sheets(Formats.write(CompoundFileBuilder.build([("Workbook", short)]).bytes, "sst2.xls")) }
        guard case .damagedWorkbook(_, let detail) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detail.english.contains("2 of the 1000"))
        // The Indonesian message carries the same detail in Indonesian, with no English inside.
        #expect(detail.indonesian.contains("2 dari 1000"))
        #expect(error?.indonesianDescription.contains("tabel teks bersamanya hanya memuat 2 dari 1000 teks") == true && error?.indonesianDescription.contains("strings it declares") == false)
    }

    @Test func random_damage_never_crashes() throws {
        // Flip bytes all over a valid file: each variant reads or ends in a SheetReadError.
        let bytes = Self.bigFile().bytes
        var generator = SystemRandomNumberGenerator()
        let folder = try Formats.folder()
        for round in 0..<200 {
            var damaged = bytes
            for _ in 0..<8 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            let url = folder.appendingPathComponent("acak-\(round).xls")
            try Data(damaged).write(to: url)
            do {
                _ = try Formats.sheets(url)
            } catch is SheetReadError {
            } catch {
                Issue.record("round \(round): \(error)")
            }
        }
    }
}

@Suite struct HTMLTableReaderTests {
    static let page = """
        <html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><title><table><tr><td>judul</td></tr></table></title>
        <style>td { mso-number-format:"\\@"; } /* <table><tr><td>gaya</td></tr></table> */</style>
        <script>document.write("<table><tr><td>jahat</td></tr></table>"); alert('x')</script></head>
        <body><!-- <table><tr><td>komentar</td></tr></table> --><h1>Data Penduduk</h1>
        <table border="1">
          <thead><tr><th>NIK</th><th colspan="2">Nama &amp; Alias</th><th>Desa</th></tr></thead>
          <tbody>
            <tr><td x:str>5203014508920001</td><td>Baiq
                  Siti</td><td>Nur&nbsp;&#233;</td><td>Tanjung&#x20;Luar</td></tr>
            <tr><td>5203011207850002<td>Amaq <b>Sahnan</b><td><table><tr><td>dalam</td></tr></table></td><td>Keruak</tr>
            <tr></tr>
          </tbody>
        </table>
        <table><tr><td>tabel kedua</td></tr></table>
        </body></html>
        """

    @Test func the_first_table_is_read_and_scripts_styles_and_comments_are_skipped() throws {
        let url = try Formats.write(Array(Self.page.utf8), "unduhan.xls")
        let sheets = try Formats.sheets(url)
        #expect(sheets.count == 1)
        let rows = sheets[0]
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[0].values == [.text("NIK"), .text("Nama & Alias"), .empty, .text("Desa")])
        #expect(rows[1].values == [.text("5203014508920001"), .text("Baiq Siti"), .text("Nur é"), .text("Tanjung Luar")])
        #expect(rows[2].values == [.text("5203011207850002"), .text("Amaq Sahnan"), .text("dalam"), .text("Keruak")])
        #expect(rows[3].values.isEmpty)
        let all = rows.flatMap(\.values).map(\.text).joined(separator: " ")
        for hidden in ["judul", "gaya", "jahat", "komentar", "kedua", "alert"] { #expect(!all.contains(hidden), "\(hidden)") }
    }

    @Test func a_cell_larger_than_any_spreadsheet_cell_is_refused_with_its_row_and_column() throws {
        let url = try Formats.write(Array(("<table><tr><td>a</td></tr><tr><td>b</td><td>" + String(repeating: "x", count: 40_000) + "</td></tr></table>").utf8), "besar.xls")
        #expect(Formats.error { _ = try Formats.sheets(url) } == .cellTooLarge(file: "besar.xls", row: 2, column: 2))
    }

    @Test func windows_1252_and_utf16_pages_read_right() throws {
        let latin = try Formats.write(Array("<table><tr><td>Rasana".utf8) + [0xE9] + Array("</td></tr></table>".utf8), "a.xls")
        #expect(try Formats.sheets(latin)[0][0].values == [.text("Rasanaé")])
        let wide = try Formats.write(Formats.utf16("<table><tr><td>Zoë</td></tr></table>"), "b.xls")
        #expect(try Formats.sheets(wide)[0][0].values == [.text("Zoë")])
    }

    @Test func a_page_without_a_table_or_with_an_unclosed_tag_is_refused_or_read_without_hanging() throws {
        let none = try Formats.write(Array("<html><body><p>tidak ada tabel</p></body></html>".utf8), "kosong.xls")
        #expect { _ = try Formats.sheets(none) } throws: { error in
            guard case SheetReadError.notATable(let file, let kind) = error else { return false }
            return file == "kosong.xls" && kind == .htmlWithoutTable
        }
        // A tag that never closes (2 MB of attribute) is refused, not held.
        let open = try Formats.write(Array(("<table><tr><td a=\"" + String(repeating: "x", count: 2 << 20)).utf8), "terbuka.xls")
        #expect(Formats.error { _ = try Formats.sheets(open) } != nil)
        // An unclosed script swallows the rest, which is then no table.
        let script = try Formats.write(Array("<html><script>var t = '<table><tr><td>1</td></tr></table>';".utf8), "skrip.xls")
        #expect(Formats.error { _ = try Formats.sheets(script) } == .notATable(file: "skrip.xls", looksLike: .htmlWithoutTable))
    }
}

@Suite struct UTF16CSVTests {
    @Test func utf16_little_and_big_endian_with_a_bom_read_like_utf8() throws {
        let text = "NIK\tNAMA\n5203014508920001\tBaiq Zoë 😀\n"
        let little = try Formats.write(Formats.utf16(text), "unicode.txt")
        let big = try Formats.write(Formats.utf16(text.replacingOccurrences(of: "\t", with: ","), bigEndian: true), "be.csv")
        for url in [little, big] {
            let rows = try Formats.sheets(url)[0]
            #expect(rows.map(\.values) == [[.text("NIK"), .text("NAMA")], [.text("5203014508920001"), .text("Baiq Zoë 😀")]], "\(url.lastPathComponent)")
        }
    }

    @Test func a_surrogate_pair_across_the_chunk_boundary_stays_whole() throws {
        // BOM (2 bytes) + 32,766 characters = 65,534 bytes: the emoji's four bytes straddle the first 64 KiB chunk.
        let text = "A\n" + String(repeating: "x", count: 32_764) + "😀\n"
        let url = try Formats.write(Formats.utf16(text), "batas.csv")
        let rows = try Formats.sheets(url)[0]
        #expect(rows.count == 2 && rows[1].values == [.text(String(repeating: "x", count: 32_764) + "😀")])
    }
}
