import Foundation
import LumbungDomain
import LumbungSheets
import Testing

/// The files of `Fixtures/formats`: keluarga.csv saved by LibreOffice 7.4 as .xls, .ods and .html
/// (`make-fixtures.sh`), and keluarga-web.xls, an "Excel" download written by hand as the web page it
/// really is. Each reads cell for cell as the CSV it came from.
@Suite struct FormatFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/formats", isDirectory: true)

    /// The CSV's rows as text, split by hand (no quotes or commas inside its cells).
    static func csvRows() throws -> [[String]] {
        try String(contentsOf: folder.appendingPathComponent("keluarga.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(arguments: [("keluarga.xls", SheetFormat.xls), ("keluarga.ods", .ods), ("keluarga.html", .html), ("keluarga-web.xls", .html)])
    func each_saved_version_reads_as_the_csv(name: String, format: SheetFormat) throws {
        let url = Self.folder.appendingPathComponent(name)
        #expect(try SheetFormat.detect(url) == format)
        let readers = try SheetFormat.readers(for: url)
        #expect(readers.count == 1)
        let rows = try Formats.rows(try #require(readers.first)).filter { !$0.isBlank }
        let expected = try Self.csvRows()
        // The hand-made page has a title and a printing line above its header.
        let data = name == "keluarga-web.xls" ? Array(rows.dropFirst(2)) : rows
        #expect(data.count == expected.count)
        for (row, line) in zip(data, expected) {
            #expect(row.values.map(\.text) == line, "\(name) row \(row.number)")
        }
        if format == .xls || format == .ods {
            // LibreOffice typed the dates and the desil; the NIKs stayed text.
            #expect(data[1][5] == .date(CalendarDate(year: 1992, month: 8, day: 5)!))
            #expect(data[1][7] == .number("1"))
            #expect(data[1][1] == .text("5203014508920001"))
        }
        if name == "keluarga-web.xls" {
            #expect(rows[0].values.first == .text("DATA PENDUDUK DESA TANJUNG LUAR"))
            let all = rows.flatMap(\.values).map(\.text).joined()
            #expect(!all.contains("document.cookie") && !all.contains("Kepala Desa"), "scripts and the second table are not read")
        }
    }
}
