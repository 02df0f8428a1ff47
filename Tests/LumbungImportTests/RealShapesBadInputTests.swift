import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// Bad input of the real per-person shape (NO.KK, NIK, Nama, Kode Desa, SHDK, …; Lombok Tengah, Praya):
/// each problem is reported at its row (as the sheet numbers rows, header = row 1) and column, in Bahasa
/// Indonesia; the good rows are still imported with the figures counted by hand; a second import changes nothing.
///
/// The ten good rows of every bad-*.csv file: Mertak Tombok 52.02.01.2010 holds X1 (man, wife, two children,
/// desil 2) and X2 (a woman of 70 heading, her son, a girl of 12, desil 1); Aik Mual 52.02.01.2011 holds X3
/// (man, wife, son of 18, desil 5).
@Suite struct RealShapesBadInputTests {
    static let mertak = "52.02.01.2010"
    static let aikMual = "52.02.01.2011"

    /// Figures when all ten good rows are in.
    static let allGood: [(String, Figures)] = [
        (mertak, Figures(families: 2, people: 7, male: 3, female: 4, ages: [0, 3, 3, 1], disabled: 0,
                         femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        (aikMual, Figures(families: 1, people: 3, male: 2, female: 1, ages: [0, 0, 3, 0], disabled: 0,
                          femaleHeaded: 0, withChildren: 0, withElderly: 0)),
        ("52.02.01", Figures(families: 3, people: 10, male: 5, female: 5, ages: [0, 3, 6, 1], disabled: 0,
                             femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        ("52.02", Figures(families: 3, people: 10, male: 5, female: 5, ages: [0, 3, 6, 1], disabled: 0,
                          femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
    ]

    /// Imports a bad file, checks the figures, imports it again and checks that nothing changed; gives the first
    /// report's stored issues.
    static func importTwice(_ file: String, expecting expected: [(String, Figures)], engine: Database.Engine,
                            sourceLocation: SourceLocation = #_sourceLocation,
                            _ check: (ImportReport, [RealShapes.StoredIssue], Database) async throws -> Void) async throws {
        try await TestDatabase.with(engine) { database in
            let report = try await RealShapes.importFile(file, into: database)
            let batch = try #require(report.batchID, sourceLocation: sourceLocation)
            let issues = try await RealShapes.issues(batch: batch, in: database)
            try await check(report, issues, database)
            try await RealShapes.expectFigures(expected, in: database, file: file, sourceLocation: sourceLocation)
            let people = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            let again = try await RealShapes.importFile(file, into: database)
            #expect(again.inserted == 0 && again.updated == 0, "\(file): the second import wrote \(again.inserted) new, \(again.updated) updated",
                    sourceLocation: sourceLocation)
            try await RealShapes.expectFigures(expected, in: database, file: "\(file) (second import)", sourceLocation: sourceLocation)
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == people, sourceLocation: sourceLocation)
        }
    }

    /// The issues at one row.
    static func at(_ row: Int, _ issues: [RealShapes.StoredIssue]) -> [RealShapes.StoredIssue] { issues.filter { $0.row == row } }

    /// Row 5 (a child of X1) gives Aik Mual while the head and the rest of X1 are in Mertak Tombok: that row is an
    /// error on its region column; X1 keeps its three other members in Mertak Tombok.
    @Test(arguments: TestDatabase.engines)
    func a_member_in_another_desa_than_the_rest_of_the_family_is_an_error_at_its_row(engine: Database.Engine) async throws {
        let expected: [(String, Figures)] = [
            (Self.mertak, Figures(families: 2, people: 6, male: 3, female: 3, ages: [0, 2, 3, 1], disabled: 0,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
            (Self.aikMual, Self.allGood[1].1),
            ("52.02", Figures(families: 3, people: 9, male: 5, female: 4, ages: [0, 2, 6, 1], disabled: 0,
                              femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        ]
        try await Self.importTwice("bad-kk-other-desa.csv", expecting: expected, engine: engine) { report, issues, _ in
            #expect(report.rejected == 1, "\(issues)")
            let row5 = Self.at(5, issues).filter { $0.severity == "error" }
            #expect(row5.contains { ["Kode Desa", "NO.KK"].contains($0.column ?? "") && $0.message.lowercased().contains("desa") },
                    "row 5 must be an error on Kode Desa (or NO.KK) saying the desa differs: \(issues)")
            #expect(issues.filter { $0.severity == "error" }.allSatisfy { $0.row == 5 }, "only row 5 is wrong: \(issues)")
        }
    }

    /// X3 has two heads (rows 9 and 11, both men): the family is kept with all its members and flagged.
    @Test(arguments: TestDatabase.engines)
    func a_family_with_two_heads_is_kept_and_flagged(engine: Database.Engine) async throws {
        try await Self.importTwice("bad-two-heads.csv", expecting: Self.allGood, engine: engine) { report, issues, _ in
            #expect(report.rejected == 0, "\(issues)")
            let flagged = (Self.at(9, issues) + Self.at(11, issues)).filter { $0.severity == "warning" && $0.column == "SHDK" }
            #expect(!flagged.isEmpty, "a warning on SHDK at row 9 or 11: \(issues)")
            #expect(flagged.allSatisfy { $0.message.lowercased().contains("kepala") }, "\(flagged)")
        }
    }

    /// X1 has no head (row 2 says Famili Lain): kept and flagged; its head's sex is unknown, so only X2 is female-headed.
    @Test(arguments: TestDatabase.engines)
    func a_family_without_a_head_is_kept_and_flagged(engine: Database.Engine) async throws {
        try await Self.importTwice("bad-no-head.csv", expecting: Self.allGood, engine: engine) { report, issues, _ in
            #expect(report.rejected == 0, "\(issues)")
            let flagged = issues.filter { (2...5).contains($0.row ?? 0) && $0.severity == "warning" && ["SHDK", "NO.KK"].contains($0.column ?? "") }
            #expect(!flagged.isEmpty, "a warning on a row of X1 (2–5), column SHDK: \(issues)")
            #expect(flagged.allSatisfy { $0.message.lowercased().contains("kepala") }, "\(flagged)")
        }
    }

    /// Row 8 (the girl of X2) has no KK: an error on NO.KK; the rest is imported.
    @Test(arguments: TestDatabase.engines)
    func a_member_without_a_kk_is_an_error_at_its_row(engine: Database.Engine) async throws {
        let expected: [(String, Figures)] = [
            (Self.mertak, Figures(families: 2, people: 6, male: 3, female: 3, ages: [0, 2, 3, 1], disabled: 0,
                                  femaleHeaded: 1, withChildren: 1, withElderly: 1, desil1: 1, desil1to4: 2)),
            (Self.aikMual, Self.allGood[1].1),
            ("52.02", Figures(families: 3, people: 9, male: 5, female: 4, ages: [0, 2, 6, 1], disabled: 0,
                              femaleHeaded: 1, withChildren: 1, withElderly: 1, desil1: 1, desil1to4: 2)),
        ]
        try await Self.importTwice("bad-member-without-kk.csv", expecting: expected, engine: engine) { report, issues, _ in
            #expect(report.rejected == 1, "\(issues)")
            #expect(Self.at(8, issues).contains { $0.severity == "error" && $0.column == "NO.KK" && $0.message.contains("KK") }, "row 8, NO.KK: \(issues)")
            #expect(issues.filter { $0.severity == "error" }.allSatisfy { $0.row == 8 }, "only row 8 is wrong: \(issues)")
        }
    }

    /// Row 12 gives a region that is neither a code nor a name: an error on Kode Desa; the other ten rows are imported.
    @Test(arguments: TestDatabase.engines)
    func a_region_that_is_neither_code_nor_name_is_an_error_at_its_row(engine: Database.Engine) async throws {
        try await Self.importTwice("bad-region-unknown.csv", expecting: Self.allGood, engine: engine) { report, issues, database in
            #expect(report.rejected == 1, "\(issues)")
            #expect(Self.at(12, issues).contains { issue in
                issue.severity == "error" && issue.column == "Kode Desa"
                    && (issue.message.lowercased().contains("desa") || issue.message.lowercased().contains("wilayah"))
            }, "row 12, Kode Desa, a message about the desa or region: \(issues)")
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 10)
        }
    }

    /// Row 12 gives a desa code of Jawa Timur (35.01.01 Donorojo, Pacitan): an error on Kode Desa that names
    /// Jawa Timur, not a guess in NTB ("mungkin maksudnya: Nusa Tenggara Barat", as the issue saw).
    @Test(arguments: TestDatabase.engines)
    func a_region_in_jawa_timur_is_an_error_naming_jawa_timur(engine: Database.Engine) async throws {
        try await Self.importTwice("bad-region-jatim.csv", expecting: Self.allGood, engine: engine) { report, issues, database in
            #expect(report.rejected == 1, "\(issues)")
            let row12 = Self.at(12, issues).filter { $0.severity == "error" && $0.column == "Kode Desa" }
            #expect(row12.contains { $0.message.contains("Jawa Timur") }, "the message names Jawa Timur: \(issues)")
            #expect(!row12.contains { $0.message.lowercased().contains("mungkin maksud") }, "no guess of an NTB region for a Jawa Timur code: \(row12)")
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 10)
        }
    }

    /// The KK column was typed as numbers, so Excel kept 15 significant digits (…9300 for …9301) on every row:
    /// never padded or guessed — each row is an error on NO.KK telling to format the column as text (or the whole
    /// file is refused naming that column), and nothing is written.
    @Test(arguments: TestDatabase.engines)
    func a_kk_damaged_to_15_digits_on_every_row_is_an_error_naming_the_column(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            do {
                let report = try await RealShapes.importFile("bad-kk-15-digits.xlsx", into: database)
                let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
                #expect(report.inserted == 0 && report.updated == 0)
                for row in 2...11 {
                    #expect(Self.at(row, issues).contains { $0.severity == "error" && $0.column == "NO.KK" && $0.message.lowercased().contains("teks") },
                            "row \(row): an error on NO.KK that says to store it as text: \(Self.at(row, issues))")
                }
            } catch {
                let text = RealShapes.indonesianText(of: error)
                #expect(text.contains("NO.KK") && text.lowercased().contains("teks"), "the refusal names NO.KK and says to store it as text: \(text)")
            }
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 0)
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(storedFamilies == 0)
        }
    }

    /// A list of programmes is not people: refused (or read as nothing) with a message in Bahasa Indonesia that names
    /// the file; nothing is written.
    @Test(arguments: TestDatabase.engines)
    func a_sheet_that_is_not_people_is_refused_in_bahasa_indonesia(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            do {
                let report = try await RealShapes.importFile("bad-not-people.xlsx", into: database)
                #expect(report.inserted == 0 && report.updated == 0)
                let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
                #expect(issues.contains { $0.severity == "error" && $0.message.lowercased().contains("tidak") }, "\(issues)")
            } catch {
                let text = RealShapes.indonesianText(of: error)
                #expect(text.contains("bad-not-people.xlsx"), "the message names the file: \(text)")
                #expect(text.lowercased().contains("tidak") || text.lowercased().contains("bukan"), "the message is in Bahasa Indonesia: \(text)")
            }
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 0)
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(storedFamilies == 0)
        }
    }

    /// A village-system export has no region columns (the installation is the desa): without a chosen desa nothing
    /// is written and the message asks for the desa (`--desa`, or the region picker on the web import).
    @Test(arguments: TestDatabase.engines)
    func a_village_export_without_a_chosen_desa_writes_nothing_and_asks_for_one(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            do {
                let report = try await RealShapes.importFile("village-export.csv", into: database)
                #expect(report.inserted == 0 && report.updated == 0)
                let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
                #expect(issues.contains { $0.severity == "error" && $0.message.lowercased().contains("desa") }, "\(issues)")
            } catch {
                let text = RealShapes.indonesianText(of: error)
                #expect(text.lowercased().contains("desa") && text.contains("village-export.csv"), "the message asks for the desa: \(text)")
            }
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 0)
        }
    }
}
