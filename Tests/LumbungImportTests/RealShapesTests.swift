import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// One hand-made fixture of a real shape and the figures a correct import gives, counted by hand from its rows
/// (ages on 2025-06-30; the dead and the moved not counted; desil 1–4 by family).
struct RealShape: Sendable, CustomTestStringConvertible {
    let file: String
    /// Region → figures, for every desa of the file, its kecamatan, kabupaten and the province.
    let expected: [(String, Figures)]
    /// Regions that must stay empty (where a wrong reading of the codes would put the people).
    let empty: [String]
    /// Data rows of the file (every one valid).
    let rows: Int

    var testDescription: String { file }

    static let none = Figures(families: 0, people: 0, male: 0, female: 0, ages: [0, 0, 0, 0], disabled: 0,
                              femaleHeaded: 0, withChildren: 0, withElderly: 0)

    /// DTSEN/DTKS "ART" extract: one row per person, family columns (KK, desa, desil, housing) repeated,
    /// no family file; Kode Desa dotted on some rows and not on others; labels of SHDK, education, disability.
    /// Lombok Timur, Keruak: Pijot 52.03.01.2002 (families F1 desil 1, F2 desil 3 headed by a woman, F3 desil 6)
    /// and Sepit 52.03.01.2004 (F4 desil 2 headed by a woman, F5 desil 4, F6 desil 8).
    static let dtsenArt = RealShape(file: "dtsen-art.csv", expected: [
        ("52.03.01.2002", Figures(families: 3, people: 9, male: 4, female: 5, ages: [1, 2, 4, 2], disabled: 2,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        ("52.03.01.2004", Figures(families: 3, people: 6, male: 4, female: 2, ages: [1, 1, 3, 1], disabled: 0,
                                  femaleHeaded: 1, withChildren: 1, withElderly: 1, desil1: 0, desil1to4: 2)),
        ("52.03.01", Self.dtsenTotal), ("52.03", Self.dtsenTotal), ("52", Self.dtsenTotal),
    ], empty: ["52.03.01.2007", "52.03.02"], rows: 15)
    static let dtsenTotal = Figures(families: 6, people: 15, male: 8, female: 7, ages: [2, 3, 7, 3], disabled: 2,
                                    femaleHeaded: 2, withChildren: 3, withElderly: 2, desil1: 1, desil1to4: 4)

    /// P3KE individu workbook: title block, header on row 12, data from row 13; P3KE family ids, no KK;
    /// dates `dd/mm/yyyy 0:00:00` DAY-first. The desil 1–4 families of dtsen-art.csv (F1, F2, F4, F5), no disability column.
    /// Day-first matters for the figures: `04/11/2020` is 4 years old (month-first: 5) and `03/12/2007` is 17 (month-first: 18).
    static let p3keIndividu = RealShape(file: "p3ke-individu.xlsx", expected: [
        ("52.03.01.2002", Figures(families: 2, people: 7, male: 3, female: 4, ages: [1, 2, 2, 2], disabled: 0,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        ("52.03.01.2004", Figures(families: 2, people: 5, male: 3, female: 2, ages: [1, 1, 2, 1], disabled: 0,
                                  femaleHeaded: 1, withChildren: 1, withElderly: 1, desil1: 0, desil1to4: 2)),
        ("52.03.01", Self.p3keTotal), ("52.03", Self.p3keTotal), ("52", Self.p3keTotal),
    ], empty: ["52.03.01.2007"], rows: 12)
    static let p3keTotal = Figures(families: 4, people: 12, male: 6, female: 6, ages: [2, 3, 4, 3], disabled: 0,
                                   femaleHeaded: 2, withChildren: 3, withElderly: 2, desil1: 1, desil1to4: 4)

    /// SIAK extract: region by names only (`Kecamatan` GANGGA, `Desa/Kel` GENGGELANG / BENTEK), `Status` Hidup /
    /// Mati / Pindah Dalam Negeri, labels, 25 formatted but empty rows below the data. Lombok Utara, Gangga:
    /// Genggelang 52.08.02.2003 (S1: one dead grandmother; S2 headed by a woman, one son moved away) and
    /// Bentek 52.08.02.2002 (S3 two elderly, S4).
    static let siakExtract = RealShape(file: "siak-extract.xlsx", expected: [
        ("52.08.02.2003", Figures(families: 2, people: 6, male: 3, female: 3, ages: [1, 2, 2, 1], disabled: 1,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1)),
        ("52.08.02.2002", Figures(families: 2, people: 5, male: 2, female: 3, ages: [0, 1, 2, 2], disabled: 1,
                                  femaleHeaded: 0, withChildren: 1, withElderly: 1)),
        ("52.08.02", Self.siakTotal), ("52.08", Self.siakTotal), ("52", Self.siakTotal),
    ], empty: ["52.08.01"], rows: 13)
    static let siakTotal = Figures(families: 4, people: 11, male: 5, female: 6, ages: [1, 3, 4, 3], disabled: 2,
                                   femaleHeaded: 1, withChildren: 3, withElderly: 2)

    /// BDT 2015 workbook: BPS codes split over KDPROP 52 / KDKAB 06 / KDKEC 020 / KDDESA 007 and 005, a row of
    /// column numbers under the header, Hub_KRT codes, JnsKel 1/2, `Umur` and no birth date on five rows,
    /// percentile 7 / 35 / 15 / 55 (desil 1, 4, 2, 6). Through the crosswalk BPS 5206020007 is Timu 52.06.02.2006
    /// and 5206020005 is Sondosia 52.06.02.2008 — by arithmetic they would be Bontokape 2007 and Leu 2005.
    static let bdt2015 = RealShape(file: "bdt-2015.xlsx", expected: [
        ("52.06.02.2006", Figures(families: 2, people: 7, male: 3, female: 4, ages: [0, 2, 4, 1], disabled: 1,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1, desil1: 1, desil1to4: 2)),
        ("52.06.02.2008", Figures(families: 2, people: 5, male: 3, female: 2, ages: [0, 1, 2, 2], disabled: 1,
                                  femaleHeaded: 0, withChildren: 1, withElderly: 1, desil1: 0, desil1to4: 1)),
        ("52.06.02", Self.bdtTotal), ("52.06", Self.bdtTotal), ("52", Self.bdtTotal),
    ], empty: ["52.06.02.2007", "52.06.02.2005"], rows: 12)
    static let bdtTotal = Figures(families: 4, people: 12, male: 6, female: 6, ages: [0, 3, 6, 3], disabled: 2,
                                  femaleHeaded: 1, withChildren: 3, withElderly: 2, desil1: 1, desil1to4: 3)

    /// Regsosek 2022 workbook: sheets "keterangan tempat" (BPS codes 52/01/010/001 and 002), "perumahan" and
    /// "anggota keluarga", joined by `no kartu keluarga`; question-code headers; birth dates as text or as bare
    /// Excel serial numbers; one member dead (404 = 2); disability by 428a–c codes 1–2. Lombok Barat, Sekotong
    /// (BPS 5201010 = Kemendagri 52.01.07): Pelangan 52.01.07.2003 and Sekotong Barat 52.01.07.2002.
    static let regsosek2022 = RealShape(file: "regsosek-2022.xlsx", expected: [
        ("52.01.07.2003", Figures(families: 2, people: 5, male: 2, female: 3, ages: [1, 1, 2, 1], disabled: 1,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1)),
        ("52.01.07.2002", Figures(families: 2, people: 5, male: 3, female: 2, ages: [1, 1, 2, 1], disabled: 1,
                                  femaleHeaded: 0, withChildren: 1, withElderly: 1)),
        ("52.01.07", Self.regsosekTotal), ("52.01", Self.regsosekTotal), ("52", Self.regsosekTotal),
    ], empty: ["52.01.01"], rows: 11)
    static let regsosekTotal = Figures(families: 4, people: 10, male: 5, female: 5, ages: [2, 2, 4, 2], disabled: 2,
                                       femaleHeaded: 1, withChildren: 3, withElderly: 2)

    /// A workbook whose first sheet is instructions and whose data is on sheet 2; three NIKs written with dots
    /// (`527101.170877.9401`). Kota Mataram, Ampenan: Ampenan Selatan 52.71.01.1004 (H1, H2 headed by a woman
    /// with a disability) and Ampenan Utara 52.71.01.1007 (H3).
    static let instructionsThenData = RealShape(file: "instructions-then-data.xlsx", expected: [
        ("52.71.01.1004", Figures(families: 2, people: 6, male: 3, female: 3, ages: [1, 1, 3, 1], disabled: 1,
                                  femaleHeaded: 1, withChildren: 2, withElderly: 1)),
        ("52.71.01.1007", Figures(families: 1, people: 4, male: 2, female: 2, ages: [1, 1, 2, 0], disabled: 0,
                                  femaleHeaded: 0, withChildren: 1, withElderly: 0)),
        ("52.71.01", Self.instructionsTotal), ("52.71", Self.instructionsTotal), ("52", Self.instructionsTotal),
    ], empty: ["52.71.02"], rows: 10)
    static let instructionsTotal = Figures(families: 3, people: 10, male: 5, female: 5, ages: [2, 2, 5, 1], disabled: 1,
                                           femaleHeaded: 1, withChildren: 3, withElderly: 1)

    /// A per-person export saved month-first by an English-locale spreadsheet (`06/27/1980`): the evidence of the
    /// column (a middle part above 12) says month-first, so `11/04/2020` is 4 years old (day-first: 5), `12/03/2007`
    /// is 17 (day-first: 18) and `07/02/1965` is 59 (day-first: 60). Dompu, kelurahan Bada 52.05.01.1001: M1, M2
    /// headed by a woman with a disability, M3.
    static let datesMonthFirst = RealShape(file: "dates-month-first.csv", expected: [
        ("52.05.01.1001", Self.monthFirstTotal), ("52.05.01", Self.monthFirstTotal), ("52.05", Self.monthFirstTotal), ("52", Self.monthFirstTotal),
    ], empty: ["52.05.01.1002"], rows: 10)
    static let monthFirstTotal = Figures(families: 3, people: 10, male: 4, female: 6, ages: [2, 2, 5, 1], disabled: 1,
                                         femaleHeaded: 1, withChildren: 3, withElderly: 1)

    /// SIKS-NG usulan list (§1.3 columns, `;`-separated, region names in capitals, dd/mm/yyyy): ten people of
    /// dtsen-art.csv's F1, F2 (Pijot) and F4 (Sepit) under their KKs — no SHDK, no desil, no housing, no disability,
    /// so no head is known (no female-headed family) and no desil is counted.
    static let siksngUsulan = RealShape(file: "siksng-usulan-same-people.csv", expected: [
        ("52.03.01.2002", Figures(families: 2, people: 7, male: 3, female: 4, ages: [1, 2, 2, 2], disabled: 0,
                                  femaleHeaded: 0, withChildren: 2, withElderly: 1)),
        ("52.03.01.2004", Figures(families: 1, people: 3, male: 2, female: 1, ages: [1, 1, 1, 0], disabled: 0,
                                  femaleHeaded: 0, withChildren: 1, withElderly: 0)),
        ("52.03.01", Self.usulanTotal), ("52.03", Self.usulanTotal), ("52", Self.usulanTotal),
    ], empty: ["52.03.01.2007"], rows: 10)
    static let usulanTotal = Figures(families: 3, people: 10, male: 5, female: 5, ages: [2, 3, 3, 2], disabled: 0,
                                     femaleHeaded: 0, withChildren: 3, withElderly: 1)

    /// The shapes imported without a chosen desa.
    static let all = [dtsenArt, p3keIndividu, siakExtract, bdt2015, regsosek2022, instructionsThenData, datesMonthFirst, siksngUsulan]
}

/// Files of the shapes other systems write, imported with layout `auto`, give per desa, kecamatan, kabupaten and
/// province exactly the figures counted by hand from their rows — on every engine — and a second import of the
/// same file changes nothing.
@Suite struct RealShapesTests {
    static let cases: [(Database.Engine, RealShape)] = TestDatabase.engines.flatMap { engine in RealShape.all.map { (engine, $0) } }

    @Test(arguments: cases)
    func a_real_shape_gives_the_hand_counted_figures(engine: Database.Engine, shape: RealShape) async throws {
        try await TestDatabase.with(engine) { database in
            let report = try await RealShapes.importFile(shape.file, into: database)
            #expect(report.rejected == 0, "\(shape.file): every row is valid, \(report.rejected) rejected: \(report.problems.map(\.code))")
            #expect(report.batchID != nil)
            try await RealShapes.expectFigures(shape.expected, in: database, file: shape.file)
            try await RealShapes.expectFigures(shape.empty.map { ($0, RealShape.none) }, in: database, file: shape.file)
        }
    }

    @Test(arguments: cases)
    func importing_the_same_real_shape_twice_changes_nothing(engine: Database.Engine, shape: RealShape) async throws {
        try await TestDatabase.with(engine) { database in
            _ = try await RealShapes.importFile(shape.file, into: database)
            let before = try await RealShapes.figures(shape.expected.map(\.0), in: database)
            let households = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            let people = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            let again = try await RealShapes.importFile(shape.file, into: database)
            #expect(again.inserted == 0 && again.updated == 0 && again.rejected == 0,
                    "\(shape.file): the second import wrote \(again.inserted) new, \(again.updated) updated, \(again.rejected) rejected")
            let figuresAfter = try await RealShapes.figures(shape.expected.map(\.0), in: database)
            #expect(figuresAfter == before, "\(shape.file)")
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(storedFamilies == households, "\(shape.file)")
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == people, "\(shape.file)")
        }
    }

    /// The labels real files use — 'Kayu/papan', 'Famili Lain', 'Belum Tamat SD/Sederajat', 'Diploma IV/Strata I',
    /// 'Cerai Hidup', 'Tuna Netra', the BKKBN education bands, YA/TIDAK, Dukcapil's SHDK, religion and occupation
    /// labels, BDT's disability labels — are all official values: every row is kept and no issue names these columns.
    @Test(arguments: [
        ("dtsen-art.csv", ["SHDK", "Jenis Kelamin", "Pendidikan", "Status Kawin", "Disabilitas", "Desil", "Jenis Lantai",
                           "Jenis Dinding", "Jenis Atap", "Sumber Air Minum", "Sumber Penerangan"]),
        ("p3ke-individu.xlsx", ["Desil Kesejahteraan", "Padan Dukcapil", "Jenis Kelamin", "Hubungan dengan Kepala Keluarga", "Status Kawin",
                                "Pendidikan", "Jenis Atap", "Jenis Dinding", "Jenis Lantai", "Penerima BPNT", "Penerima PKH"]),
        ("siak-extract.xlsx", ["Status", "Kelamin", "Status Kawin", "SHDK", "Agama", "Pendidikan", "Pekerjaan"]),
        ("bdt-2015.xlsx", ["JnsKel", "Hub_KRT", "Sta_kawin", "Jenis_cacat", "percentile"]),
        ("instructions-then-data.xlsx", ["Hubungan Keluarga", "Jenis Kelamin", "Jenis Disabilitas"]),
    ])
    func the_labels_of_real_files_are_understood(file: String, columns: [String]) async throws {
        try await TestDatabase.withEach { database in
            let report = try await RealShapes.importFile(file, into: database)
            #expect(report.rejected == 0, "\(file): \(report.problems.map(\.code))")
            let issues = try await RealShapes.issues(batch: try #require(report.batchID), in: database)
            let onLabels = issues.filter { columns.contains($0.column ?? "") }
            #expect(onLabels.isEmpty, "\(file): \(onLabels)")
        }
    }

    /// A second source updates only what it carries: the SIKS-NG usulan of the same people (no SHDK, desil, housing
    /// or disability) imported after DTSEN — or before it — leaves every DTSEN figure as it is (the issue saw the
    /// usulan set desil, the head and housing to empty on every family it listed).
    @Test(arguments: TestDatabase.engines.flatMap { engine in
        [["dtsen-art.csv", "siksng-usulan-same-people.csv"], ["siksng-usulan-same-people.csv", "dtsen-art.csv"]].map { (engine, $0) }
    })
    func a_second_source_erases_nothing_the_first_gave(engine: Database.Engine, files: [String]) async throws {
        try await TestDatabase.with(engine) { database in
            for file in files {
                let report = try await RealShapes.importFile(file, into: database)
                #expect(report.rejected == 0, "\(file): \(report.problems.map(\.code))")
            }
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedFamilies == 6 && storedPeople == 15, "\(files): \(storedFamilies) families, \(storedPeople) people")
            try await RealShapes.expectFigures(RealShape.dtsenArt.expected, in: database, file: files.joined(separator: " then "))
        }
    }

    /// A P3KE workbook for desa already loaded from DTSEN names the same people by NIK under P3KE family ids:
    /// it must find their families, not add new ones (the issue saw 408 → 577 families and 164 without members).
    /// DTSEN first, then P3KE: every figure stays the DTSEN one — also disability, which P3KE does not carry.
    @Test(arguments: TestDatabase.engines)
    func p3ke_after_dtsen_finds_the_families_by_their_members_niks(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            _ = try await RealShapes.importFile("dtsen-art.csv", into: database)
            let report = try await RealShapes.importFile("p3ke-individu.xlsx", into: database)
            #expect(report.rejected == 0, "\(report.problems.map(\.code))")
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(storedFamilies == 6)
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 15)
            let empty = try await RealShapes.count(
                "SELECT COUNT(*) AS n FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id)", in: database)
            #expect(empty == 0, "\(empty) families without members")
            try await RealShapes.expectFigures(RealShape.dtsenArt.expected, in: database, file: "dtsen-art.csv + p3ke-individu.xlsx")
        }
    }

    /// Files may come in any order: P3KE first (families under P3KE ids), then DTSEN (the same families by KK).
    @Test(arguments: TestDatabase.engines)
    func dtsen_after_p3ke_joins_the_p3ke_families_instead_of_doubling_them(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            _ = try await RealShapes.importFile("p3ke-individu.xlsx", into: database)
            let report = try await RealShapes.importFile("dtsen-art.csv", into: database)
            #expect(report.rejected == 0, "\(report.problems.map(\.code))")
            let storedFamilies = try await RealShapes.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(storedFamilies == 6)
            let storedPeople = try await RealShapes.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(storedPeople == 15)
            let empty = try await RealShapes.count(
                "SELECT COUNT(*) AS n FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id)", in: database)
            #expect(empty == 0, "\(empty) families without members")
            try await RealShapes.expectFigures(RealShape.dtsenArt.expected, in: database, file: "p3ke-individu.xlsx + dtsen-art.csv")
        }
    }
}
