import Foundation
import LumbungDomain
@testable import LumbungImport
import LumbungSheets
import Testing

/// The byte-level fast paths of the parser (issue 18) give the answers the general code gives, and
/// `ImportJob.parseOnly` counts what an import reads and rejects. Expected values are written out by hand.
@Suite struct ParseFastPathTests {
    @Test(arguments: [
        ("31/12/2000", CalendarDate(year: 2000, month: 12, day: 31)),
        ("1-2-1990", CalendarDate(year: 1990, month: 2, day: 1)),
        ("05.08.1992 0:00:00", CalendarDate(year: 1992, month: 8, day: 5)),
        ("  05/08/1992\t", CalendarDate(year: 1992, month: 8, day: 5)),
        ("\u{00A0}05/08/1992\u{00A0}", CalendarDate(year: 1992, month: 8, day: 5)),  // non-breaking spaces (Zs): the general path
        ("1992-08-05", CalendarDate(year: 1992, month: 8, day: 5)),
        ("0005/08/1992", nil),  // a first part of four digits is a year: 5 August of year … 1992 is no date
    ])
    func dates_read_the_same_on_bytes(text: String, expected: CalendarDate?) {
        switch DateCell.read(.text(text), order: .dayFirst) {
        case .success(let date): #expect(date == expected)
        case .failure: #expect(expected == nil)
        case nil: Issue.record("\(text) read as empty")
        }
    }

    @Test(arguments: ["12345/1/2000", "1/2/20000", "1//2000", "1/2/3/4", "a1/2/2000", "1/2/2000x", "", "   ", "1/2", "１/２/２０００"])
    func texts_that_are_no_date_of_that_shape_have_no_parts(text: String) {
        #expect(DateCell.parts(text) == nil)
    }

    @Test func date_parts_of_a_long_run_of_digits_do_not_overflow() {
        #expect(DateCell.parts(String(repeating: "9", count: 40) + "/1/2000") == nil)
        #expect(DateCell.parts("1/1/" + String(repeating: "9", count: 40)) == nil)
    }

    @Test func parts_name_which_number_is_the_year() throws {
        let dayFirst = try #require(DateCell.parts("13/02/2001"))
        #expect([dayFirst.a, dayFirst.b, dayFirst.c] == [13, 2, 2001] && dayFirst.yearLast)
        let isoLike = try #require(DateCell.parts("2001-02-13 08:00"))
        #expect([isoLike.a, isoLike.b, isoLike.c] == [2001, 2, 13] && !isoLike.yearLast)
    }

    @Test func surrounding_spaces_are_trimmed_like_foundation() {
        for text in ["abc", " abc", "abc\t", "\u{3000}abc\u{2003}", "", " ", "a b", "\u{7F}x"] {
            #expect(CellText.withoutSurroundingSpaces(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func a_delete_character_is_taken_out_and_its_column_named() {
        let row = SheetRow(number: 3, values: [.text("ok"), .text("Ba\u{7F}iq"), .text("x\u{0}y"), .text("tab\there")])
        let (clean, columns) = FileScan.withoutControlCharacters(row)
        #expect(columns == [1, 2])
        #expect(clean.values == [.text("ok"), .text("Baiq"), .text("xy"), .text("tab\there")])
    }

    @Test func an_end_marker_is_found_after_spaces_too() {
        #expect(FileScan.isEndMarker(SheetRow(number: 9, values: [.empty, .text("### petunjuk")])))
        #expect(FileScan.isEndMarker(SheetRow(number: 9, values: [.text(" \u{00A0}###")])))
        #expect(!FileScan.isEndMarker(SheetRow(number: 9, values: [.text("#12"), .text("###")])))
    }

    @Test func parse_only_counts_the_rows_read_and_rejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parse-only-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("individu.csv")
        // The file's row 3 has a NIK of 15 digits (rejected); the others are whole.
        try """
            no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,shdk
            5203011106180101,5203012906970101,Sahrul Hidayat,1,Selong,29-06-1997,1
            5203011106180101,520301660698010,Nursaidah Rahman,2,Keruak,26-06-1998,3
            5203011106180101,5203016606180001,Baiq Nur,2,Keruak,26-06-2018,4
            """.write(to: url, atomically: true, encoding: .utf8)
        let count = try ImportJob.parseOnly(url, asOf: ImportFixtures.asOf, references: ImportFixtures.references)
        #expect(count.rows == 3)
        #expect(count.rejected == 1)
        #expect(count.issues >= 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["individu.csv"])
    }
}
