import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// Reports that add up and say which column was understood as what, and the village-system export imported
/// into a chosen desa.
@Suite struct RealShapesReportTests {
    /// Village-system population export (no region columns; `###` row and five instruction lines at the end),
    /// imported into Sokong 52.08.01.2002 (Tanjung, Lombok Utara). Rows 2–13: V1 (a dead grandfather), V2 headed by
    /// a woman (a son moved away), V3 (a 76-year-old with cacat 4), V4; cacat_id 7 = no disability.
    static let sokong = "52.08.01.2002"
    static let villageFigures = Figures(families: 4, people: 10, male: 5, female: 5, ages: [1, 2, 5, 2], disabled: 3,
                                        femaleHeaded: 1, withChildren: 3, withElderly: 2)
    static let villageExpected: [(String, Figures)] = [
        (sokong, villageFigures), ("52.08.01", villageFigures), ("52.08", villageFigures), ("52", villageFigures),
    ]

    static func villageOptions() throws -> ImportOptions {
        var options = ImportFixtures.options()
        options.village = try RegionCode(sokong)
        return options
    }

    static func addsUp(_ report: ImportReport) -> Bool {
        report.rowsRead == report.inserted + report.updated + report.unchanged + report.merged + report.rejected + report.skipped
    }

    static let cases: [(Database.Engine, RealShape)] = RealShapesTests.cases

    @Test(arguments: TestDatabase.engines)
    func a_village_export_imported_into_a_chosen_desa_gives_the_hand_counted_figures(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let report = try await RealShapes.importFile("village-export.csv", into: database, options: try Self.villageOptions())
            #expect(report.rejected == 0, "\(report.problems.map(\.code))")
            #expect(report.skipped == 6, "the ### row and the five instruction lines are skipped and counted: \(report.skipped)")
            #expect(Self.addsUp(report), "\(report)")
            try await RealShapes.expectFigures(Self.villageExpected, in: database, file: "village-export.csv")
            try await RealShapes.expectFigures([("52.08.01.2001", RealShape.none)], in: database, file: "village-export.csv")
            let again = try await RealShapes.importFile("village-export.csv", into: database, options: try Self.villageOptions())
            #expect(again.inserted == 0 && again.updated == 0 && Self.addsUp(again), "\(again)")
            try await RealShapes.expectFigures(Self.villageExpected, in: database, file: "village-export.csv (second import)")
        }
    }

    /// A file whose rows give a region (the DTSEN ART fixture, Keruak in Lombok Timur) imported with a chosen desa
    /// elsewhere: each row contradicts the choice and is an error that says so; nothing is counted in either place.
    @Test(arguments: TestDatabase.engines)
    func rows_whose_region_contradicts_the_chosen_desa_are_errors(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let report = try await RealShapes.importFile("dtsen-art.csv", into: database, options: try Self.villageOptions())
            #expect(report.rejected == 15 && report.inserted == 0, "\(report)")
            let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
            for row in 2...16 {
                #expect(issues.contains { $0.row == row && $0.severity == "error" && $0.column == "Kode Desa" }, "row \(row): \(issues.filter { $0.row == row })")
            }
            try await RealShapes.expectFigures([("52", RealShape.none)], in: database, file: "dtsen-art.csv into Sokong")
        }
    }

    @Test(arguments: cases)
    func the_report_of_a_real_shape_adds_up_on_the_first_and_the_second_import(engine: Database.Engine, shape: RealShape) async throws {
        try await TestDatabase.with(engine) { database in
            let first = try await RealShapes.importFile(shape.file, into: database)
            #expect(Self.addsUp(first), "\(shape.file): \(first)")
            #expect(first.rejected == 0 && first.inserted + first.updated > 0, "\(shape.file): \(first)")
            if shape.file != RealShape.regsosek2022.file {
                // One row per person: no row repeats another (the issue saw P3KE people counted as "merged duplicates").
                #expect(first.merged == 0 && first.unchanged == 0, "\(shape.file): \(first)")
            }
            #expect(first.warned <= first.inserted + first.updated + first.unchanged + first.merged, "warned counts kept rows only: \(first)")
            let second = try await RealShapes.importFile(shape.file, into: database)
            #expect(Self.addsUp(second), "\(shape.file): \(second)")
            #expect(second.inserted == 0 && second.updated == 0 && second.rejected == 0, "\(shape.file): \(second)")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func the_reports_of_bad_inputs_add_up(engine: Database.Engine) async throws {
        let files = ["bad-kk-other-desa.csv": 1, "bad-two-heads.csv": 0, "bad-no-head.csv": 0, "bad-member-without-kk.csv": 1,
                     "bad-region-unknown.csv": 1, "bad-region-jatim.csv": 1]
        for (file, rejected) in files.sorted(by: { $0.key < $1.key }) {
            try await TestDatabase.with(engine) { database in
                let report = try await RealShapes.importFile(file, into: database)
                #expect(Self.addsUp(report), "\(file): \(report)")
                #expect(report.rejected == rejected, "\(file): \(report)")
                #expect(report.warned <= report.inserted + report.updated + report.unchanged + report.merged, "\(file): \(report)")
            }
        }
    }

    /// Each shape's report says which header was understood as which field ("Kolom yang dipahami"), and on which
    /// sheet for a multi-sheet workbook.
    @Test(arguments: [
        ("dtsen-art.csv", nil, ["NO.KK", "NIK", "Kode Desa", "SHDK", "Jenis Kelamin", "Tgl Lahir", "Disabilitas", "Desil", "Jenis Lantai"]),
        ("p3ke-individu.xlsx", nil, ["ID Keluarga P3KE", "NIK", "Kode Kemendagri", "Desil Kesejahteraan", "Jenis Kelamin", "Tanggal Lahir",
                                     "Hubungan dengan Kepala Keluarga", "Jenis Dinding"]),
        ("siak-extract.xlsx", nil, ["Nomor KK", "NIK", "Nama Penduduk", "Status", "Kelamin", "Tanggal Lahir", "SHDK", "Kecamatan", "Desa/Kel", "Cacat"]),
        ("bdt-2015.xlsx", nil, ["KDPROP", "KDKAB", "KDKEC", "KDDESA", "NIK", "NoKK", "JnsKel", "TglLahir", "Hub_KRT", "Umur", "Jenis_cacat", "percentile"]),
        ("regsosek-2022.xlsx", "anggota keluarga", ["no kartu keluarga", "403. NIK", "404. Keterangan keberadaan", "405. Jenis kelamin",
                                                    "406. Tanggal lahir", "409. Hubungan dengan kepala keluarga", "428a. Kesulitan melihat"]),
        ("regsosek-2022.xlsx", "keterangan tempat", ["no kartu keluarga", "101. Kode Provinsi", "104. Kode Desa/Kelurahan"]),
        ("instructions-then-data.xlsx", "Data", ["No. KK", "NIK", "Kode Wilayah", "Hubungan Keluarga", "Jenis Kelamin", "Tanggal Lahir"]),
    ] as [(String, String?, [String])])
    func the_report_names_the_field_of_each_understood_column(file: String, sheet: String?, headers: [String]) async throws {
        try await TestDatabase.withEach { database in
            let report = try await RealShapes.importFile(file, into: database)
            for header in headers {
                let column = report.columns.first { $0.header == header && (sheet == nil || $0.sheet == sheet) }
                #expect(column?.field != nil, "\(file)\(sheet.map { " / \($0)" } ?? ""): column '\(header)' understood as \(column?.field ?? "nothing")")
            }
        }
    }

    @Test func the_report_of_a_village_export_names_its_columns() async throws {
        try await TestDatabase.withEach { database in
            let report = try await RealShapes.importFile("village-export.csv", into: database, options: try Self.villageOptions())
            for header in ["no_kk", "nik", "sex", "tanggallahir", "kk_level", "cacat_id", "status_dasar", "dusun", "rt", "rw"] {
                #expect(report.columns.first { $0.header == header }?.field != nil, "column '\(header)'")
            }
        }
    }

    /// Two columns are headed `Nama` (the second holds the mother's name, as exports with a merged "Ibu Kandung" group
    /// header have): never a silent choice — the import reports the duplicated header (an issue or a note naming it)
    /// or refuses the file naming it.
    @Test(arguments: TestDatabase.engines)
    func a_duplicated_header_is_reported_not_chosen_silently(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            do {
                let report = try await RealShapes.importFile("bad-duplicate-header.csv", into: database)
                let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
                let named = issues.filter { $0.column == "Nama" || $0.message.contains("Nama") }
                let notes = report.notes.filter { $0.contains("Nama") }
                #expect(!named.isEmpty || !notes.isEmpty, "an issue or a note names the duplicated header Nama: \(issues), \(report.notes)")
            } catch {
                let text = RealShapes.indonesianText(of: error)
                #expect(text.contains("Nama") && text.contains("bad-duplicate-header.csv"), "the refusal names the header: \(text)")
            }
        }
    }
}
