import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Programme participant workbooks (a programme sheet of key/value rows, then a participant sheet ending at `###`) on
/// the five families of `ProgrammeFixtures`, written as real .xlsx files here, with the expected counts written out.
@Suite struct ProgrammeWorkbookTests {
    static let actor = AuditActor(name: "tester", address: nil)
    static let dinas = "Dinas Sosial Kabupaten Lombok Timur"

    /// Writes a workbook of the given sheets (name and rows of text cells; "" is an empty cell).
    static func workbook(_ sheets: [(String, [[String]])], name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        let writer = try XLSXTableWriter(url: url, sheetName: sheets[0].0)
        for (index, (sheet, rows)) in sheets.enumerated() {
            if index > 0 { try writer.startSheet(named: sheet) }
            for row in rows { try writer.write(row.map { $0.isEmpty ? Cell.empty : Cell.text($0) }) }
        }
        try writer.finish()
        return url
    }

    static func programmeSheet(end: String = "31/12/2025", code: String? = "LANSIA-LOTIM", extra: [[String]] = []) -> (String, [[String]]) {
        ("Program", [
            ["KETERANGAN PROGRAM"], [""],
            ["Nama Program", "Bantuan Lansia Tunggal"],
        ] + (code.map { [["Kode Program", $0]] } ?? []) + [
            ["Sasaran", "Individu"],
            ["Sumber Dana", "APBD Kabupaten"],
            ["Tanggal Mulai", "01/01/2025"],
            ["Tanggal Selesai", end],
            ["Jenis Bantuan", "lansia"],
            ["Wilayah Sasaran", "52.03"],
            ["Anggaran", "90.000.000"],
        ] + extra)
    }

    static let participantHeader = ["Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat"]

    /// Five participants and a marker row: Inaq Sari (family 1) and Made Putra (family 3) by NIK, Papuq Rahim (no NIK,
    /// no desa: not matched), a stranger, and Inaq Sari again; then `###` and a note, skipped.
    static let participants: (String, [[String]]) = ("Peserta", [
        participantHeader,
        ["5203014101800001", "P-001", "5203014101800001", "Inaq Sari", "Keruak", "01/01/1980", "Dusun Bagik"],
        ["5203010404700001", "P-002", "5203010404700001", "Made Putra", "Keruak", "04/04/1970", ""],
        ["", "P-003", "", "Papuq Rahim", "Keruak", "05/05/1950", ""],
        ["5203011212900007", "P-004", "5203011212900007", "Tidak Ada", "Selong", "12/12/1990", ""],
        ["5203014101800001", "P-005", "5203014101800001", "Inaq Sari", "Keruak", "01/01/1980", ""],
        ["###"],
        ["Catatan: diisi oleh petugas desa"],
    ])

    static func setUp(_ database: Database) async throws -> ProgrammeStore {
        try await ProgrammeFixtures.registry(database)
        let store = ProgrammeStore(database: database)
        _ = try await store.addOrganisation(Organisation(name: dinas, kind: .dinasSosial, region: try RegionCode("52.03")), by: actor)
        _ = try await store.addOrganisation(Organisation(name: "LSM Mitra Sejahtera", kind: .ngo, region: try RegionCode("52.03")), by: actor)
        return store
    }

    static func options(_ file: URL, owner: String?, programme: String? = nil) -> BeneficiaryImportOptions {
        var options = BeneficiaryImportOptions(asOf: ImportFixtures.asOf, programme: programme.flatMap(ProgrammeCode.init))
        options.rejectsFolder = file.deletingLastPathComponent()
        options.owner = owner
        options.registerListedProgrammes = owner == nil
        return options
    }

    static func counts(_ database: Database) async throws -> [Int] {
        [try await ImportFixtures.count("SELECT COUNT(*) AS n FROM programme", in: database),
         try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database),
         try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database)]
    }

    @Test(arguments: TestDatabase.engines)
    func a_workbook_registers_its_programme_and_enrols_its_participants_once(engine: Database.Engine) async throws {
        let file = try Self.workbook([Self.programmeSheet(), Self.participants], name: "peserta-lansia.xlsx")
        #expect(BeneficiaryColumns.isProgrammeList(file), "a workbook is read as a beneficiary list without --programme")
        try await TestDatabase.with(engine) { database in
            let store = try await Self.setUp(database)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            let report = try await job.run(file, options: Self.options(file, owner: Self.dinas))
            // 7 rows under the header = 4 new + 1 repeated + 2 after the marker.
            #expect(report.layout == "penerima-program:LANSIA-LOTIM" && report.headerRow == 1)
            #expect(report.rowsRead == 7 && report.inserted == 4 && report.merged == 1 && report.skipped == 2 && report.rejected == 0)
            #expect(report.enrolments?.byMatch == ["nik": 2, "unmatched": 2])
            #expect(report.enrolments?.registeredProgrammes == ["LANSIA-LOTIM"])
            #expect(report.tables.first?.sheet == "Peserta")
            #expect(report.notes.contains { $0.contains("LANSIA-LOTIM (Bantuan Lansia Tunggal) didaftarkan menurut lembar Program") })

            let record = try #require(try await store.programme(ProgrammeCode("LANSIA-LOTIM")!))
            #expect(record.organisation.name == Self.dinas)
            #expect(record.programme.name == "Bantuan Lansia Tunggal" && record.programme.unit == .person && record.programme.sectors == [.elderly])
            #expect(record.programme.fundingSource == "APBD Kabupaten" && record.programme.budget == 90_000_000)
            #expect(record.programme.start == CalendarDate(year: 2025, month: 1, day: 1) && record.programme.end == CalendarDate(year: 2025, month: 12, day: 31))
            #expect(record.programme.targetRegions == [try RegionCode("52.03")])
            #expect(try await Self.counts(database) == [1, 4, 1])
            // Each enrolment keeps its No. Peserta (the repeated row P-005 merged into P-001): on the participants list
            // and on family 1's page.
            let listed = try await store.enrolments(of: ProgrammeCode("LANSIA-LOTIM")!).map { "\($0.name ?? "-") \($0.participantNumber ?? "-")" }
            #expect(listed == ["Inaq Sari P-001", "Made Putra P-002", "Papuq Rahim P-003", "Tidak Ada P-004"])
            let family = try await store.programmes(ofFamily: "52.03", household: 1)
            #expect(family.map(\.participantNumber) == ["P-001"])

            // The same file again changes nothing.
            let again = try await job.run(file, options: Self.options(file, owner: Self.dinas))
            #expect(again.alreadyImportedInBatch == report.batchID)
            // A newer workbook (the programme extended): the programme changes, no one is enrolled twice.
            let extended = try Self.workbook([Self.programmeSheet(end: "30/06/2026"), Self.participants], name: "peserta-lansia-2.xlsx")
            let second = try await job.run(extended, options: Self.options(extended, owner: Self.dinas))
            #expect(second.inserted == 0 && second.unchanged == 4 && second.merged == 1)
            #expect(second.notes.contains { $0.contains("LANSIA-LOTIM (Bantuan Lansia Tunggal) diperbarui") })
            #expect(try await store.programme(ProgrammeCode("LANSIA-LOTIM")!)?.programme.end == CalendarDate(year: 2026, month: 6, day: 30))
            #expect(try await Self.counts(database) == [1, 4, 2])
            let changed = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'programme.changed'", in: database)
            #expect(changed == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_family_workbook_without_a_code_reads_peserta_as_the_kk_and_registers_its_organisation(engine: Database.Engine) async throws {
        let sheet: (String, [[String]]) = ("Keterangan", [
            ["Nama Program:", "Sembako Desa Keruak"], ["Lembaga", "Pemerintah Desa Keruak"], ["Sasaran", "KK"],
            ["Sumber Dana", "Dana Desa"], ["Tanggal Mulai", "2025-03-01"],
        ])
        let list: (String, [[String]]) = ("Daftar", [
            Self.participantHeader,
            ["5203010101200005", "1", "", "Nengah", "", "", ""],
            ["5203010101200002", "2", "5203014202850001", "Baiq Nur", "", "", ""],
            ["###"],
        ])
        let file = try Self.workbook([sheet, list], name: "sembako-desa.xlsx")
        try await TestDatabase.with(engine) { database in
            let store = try await Self.setUp(database)
            let report = try await BeneficiaryImportJob(database: database, references: ImportFixtures.references)
                .run(file, options: Self.options(file, owner: nil))
            #expect(report.rowsRead == 3 && report.inserted == 2 && report.skipped == 1)
            // Nengah's row has only the No. KK (in Peserta); Baiq Nur's NIK matches first.
            #expect(report.enrolments?.byMatch == ["kk": 1, "nik": 1])
            let record = try #require(try await store.programme(ProgrammeCode("SEMBAKO-DESA-KERUAK")!))
            #expect(record.organisation.name == "Pemerintah Desa Keruak" && record.organisation.kind == .village)
            #expect(record.programme.unit == .family && record.programme.sectors == [.food] && record.programme.end == nil)
            #expect(record.programme.targetRegions == [try RegionCode("52")], "no regions named: the province")
            let keys = try await database.read { db in
                try await db.raw("SELECT enrolment_key FROM enrolment ORDER BY row_number").all().map { try $0.decode(column: "enrolment_key", as: String.self) }
            }
            #expect(keys == ["kk:5203010101200005", "kk:5203010101200002"], "a family programme keys its enrolments by the No. KK")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func bad_workbooks_are_refused_whole_with_the_sheet_row_and_key(engine: Database.Engine) async throws {
        let orphan = try Self.workbook([Self.participants], name: "peserta-saja.xlsx")
        let backwards = try Self.workbook([Self.programmeSheet(end: "31/12/2024"), Self.participants], name: "mundur.xlsx")
        let noParticipants = try Self.workbook([Self.programmeSheet(), ("Catatan", [["Belum ada peserta"]])], name: "kosong.xlsx")
        let good = try Self.workbook([Self.programmeSheet(), Self.participants], name: "peserta-lansia.xlsx")
        let claimed = try Self.workbook([Self.programmeSheet(extra: [["Lembaga", Self.dinas]]), Self.participants], name: "klaim.xlsx")
        try await TestDatabase.with(engine) { database in
            _ = try await Self.setUp(database)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            // A participant sheet without the programme sheet.
            await #expect(throws: ImportError.programmeSheetMissing(file: "peserta-saja.xlsx")) {
                _ = try await job.run(orphan, options: Self.options(orphan, owner: Self.dinas))
            }
            #expect(ImportError.programmeSheetMissing(file: "peserta-saja.xlsx").indonesianDescription.contains("tanpa lembar program"))
            // A programme ending before it starts: the sheet, the row and the key are named.
            let ends = ImportError.programmeSheetInvalid(file: "mundur.xlsx", sheet: "Program", problems: [ImportError.SheetProblem(
                row: 8, key: "Tanggal Selesai",
                problem: .endsBeforeStart(start: CalendarDate(year: 2025, month: 1, day: 1)!, end: CalendarDate(year: 2024, month: 12, day: 31)!))])
            await #expect(throws: ends) {
                _ = try await job.run(backwards, options: Self.options(backwards, owner: Self.dinas))
            }
            #expect(ends.indonesianDescription.contains("lembar Program (keterangan program): baris 8 (Tanggal Selesai): Tanggal selesai (2024-12-31) lebih awal"))
            await #expect(throws: ImportError.participantSheetMissing(file: "kosong.xlsx", sheet: "Program")) {
                _ = try await job.run(noParticipants, options: Self.options(noParticipants, owner: Self.dinas))
            }
            // Uploaded for another programme than the one it describes.
            await #expect(throws: ImportError.workbookProgrammeMismatch(file: "peserta-lansia.xlsx", sheet: "Program", named: "LANSIA-LOTIM", expected: "PKH")) {
                _ = try await job.run(good, options: Self.options(good, owner: Self.dinas, programme: "PKH"))
            }
            #expect(try await Self.counts(database) == [0, 0, 0])

            // The Dinas registers the programme; a partner NGO may neither change it nor claim the Dinas's name.
            _ = try await job.run(good, options: Self.options(good, owner: Self.dinas))
            #expect(try await Self.counts(database) == [1, 4, 1])
            let retitled = try Self.workbook([Self.programmeSheet(end: "30/06/2026"), Self.participants], name: "ubah.xlsx")
            await #expect(throws: EnrolmentListError.notYourProgramme(code: "LANSIA-LOTIM", organisation: "LSM Mitra Sejahtera")) {
                _ = try await job.run(retitled, options: Self.options(retitled, owner: "LSM Mitra Sejahtera"))
            }
            await #expect(throws: EnrolmentListError.notYourProgramme(code: "LANSIA-LOTIM", organisation: "LSM Mitra Sejahtera")) {
                _ = try await job.run(claimed, options: Self.options(claimed, owner: "LSM Mitra Sejahtera"))
            }
            #expect(try await Self.counts(database) == [1, 4, 1], "nothing half-written")
            #expect(try await ProgrammeStore(database: database).programme(ProgrammeCode("LANSIA-LOTIM")!)?.programme.end == CalendarDate(year: 2025, month: 12, day: 31))
        }
    }
}
