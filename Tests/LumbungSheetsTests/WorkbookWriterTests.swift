import Foundation
import LumbungDomain
import LumbungSheets
import Testing

/// The .ods and .xls writers, read back by the readers (and by LibreOffice in the generator's tests): cells of every
/// kind, sheets continued past the row limit with the header repeated, a compound file past 109 FAT sectors (DIFAT)
/// and one small enough for the mini stream.
@Suite struct WorkbookWriterTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("writers-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every sheet's rows as text, by sheet name.
    static func read(_ url: URL) throws -> [(name: String, rows: [[SheetValue]])] {
        let readers = try SheetFormat.readers(for: url)
        return try readers.enumerated().map { index, reader in
            var rows: [[SheetValue]] = []
            try reader.forEachRow { rows.append($0.values) }
            return (reader.sheetNames.indices.contains(index) ? reader.sheetNames[index] : "", rows)
        }
    }

    static let date = CalendarDate(year: 1985, month: 7, day: 12)!
    static let row: [Cell] = [.text("  Baiq  Siti & <Ina>\tx "), .number(5_203_014_508_920_001), .decimal(12.5, places: 2),
                              .date(date, text: "12/07/1985"), .empty, .text("Ñoño 😀")]

    @Test(arguments: [WorkbookFormat.ods, .xls])
    func cells_of_every_kind_and_two_named_sheets_read_back(format: WorkbookFormat) throws {
        let url = try Self.folder().appendingPathComponent("sel.\(format.rawValue)")
        let writer = try format.writer(url: url, sheetName: "Keluarga")
        try writer.write([.text("nama"), .text("nik")])
        try writer.write(Self.row)
        try writer.startSheet(named: "Anggota", header: nil, columnWidths: [], frozenRows: 0)
        try writer.write([.text("satu")])
        try writer.finish()
        let sheets = try Self.read(url)
        #expect(sheets.map(\.name) == ["Keluarga", "Anggota"])
        let values = try #require(sheets.first?.rows.last)
        #expect(values[0] == .text("  Baiq  Siti & <Ina>\tx "))
        #expect(values[1].text == "5203014508920001")
        #expect(values[2].text == "12.5")
        if case .date(let read) = values[3] { #expect(read == Self.date) } else { Issue.record("\(format): \(values[3]) is no date") }
        #expect(values[4].isBlank && values[5] == .text("Ñoño 😀"))
        #expect(sheets.last?.rows.map { $0.map(\.text) } == [["satu"]])
    }

    @Test(arguments: [WorkbookFormat.ods, .xls])
    func a_sheet_past_its_row_limit_continues_on_the_next_with_the_header_repeated(format: WorkbookFormat) throws {
        let url = try Self.folder().appendingPathComponent("panjang.\(format.rawValue)")
        let writer = try format.writer(url: url, sheetName: "Data", header: [.text("no")], rowsPerSheet: 4)
        try writer.write([.text("no")])
        for number in 1...7 { try writer.write([.number(number)]) }
        try writer.finish()
        let sheets = try Self.read(url)
        #expect(sheets.map(\.name) == ["Data", "Data (2)", "Data (3)"])
        #expect(sheets.map { $0.rows.map { $0.first?.text ?? "" } } == [["no", "1", "2", "3"], ["no", "4", "5", "6"], ["no", "7"]])
    }

    @Test func the_xls_limits_are_excels() {
        #expect(XLSTableWriter.maxRowsPerSheet == 65_536 && XLSTableWriter.maxColumns == 256 && ODSTableWriter.maxRowsPerSheet == 1_048_576)
    }

    /// 200,000 rows: four sheets of 65,536 rows (the last shorter), ≈ 9 MB of BIFF, so the FAT takes more than the header's
    /// 109 slots and continues in DIFAT sectors.
    @Test func a_large_xls_continues_over_sheets_and_its_fat_over_difat_sectors() throws {
        let url = try Self.folder().appendingPathComponent("besar.xls")
        let writer = try XLSTableWriter(url: url, sheetName: "Orang", header: [.text("nama"), .text("nomor")])
        try writer.write([.text("nama"), .text("nomor")])
        let total = 200_000
        for number in 1...total { try writer.write([.text("Orang ke-\(number)"), .number(number)]) }
        try writer.finish()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 109 * 128 * 512, "\(size) bytes: the FAT fits the header")
        // The header's count of DIFAT sectors (offset 0x48), read by hand.
        let head = try FileHandle(forReadingFrom: url).read(upToCount: 512) ?? Data()
        let difat = Int(head[0x48]) | Int(head[0x49]) << 8
        #expect(difat >= 1)
        let sheets = try Self.read(url)
        // Each sheet: the header and 65,535 rows; the fourth the header and the 3,395 left.
        #expect(sheets.map(\.rows.count) == [65_536, 65_536, 65_536, 3_396])
        var seen = 0
        for sheet in sheets {
            #expect(sheet.rows.first?.map(\.text) == ["nama", "nomor"])
            for values in sheet.rows.dropFirst() {
                seen += 1
                guard values.count == 2, values[1].text == String(seen), values[0].text == "Orang ke-\(seen)" else {
                    Issue.record("row \(seen) of \(sheet.name): \(values)")
                    return
                }
            }
        }
        #expect(seen == total)
    }
}
