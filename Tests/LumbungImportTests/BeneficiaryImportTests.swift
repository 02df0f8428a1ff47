import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Beneficiary lists on the five families of `ProgrammeFixtures`, with the expected counts written out by hand.
@Suite struct BeneficiaryImportTests {
    static let actor = AuditActor(name: "tester", address: nil)

    /// A NIK-and-name list as a Dinas keeps it: a title, a blank line, the header on row 3.
    static let lansia = """
        Daftar Penerima Bantuan Lansia 2025
        
        No;NIK;Nama;No. KK;Alamat;Tanggal Terima;Jumlah
        1;5203014101800001;Inaq Sari;;Dusun Bagik;15/03/2025;300.000
        2;5203010404700001;Made Putra;;;15/03/2025;Rp 300.000,00
        3;;Nengah;5203010101200005;;;300000
        4;5203011212900007;Tidak Ada;;;;300000
        5;5203O14101800001;Salah Ketik;;;;300000
        6;5.20301E+15;Excel;;;;300000
        7;5203014101800001;Inaq Sari;;;15/03/2025;300.000
        ;;;;;;
        8;5203014202850001;Baiq Nur;;;31/02/2025;300000
        """

    static func programme(_ database: Database, closed: Bool = false) async throws -> ProgrammeStore {
        let store = ProgrammeStore(database: database)
        let dinas = try await store.addOrganisation(Organisation(name: "Dinas Sosial Provinsi NTB", kind: .dinasSosial, region: try RegionCode("52")), by: actor)
        _ = try await store.add(Programme(code: ProgrammeCode("LANSIA-NTB")!, name: "Bantuan Lansia", organisationID: dinas.id, sectors: [.elderly], unit: .person,
                                          fundingSource: "APBD Provinsi", start: CalendarDate(year: 2025, month: 1, day: 1)!,
                                          end: CalendarDate(year: 2025, month: 12, day: 31), budget: 90_000_000, targetRegions: [try RegionCode("52.03")]),
                                by: actor)
        if closed { _ = try await store.close(ProgrammeCode("LANSIA-NTB")!, on: CalendarDate(year: 2025, month: 2, day: 1)!, by: actor) }
        return store
    }

    static func options(_ folder: URL, programme: String? = "LANSIA-NTB") -> BeneficiaryImportOptions {
        var options = BeneficiaryImportOptions(asOf: ImportFixtures.asOf, programme: programme.flatMap(ProgrammeCode.init))
        options.rejectsFolder = folder
        return options
    }

    @Test(arguments: TestDatabase.engines)
    func a_nik_and_name_list_is_matched_reported_and_never_doubled(engine: Database.Engine) async throws {
        let url = try ImportBehaviourTests.write(Self.lansia, name: "lansia.csv")
        let folder = url.deletingLastPathComponent()
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            let store = try await Self.programme(database)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            let report = try await job.run(url, options: Self.options(folder))
            #expect(report.headerRow == 3 && report.layout == "penerima-program:LANSIA-NTB")
            #expect(report.rowsRead == 8 && report.inserted == 4 && report.merged == 1 && report.rejected == 3 && report.skipped == 0)
            #expect(report.rowsRead == report.inserted + report.updated + report.unchanged + report.merged + report.rejected + report.skipped)
            #expect(report.warned == 2)
            #expect(report.enrolments?.byMatch == ["nik": 2, "kk": 1, "unmatched": 1])
            #expect(Set(report.problems.map(\.code)) == ["nik_not_digits", "nik_excel_scientific", "date_unreadable", "not_in_registry", "duplicate_in_file"])
            let excel = try #require(report.problems.first { $0.code == "nik_excel_scientific" })
            #expect(excel.examples.first?.row == 9 && excel.examples.first?.column == "NIK")
            let rejects = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            #expect(rejects.contains("KETERANGAN PENOLAKAN") && rejects.contains("Salah Ketik") && rejects.contains("Excel") && rejects.contains("Baiq Nur"))
            #expect(rejects.split(whereSeparator: \.isNewline).count == 4, "the header and three rows")
            let stored = try await database.read { db in
                try await db.raw("SELECT full_name, amount, match_kind, CAST(received_on AS TEXT) AS received_on FROM enrolment ORDER BY row_number").all().map {
                    "\(try $0.decode(column: "full_name", as: String.self)) \(try $0.decode(column: "amount", as: Int.self)) \(try $0.decode(column: "match_kind", as: String.self)) \(try $0.decode(column: "received_on", as: String?.self) ?? "-")"
                }
            }
            #expect(stored == ["Inaq Sari 300000 nik 2025-03-15", "Made Putra 300000 nik 2025-03-15", "Nengah 300000 kk -", "Tidak Ada 300000 unmatched -"])

            // The same file again: nothing happens. The same rows under another title: all unchanged.
            let again = try await job.run(url, options: Self.options(folder))
            #expect(again.alreadyImportedInBatch == report.batchID)
            let retitled = try ImportBehaviourTests.write(Self.lansia.replacingOccurrences(of: "Lansia 2025", with: "Lansia 2025 (revisi)"), name: "lansia-revisi.csv")
            let second = try await job.run(retitled, options: Self.options(folder))
            #expect(second.inserted == 0 && second.unchanged == 4 && second.merged == 1 && second.rejected == 3)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 4)
            // A list whose only known row is an earlier unmatched enrolment still matches nobody: refused whole.
            let strangers = try ImportBehaviourTests.write("NIK;Nama\n5203011212900007;Tidak Ada\n5203011212900008;Juga Tidak\n", name: "asing.csv")
            await #expect(throws: EnrolmentListError.matchesNobody(file: "asing.csv", rows: 2)) {
                _ = try await job.run(strangers, options: Self.options(folder))
            }
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 4)

            // Coverage: the programme reaches families 1, 3 and 5; families 2 and 4 (desil 1 and 3) are reached by nothing.
            let villages = try await store.coverageByVillage(within: try RegionCode("52.03.01"))
            let reached = villages.values.reduce(0) { $0 + ($1.familiesReached["LANSIA-NTB"] ?? 0) }
            let unreached = villages.values.reduce(0) { $0 + $1.eligibleUnreachedFamilies }
            #expect(reached == 3 && unreached == 2)
            #expect(villages.values.allSatisfy { $0.inclusionErrorFamilies == 0 }, "the lansia programme is no targeted national one")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func bad_lists_are_refused_whole_with_a_clear_message(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lists-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let strangers = folder.appendingPathComponent("asing.csv")
        try "NIK;NAMA\n5203011212900007;Tidak Ada\n5203011212900008;Juga Tidak\n".write(to: strangers, atomically: true, encoding: .utf8)
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            _ = try await Self.programme(database)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            await #expect(throws: EnrolmentListError.matchesNobody(file: "asing.csv", rows: 2)) {
                _ = try await job.run(strangers, options: Self.options(folder))
            }
            #expect(EnrolmentListError.matchesNobody(file: "asing.csv", rows: 2).indonesianDescription.hasPrefix("asing.csv: tidak satu pun dari 2 barisnya cocok"))
            await #expect(throws: ImportError.beneficiaryProgrammeMissing(file: "asing.csv")) {
                _ = try await job.run(strangers, options: Self.options(folder, programme: nil))
            }
            var partner = Self.options(folder)
            partner.owner = "LSM Mitra Sejahtera"
            await #expect(throws: EnrolmentListError.notYourProgramme(code: "LANSIA-NTB", organisation: "LSM Mitra Sejahtera")) {
                _ = try await job.run(strangers, options: partner)
            }
            await #expect(throws: EnrolmentListError.programmeUnknown("RASKIN")) {
                _ = try await job.run(strangers, options: Self.options(folder, programme: "RASKIN"))
            }
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database) == 0)
            let notAList = folder.appendingPathComponent("catatan.csv")
            try "Catatan rapat\nTidak ada daftar di sini\n".write(to: notAList, atomically: true, encoding: .utf8)
            await #expect(throws: ImportError.noBeneficiaryHeader(file: "catatan.csv")) {
                _ = try await job.run(notAList, options: Self.options(folder))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_closed_programme_takes_no_list_and_an_unknown_programme_row_is_rejected(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lists-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let list = folder.appendingPathComponent("daftar.csv")
        try """
            NIK,NOKK,NAMA,KODE PROGRAM,NAMA PROGRAM,LEMBAGA,JENIS BANTUAN,TAHUN,KODE DESA
            5203014101800001,5203010101200001,Inaq Sari,LANSIA-NTB,Bantuan Lansia,Dinas Sosial Provinsi NTB,lansia,2025,5203012001
            5203014202850001,5203010101200002,Baiq Nur,RASKIN,Beras Miskin,Bulog,pangan,2025,5203012001
            """.write(to: list, atomically: true, encoding: .utf8)
        #expect(BeneficiaryColumns.isProgrammeList(list))
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            _ = try await Self.programme(database, closed: true)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            await #expect(throws: EnrolmentListError.programmeClosed("LANSIA-NTB")) {
                _ = try await job.run(list, options: Self.options(folder))
            }
            // Without a programme of its own, each row names one: both are refused here (closed; not registered).
            let report = try await job.run(list, options: Self.options(folder, programme: nil))
            #expect(report.rowsRead == 2 && report.rejected == 2 && report.inserted == 0)
            #expect(Set(report.problems.map(\.code)) == ["programme_closed", "programme_unknown"])
            let rejects = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            #expect(rejects.contains("Program RASKIN belum terdaftar"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func rows_outside_the_programmes_regions_or_period_are_kept_with_a_warning_and_never_doubled(engine: Database.Engine) async throws {
        // DESA-2002 works in desa 52.03.01.2002 in 2025. Inaq Sari lives in desa 2001 (outside its regions); Nengah's aid
        // was received on 2024-12-01 (before it started); Papuq Rahim's family (by No. KK) is inside both.
        let list = """
            NIK;No. KK;Nama;Tanggal Terima
            5203014101800001;;Inaq Sari;15/03/2025
            5203015505900001;;Nengah;01/12/2024
            ;5203010101200004;Papuq Rahim;15/03/2025
            """
        let url = try ImportBehaviourTests.write(list, name: "desa-2002.csv")
        let again = try ImportBehaviourTests.write(list + "\n", name: "desa-2002-lagi.csv")
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            let store = ProgrammeStore(database: database)
            let desa = try await store.addOrganisation(Organisation(name: "Pemerintah Desa 2002", kind: .village, region: try RegionCode("52.03.01.2002")), by: Self.actor)
            _ = try await store.add(Programme(code: ProgrammeCode("DESA-2002")!, name: "BLT Desa", organisationID: desa.id, sectors: [.cash], unit: .family,
                                              start: CalendarDate(year: 2025, month: 1, day: 1)!, end: CalendarDate(year: 2025, month: 12, day: 31),
                                              targetRegions: [try RegionCode("52.03.01.2002")]), by: Self.actor)
            let job = BeneficiaryImportJob(database: database, references: ImportFixtures.references)
            let report = try await job.run(url, options: Self.options(url.deletingLastPathComponent(), programme: "DESA-2002"))
            #expect(report.rowsRead == 3 && report.inserted == 3 && report.rejected == 0 && report.warned == 2)
            let codes = Dictionary(report.problems.map { ($0.code, $0.count) }, uniquingKeysWith: +)
            #expect(codes == ["outside_programme_regions": 1, "outside_programme_period": 1])
            #expect(report.problems.first { $0.code == "outside_programme_regions" }?.examples.first?.row == 2)
            #expect(report.problems.first { $0.code == "outside_programme_period" }?.examples.first?.row == 3)
            #expect(report.rejectsFile == nil, "nothing rejected: no rejects file")
            // The same rows in another file: nobody is enrolled twice.
            let second = try await job.run(again, options: Self.options(again.deletingLastPathComponent(), programme: "DESA-2002"))
            #expect(second.inserted == 0 && second.unchanged == 3)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 3)
        }
    }
}
