import Foundation
import LumbungDomain
import LumbungSheets
import Testing

@Suite struct CSVTableWriterTests {
    @Test func fields_are_quoted_only_when_needed_and_lines_end_in_crlf() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVTableWriter(url: url, delimiter: ";", byteOrderMark: true)
        try writer.write([.text("NIK"), .text("ALAMAT"), .text("TGL")])
        try writer.write([.text("5203014508920001"), .text("Jl. Raya; RT 01 \"Baru\""),
                          .date(CalendarDate(year: 1992, month: 8, day: 5)!, text: "05/08/1992")])
        try writer.write([.empty, .text("Dusun, Timur"), .number(7)])
        #expect(writer.rowsWritten == 3)
        try writer.finish()
        let bytes = try Data(contentsOf: url)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "NIK;ALAMAT;TGL\r\n5203014508920001;\"Jl. Raya; RT 01 \"\"Baru\"\"\";05/08/1992\r\n;Dusun, Timur;7\r\n")
    }

    @Test func an_unwritable_place_is_reported_with_its_path() {
        #expect(throws: SheetWriteError.self) {
            _ = try CSVTableWriter(url: URL(fileURLWithPath: "/nonexistent-\(UUID())/x.csv"))
        }
    }
}
