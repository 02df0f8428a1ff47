import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Issue 11, "nothing silent": a CSV whose encoding changes part-way and a worksheet row whose number cannot be
/// right are read, and each such row is named in the report as a warning. Files built byte by byte here.
@Suite struct ReaderNotesImportTests {
    static let header = "NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa\n"

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func name(of nik: String, in database: Database) async throws -> String {
        try await database.read { db in
            try await db.raw("SELECT full_name FROM person WHERE nik = \(bind: nik)").first()!.decode(column: "full_name", as: String.self)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_csv_that_turns_to_windows_1252_keeps_its_names_and_the_report_names_the_row(engine: Database.Engine) async throws {
        // Lines 2–3 UTF-8 ("Zoë" is C3 AB), line 4 Windows-1252 ("Rasanaé" ends in E9).
        var bytes = Array(Self.header.utf8)
        bytes += Array("5203011106180101;5203014508920001;Baiq Zoë;Kepala Keluarga;P;05-08-1992;52.03.01.2001\n".utf8)
        bytes += Array("5203011106180101;5203011207150001;Lalu Zoë;Anak;L;12-07-2015;52.03.01.2001\n".utf8)
        bytes += Array("5203011106180102;5203011207850002;Amaq Rasana".utf8) + [0xE9] + Array(";Kepala Keluarga;L;12-07-1985;52.03.01.2001\n".utf8)
        let url = try Self.folder().appendingPathComponent("campur.csv")
        try Data(bytes).write(to: url)
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.rowsRead == 3 && report.inserted == 3 && report.rejected == 0)
            let problem = try #require(report.problems.first { $0.code == "encoding_changed" })
            #expect(problem.count == 1 && problem.severity == .warning)
            #expect(problem.examples.first?.row == 4 && problem.examples.first?.column == "Nama Penduduk")
            #expect(report.warned == 1)
            #expect(try await Self.name(of: "5203014508920001", in: database) == "Baiq Zoë")
            #expect(try await Self.name(of: "5203011207850002", in: database) == "Amaq Rasanaé")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_worksheet_row_numbered_out_of_order_is_read_and_named(engine: Database.Engine) async throws {
        let header = ["NO.KK", "NIK", "Nama Penduduk", "SHDK", "Jenis Kelamin", "Tgl Lahir", "Kode Desa"]
        let rows = [
            HostileWorkbook.textRow(1, header),
            HostileWorkbook.textRow(2, ["5203011106180101", "5203014508920001", "Baiq Siti", "Kepala Keluarga", "P", "05-08-1992", "52.03.01.2001"]),
            HostileWorkbook.textRow(3, ["5203011106180101", "5203011207150001", "Lalu Ahmad", "Anak", "L", "12-07-2015", "52.03.01.2001"]),
            // Numbered -5: it was dropped uncounted before.
            HostileWorkbook.textRow(4, ["5203011106180102", "5203011207850002", "Amaq Sahnan", "Kepala Keluarga", "L", "12-07-1985", "52.03.01.2001"])
                .replacingOccurrences(of: #"<row r="4">"#, with: #"<row r="-5">"#),
        ]
        let url = try Self.folder().appendingPathComponent("urutan.xlsx")
        try HostileWorkbook.write(to: url, sheet: HostileWorkbook.sheet(rows.joined()))
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.rowsRead == 3 && report.inserted == 3)
            let problem = try #require(report.problems.first { $0.code == "row_number_invalid" })
            #expect(problem.count == 1 && problem.examples.first?.row == 4 && problem.examples.first?.value == "-5")
            #expect(problem.examples.first?.message.contains("'-5'") == true)
        }
    }
}
