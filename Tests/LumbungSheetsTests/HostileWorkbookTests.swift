import Foundation
import LumbungDomain
import LumbungSheets
import LumbungTestSupport
import Testing

/// Workbooks built to break the reader (issue 12, findings 2 and 11): values no `Int` holds in date
/// and number cells, string indices and references out of range, decompression and XML bombs. Each
/// must end in rows or in a `SheetReadError` naming the file: before the fixes several of them stopped
/// the whole process (so this suite could not pass), and the bombs took hundreds of megabytes or
/// quadratic time.
@Suite struct HostileWorkbookTests {
    static func url(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    static func rows(_ url: URL, limits: XLSXLimits = .standard) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try XLSXSheetReader(url: url, limits: limits).forEachRow { rows.append($0) }
        return rows
    }

    /// The error reading `url` gives, or `nil` when it reads.
    static func readError(_ url: URL, limits: XLSXLimits = .standard) -> SheetReadError? {
        do {
            _ = try rows(url, limits: limits)
            return nil
        } catch {
            return error as? SheetReadError
        }
    }

    static let extremes = ["1e300", "-1e300", "1e19", "-1e19", "9223372036854775807", "NaN", "nan", "inf", "-inf", "Infinity",
                           "0x1p70", "-0x1p70", "2958466", "-5", "0", "1e-300"]

    @Test func a_date_cell_of_1e300_or_nan_stays_a_number_instead_of_crashing() throws {
        let url = try Self.url("tanggal.xlsx")
        let cells = Self.extremes.enumerated().map { #"<c r="A\#($0.offset + 2)" s="1"><v>\#($0.element)</v></c>"# }
        let rows = [#"<row r="1"><c r="A1" s="1"><v>33821</v></c></row>"#]
            + cells.enumerated().map { #"<row r="\#($0.offset + 2)">\#($0.element)</row>"# }
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(rows.joined()))
        let read = try Self.rows(url)
        #expect(read.count == Self.extremes.count + 1)
        #expect(read[0][0] == .date(CalendarDate(year: 1992, month: 8, day: 5)!))
        for (index, text) in Self.extremes.enumerated() {
            #expect(read[index + 1][0] == .number(text), "\(text)")
        }
    }

    @Test func number_cells_of_extreme_values_read_as_their_text() throws {
        let url = try Self.url("angka.xlsx")
        let cells = Self.extremes.enumerated().map { #"<c r="\#(Character(Unicode.Scalar(UInt8(65 + $0.offset))))1"><v>\#($0.element)</v></c>"# }
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1">"# + cells.joined() + "</row>"))
        #expect(try Self.rows(url)[0].values == Self.extremes.map { SheetValue.number($0) })
    }

    @Test func shared_string_indices_out_of_range_are_broken_references() throws {
        let url = try Self.url("indeks.xlsx")
        let indices = ["0", "-1", "1", "999999", "9223372036854775807", "99999999999999999999999", "-9223372036854775808", "1e3", ""]
        let cells = indices.enumerated().map { #"<c r="\#(Character(Unicode.Scalar(UInt8(65 + $0.offset))))1" t="s"><v>\#($0.element)</v></c>"# }
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1">"# + cells.joined() + "</row>"),
                                  sharedStrings: HostileWorkbook.sharedStrings("<si><t>satu</t></si>"))
        let values = try Self.rows(url)[0].values
        #expect(values.first == .text("satu"))
        #expect(values.dropFirst().allSatisfy { $0 == .error("#REF!") })
        #expect(values.count == indices.count)
    }

    @Test func a_cell_reference_of_many_letters_is_refused_not_overflowed() throws {
        let url = try Self.url("kolom.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#))
        guard case .tooManyColumns(let file, let row, _) = Self.readError(url) else {
            Issue.record("a 30-letter column was not refused")
            return
        }
        #expect(file == "kolom.xlsx" && row == 1)
    }

    @Test func row_numbers_beyond_any_sheet_count_on_without_overflow() throws {
        let url = try Self.url("baris.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(
            #"<row r="9223372036854775807"><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row><row r="-4"/><row r="99999999999999999999999"/>"#))
        let rows = try Self.rows(url)
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[1][0] == .number("2"))
    }

    @Test func a_row_number_that_is_bad_or_out_of_order_is_noted_and_the_row_placed_after_the_previous_one() throws {
        let url = try Self.url("urutan.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(
            #"<row r="1"><c><v>1</v></c></row><row r="5"><c><v>5</v></c></row><row r="-5"><c><v>6</v></c></row>"#
            + #"<row r="3"><c><v>7</v></c></row><row r="x"><c><v>8</v></c></row><row><c><v>9</v></c></row><row r="20"><c><v>20</v></c></row>"#))
        let rows = try Self.rows(url)
        #expect(rows.map(\.number) == [1, 5, 6, 7, 8, 9, 20])
        #expect(rows.map { $0[0] } == ["1", "5", "6", "7", "8", "9", "20"].map { SheetValue.number($0) })
        #expect(rows.map(\.notes) == [[], [], [.rowNumberInvalid(given: "-5")], [.rowNumberInvalid(given: "3")], [.rowNumberInvalid(given: "x")], [], []])
    }

    @Test func a_shared_string_bomb_of_millions_of_strings_is_refused() throws {
        let url = try Self.url("bom-teks.xlsx")
        let limit = XLSXLimits.standard.sharedStrings
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
                                  sharedStrings: HostileWorkbook.Part(#"<?xml version="1.0"?><sst>"#, repeating: "<si><t>a</t></si>", times: limit + 1, "</sst>"))
        let error = try #require(Self.readError(url))
        #expect(error == .tooLargeUnpacked(file: "bom-teks.xlsx", part: "xl/sharedStrings.xml", limit: .strings(limit)))
        #expect(error.indonesianDescription.hasPrefix("Berkas bom-teks.xlsx terlalu besar setelah dibuka: bagiannya xl/sharedStrings.xml"))
    }

    @Test func a_shared_string_bomb_of_long_strings_is_refused_at_its_byte_bound() throws {
        let url = try Self.url("bom-panjang.xlsx")
        let limit = XLSXLimits.standard.sharedStringBytes
        let item = "<si><t>" + String(repeating: "x", count: 30_000) + "</t></si>"
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
                                  sharedStrings: HostileWorkbook.Part(#"<?xml version="1.0"?><sst>"#, repeating: item, times: limit / 30_000 + 2, "</sst>"))
        #expect(Self.readError(url) == .tooLargeUnpacked(file: "bom-panjang.xlsx", part: "xl/sharedStrings.xml", limit: .characters(limit)))
    }

    @Test func one_shared_string_longer_than_a_cell_is_refused() throws {
        let url = try Self.url("panjang.xlsx")
        let runs = String(repeating: "<r><t>" + String(repeating: "y", count: 1_000) + "</t></r>", count: 40)
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
                                  sharedStrings: HostileWorkbook.sharedStrings("<si>" + runs + "</si>"))
        #expect(Self.readError(url) == .tooLargeUnpacked(file: "panjang.xlsx", part: "xl/sharedStrings.xml",
                                                         limit: .characters(SheetReadError.maxCellCharacters)))
    }

    @Test func parts_larger_than_their_bound_are_refused_by_name() throws {
        let url = try Self.url("besar.xlsx")
        let limits = XLSXLimits(smallPartBytes: 64 << 10, sheetBytes: 1 << 20)
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart, repeating: "<row/>", times: 200_000, HostileWorkbook.sheetEnd))
        #expect(Self.readError(url, limits: limits) == .tooLargeUnpacked(file: "besar.xlsx", part: "xl/worksheets/sheet1.xml", limit: .bytes(1 << 20)))
        #expect(try Self.rows(url).count == 200_000)

        let styled = try Self.url("gaya.xlsx")
        try HostileWorkbook.write(to: styled, sheet: HostileWorkbook.sheet(""),
                                  styles: HostileWorkbook.Part("<styleSheet><cellXfs>", repeating: #"<xf numFmtId="14"/>"#, times: 10_000, "</cellXfs></styleSheet>"))
        #expect(Self.readError(styled, limits: limits) == .tooLargeUnpacked(file: "gaya.xlsx", part: "xl/styles.xml", limit: .bytes(64 << 10)))
    }

    @Test func rows_with_a_cell_in_the_last_column_are_bounded_by_the_packed_size() throws {
        // Each row is 34 bytes of XML, packs to almost nothing, and would give 16,384 cells.
        let url = try Self.url("lebar.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart, repeating: #"<row><c r="XFD1"><v>1</v></c></row>"#,
                                                                       times: 20_000, HostileWorkbook.sheetEnd))
        guard case .tooLargeUnpacked(let file, let part, .cells) = Self.readError(url) else {
            Issue.record("a sheet of 20,000 rows × 16,384 cells packed in kilobytes was read whole")
            return
        }
        #expect(file == "lebar.xlsx" && part == "xl/worksheets/sheet1.xml")
        // A real wide sheet is far inside the bound.
        let wide = try Self.url("wajar.xlsx")
        let cells = (0..<200).map { #"<c r="\#(Self.column($0))1"><v>\#($0)</v></c>"# }.joined()
        try HostileWorkbook.write(to: wide, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart, repeating: "<row>" + cells + "</row>",
                                                                        times: 2_000, HostileWorkbook.sheetEnd))
        #expect(try Self.rows(wide).count == 2_000)
    }

    static func column(_ index: Int) -> String {
        index < 26 ? String(Character(Unicode.Scalar(UInt8(65 + index)))) : column(index / 26 - 1) + column(index % 26)
    }

    @Test func an_unclosed_comment_of_many_megabytes_ends_in_an_error() throws {
        let url = try Self.url("komentar.xlsx")
        // 16 MiB (the probe used 48 MiB: 16 s of quadratic rescanning, all of it held); now it is skipped as it streams.
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + #"<row r="1"><c r="A1"><v>1</v></c></row><!--"#,
                                                                       repeating: "- > -- <x> ", times: 16 << 20 / 11))
        guard case .damagedWorkbook(let file, let detail) = Self.readError(url) else {
            Issue.record("an unclosed comment was not reported")
            return
        }
        #expect(file == "komentar.xlsx" && detail.english.contains("malformed"))
    }

    @Test func comments_and_cdata_between_cells_are_skipped_or_read() throws {
        let url = try Self.url("cdata.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(
            #"<row r="1"><!-- a > b --><c r="A1" t="inlineStr"><is><t><![CDATA[<x> & y]]></t></is></c><!----><c r="B1"><v>2</v></c></row>"#))
        #expect(try Self.rows(url)[0].values == [.text("<x> & y"), .number("2")])
    }

    @Test func a_tag_or_a_value_of_megabytes_is_refused() throws {
        let tag = try Self.url("tag.xlsx")
        try HostileWorkbook.write(to: tag, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + #"<row r="1"><c r="A1" x=""#,
                                                                       repeating: "a", times: 2 << 20, #""/></row>"# + HostileWorkbook.sheetEnd))
        #expect(Self.readError(tag) == .tooLargeUnpacked(file: "tag.xlsx", part: "xl/worksheets/sheet1.xml", limit: .characters(1 << 20)))

        let value = try Self.url("nilai.xlsx")
        try HostileWorkbook.write(to: value, sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + #"<row r="3"><c r="B3"><v>"#,
                                                                         repeating: "9", times: 2 << 20, "</v></c></row>" + HostileWorkbook.sheetEnd))
        #expect(Self.readError(value) == .cellTooLarge(file: "nilai.xlsx", row: 3, column: 2))
    }
}
