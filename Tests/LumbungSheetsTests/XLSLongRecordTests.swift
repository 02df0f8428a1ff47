import Foundation
@testable import LumbungSheets
import Testing

/// Review finding: a BIFF record's length is 2 bytes, and `UInt16(data.count)` trapped for data past 65,535 bytes.
/// Long cells are refused with a clear error; any record past BIFF8's 8,224 data bytes goes on in CONTINUE records.
@Suite struct XLSLongRecordTests {
    @Test func a_cell_of_70000_characters_is_refused_with_a_message_not_a_trap() throws {
        let url = try WorkbookWriterTests.folder().appendingPathComponent("panjang.xls")
        let writer = try XLSTableWriter(url: url, sheetName: "Data", header: [.text("catatan")])
        let long = String(repeating: "ā", count: 70_000)
        #expect {
            try writer.write([.text(long)])
            try writer.finish()
        } throws: { error in
            guard case SheetWriteError.textTooLongForXLS(let count) = error else { return false }
            return count == 70_000 && "\(error)".contains("70000") && "\(error)".contains(".xlsx")
        }
    }

    @Test func the_longest_cell_allowed_round_trips_in_utf16() throws {
        let url = try WorkbookWriterTests.folder().appendingPathComponent("batas.xls")
        let writer = try XLSTableWriter(url: url, sheetName: "Data", header: [.text("catatan")])
        let longest = String(repeating: "ā", count: XLSTableWriter.maxTextLength)
        try writer.write([.text("catatan")])
        try writer.write([.text(longest)])
        try writer.finish()
        let rows = try #require(try WorkbookWriterTests.read(url).first?.rows.map { $0.map(\.text) })
        #expect(rows.count == 2 && rows.first == ["catatan"])
        let cell = rows.last?.first ?? ""
        #expect(cell.count == XLSTableWriter.maxTextLength && cell.allSatisfy { $0 == "ā" }, "\(cell.count) characters: \(cell.prefix(20))")
    }

    /// 20,000 bytes: a record of 8,224, then CONTINUE records of 8,224 and 3,552 bytes, read back by hand.
    @Test func data_past_8224_bytes_continues_in_continue_records() {
        let data = (0..<20_000).map { UInt8($0 % 251) }
        let bytes = BIFFRecord.make(0x00FC, data)
        var records: [(type: Int, length: Int)] = []
        var joined: [UInt8] = []
        var offset = 0
        while offset + 4 <= bytes.count {
            let type = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            let length = Int(bytes[offset + 2]) | Int(bytes[offset + 3]) << 8
            records.append((type, length))
            joined += bytes[(offset + 4)..<(offset + 4 + length)]
            offset += 4 + length
        }
        #expect(offset == bytes.count)
        #expect(records.map(\.type) == [0x00FC, 0x003C, 0x003C])
        #expect(records.map(\.length) == [8_224, 8_224, 20_000 - 2 * 8_224])
        #expect(joined == data)
        // An empty record is still one record.
        #expect(BIFFRecord.make(0x000A, []) == [0x0A, 0x00, 0x00, 0x00])
    }
}
