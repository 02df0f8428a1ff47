import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Programme flags of national files (Regsosek/DTSEN `kd_pkh` …, P3KE `Penerima …`) recorded as enrolments of the
/// national programmes, on the five families of `ProgrammeFixtures`; every expected count is written out by hand.
@Suite struct NationalFlagsImportTests {
    /// Regsosek's programme sheet: 1 ya, 2 tidak. BPNT: families 1, 3; PKH: 1, 2; BLT Dana Desa: 4.
    static let release1 = """
        no_kk;kd_bss_bnpt;kd_pkh;kd_blt_dana_desa
        5203010101200001;1;1;2
        5203010101200002;2;1;2
        5203010101200003;1;2;2
        5203010101200004;2;2;1
        5203010101200005;2;2;2
        """
    /// The next release: family 1 leaves PKH, family 5 joins it.
    static let release2 = release1.replacingOccurrences(of: "5203010101200001;1;1;2", with: "5203010101200001;1;2;2")
        .replacingOccurrences(of: "5203010101200005;2;2;2", with: "5203010101200005;2;1;2")

    static func reached(_ database: Database) async throws -> (reached: [String: Int], inclusion: Int, eligibleUnreached: Int) {
        var total = CoverageTally()
        for tally in try await ProgrammeStore(database: database).coverageByVillage(within: try RegionCode("52.03")).values { total.merge(tally) }
        return (total.familiesReached, total.inclusionErrorFamilies, total.eligibleUnreachedFamilies)
    }

    @Test(arguments: TestDatabase.engines)
    func flags_enrol_once_and_a_flag_turned_off_ends_the_enrolment(engine: Database.Engine) async throws {
        let first = try ImportBehaviourTests.write(Self.release1, name: "program-2025-1.csv")
        let second = try ImportBehaviourTests.write(Self.release2, name: "program-2025-2.csv")
        let third = try ImportBehaviourTests.write(Self.release1 + "\n", name: "program-2025-3.csv")
        let asOf = ImportFixtures.asOf
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            let job = NationalFlagsImport(database: database, references: ImportFixtures.references)
            let one = try #require(try await job.run(first, asOf: asOf, scope: nil))
            #expect(one.flags == 15 && one.enrolled == ["BPNT": 2, "PKH": 2, "BLT-DD": 1] && one.unchanged == 0 && one.ended == 0 && one.unmatched == 0)
            #expect(one.registeredProgrammes == ["BLT-DD", "BPNT", "PKH"])
            let pkh = try #require(try await ProgrammeStore(database: database).programme(ProgrammeCode("PKH")!))
            #expect(pkh.organisation.name == "Kementerian Sosial" && pkh.organisation.kind == .ministry && pkh.programme.unit == .family)
            // Family 3 (desil 7) receives BPNT: an inclusion error. Of desil 1–4 (families 1, 2, 4, 5) only 5 is missed.
            var figures = try await Self.reached(database)
            #expect(figures.reached == ["BPNT": 2, "PKH": 2, "BLT-DD": 1] && figures.inclusion == 1 && figures.eligibleUnreached == 1)

            // The same flags again: nothing new, nothing ended.
            let again = try #require(try await job.run(first, asOf: asOf, scope: nil))
            #expect(again.enrolled == [:] && again.unchanged == 5 && again.ended == 0 && again.registeredProgrammes == [])
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 5)

            // Family 1's PKH flag turned off: its enrolment ends; family 5 is enrolled. PKH now reaches 2 and 5.
            let two = try #require(try await job.run(second, asOf: asOf, scope: nil))
            #expect(two.enrolled == ["PKH": 1] && two.unchanged == 4 && two.ended == 1)
            figures = try await Self.reached(database)
            #expect(figures.reached == ["BPNT": 2, "PKH": 2, "BLT-DD": 1] && figures.eligibleUnreached == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment WHERE ended_on IS NOT NULL", in: database) == 1)
            let counted = try #require(try await ProgrammeStore(database: database).programme(ProgrammeCode("PKH")!))
            #expect(counted.enrolments == 2 && counted.familiesReached == 2, "an ended enrolment is no longer counted")
            // An ended enrolment still counts for a period before its end (it ended on the data date, 2025-06-30).
            var early = CoverageTally()
            for tally in try await ProgrammeStore(database: database).coverageByVillage(within: try RegionCode("52.03"), period: CoveragePeriod("2025-01")).values {
                early.merge(tally)
            }
            #expect(early.familiesReached["PKH"] == 3, "families 1, 2 and 5 in January")

            // Back to the first release: family 1's PKH runs again, family 5's ends.
            let three = try #require(try await job.run(third, asOf: asOf, scope: nil))
            #expect(three.enrolled == [:] && three.resumed == 1 && three.ended == 1 && three.unchanged == 4)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 6)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_persons_pbi_flag_enrols_the_person_and_a_file_without_flags_records_nothing(engine: Database.Engine) async throws {
        let people = try ImportBehaviourTests.write("""
            NIK;Nama;Penerima PBI
            5203010303100001;Lalu Adi;YA
            5203011212900007;Tidak Ada;YA
            5203010404700001;Made Putra;TIDAK
            5203015505900001;Nengah;
            """, name: "individu.csv")
        let plain = try ImportBehaviourTests.write("NIK;Nama\n5203010303100001;Lalu Adi\n", name: "biasa.csv")
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            let job = NationalFlagsImport(database: database, references: ImportFixtures.references)
            #expect(try await job.run(plain, asOf: ImportFixtures.asOf, scope: nil) == nil)
            // Lalu Adi (family 2) by NIK; the stranger kept unmatched; Made Putra's TIDAK ends nothing; Nengah has no flag.
            let result = try #require(try await job.run(people, asOf: ImportFixtures.asOf, scope: nil))
            #expect(result.flags == 3 && result.enrolled == ["PBI-JK": 2] && result.unmatched == 1 && result.ended == 0)
            let pbi = try #require(try await ProgrammeStore(database: database).programme(ProgrammeCode("PBI-JK")!))
            #expect(pbi.programme.unit == .person && pbi.programme.sectors == [.health] && pbi.familiesReached == 1)
            #expect(result.note.contains("PBI-JK 2"))
        }
    }

    @Test func p3ke_bpnt_and_sembako_are_one_programme_and_a_ya_in_either_enrols() async throws {
        let p3ke = try ImportBehaviourTests.write("""
            ID Keluarga P3KE;Kode Kemendagri;NIK;Penerima BPNT;Penerima PKH;Penerima Sembako
            520301200100001;5203012001;5203014101800001;YA;TIDAK;TIDAK
            520301200100002;5203012001;5203014202850001;TIDAK;TIDAK;TIDAK
            """, name: "p3ke-keluarga.csv")
        try await TestDatabase.with(.sqlite) { database in
            try await ProgrammeFixtures.registry(database)
            let result = try #require(try await NationalFlagsImport(database: database, references: ImportFixtures.references)
                .run(p3ke, asOf: ImportFixtures.asOf, scope: nil))
            // Six flag cells; family 1 (Inaq Sari, the head's NIK) gets BPNT once, its TIDAK for Sembako ending nothing.
            #expect(result.flags == 6 && result.enrolled == ["BPNT": 1] && result.ended == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment WHERE ended_on IS NULL", in: database) == 1)
        }
    }

    /// P3KE keys its PKH flag by the head's NIK: family 1 (Inaq Sari) YA, family 2 (Baiq Nur) TIDAK, family 3 (Made Putra) YA.
    static let p3kePKH = """
        ID Keluarga P3KE;Kode Kemendagri;NIK;Penerima PKH
        520301200100001;5203012001;5203014101800001;YA
        520301200100002;5203012001;5203014202850001;TIDAK
        520301200100003;5203012001;5203010404700001;YA
        """
    /// A PKH list keyed by No. KK, as the generator's `penerima-program` files: families 1 and 2, 2025, Rp 750.000.
    static let pkhList = """
        No;No. KK;Nama;Tahun;Jumlah
        1;5203010101200001;Inaq Sari;2025;750000
        2;5203010101200002;Baiq Nur;2025;750000
        """

    static func pkhEnrolments(_ database: Database) async throws -> [String] {
        try await database.read { db in
            try await db.raw("""
                SELECT e.household_id, e.period, e.amount, e.kk_number, CAST(e.ended_on AS TEXT) AS ended_on FROM enrolment e
                JOIN programme p ON p.id = e.programme_id WHERE p.code = 'PKH' ORDER BY e.household_id, e.id
                """).all().map {
                "family \(try $0.decode(column: "household_id", as: Int.self)) '\(try $0.decode(column: "period", as: String.self))' "
                    + "\(try $0.decode(column: "amount", as: Int?.self).map(String.init) ?? "-") \(try $0.decode(column: "kk_number", as: String?.self) ?? "-")"
                    + (try $0.decode(column: "ended_on", as: String?.self) == nil ? "" : " ended")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_p3ke_flag_by_the_heads_nik_and_a_pkh_list_by_no_kk_make_one_enrolment_per_family(engine: Database.Engine) async throws {
        let p3ke = try ImportBehaviourTests.write(Self.p3kePKH, name: "p3ke-pkh.csv")
        let list = try ImportBehaviourTests.write(Self.pkhList, name: "pkh-2025.csv")
        let folder = list.deletingLastPathComponent()
        var options = BeneficiaryImportOptions(asOf: ImportFixtures.asOf, programme: ProgrammeCode("PKH"))
        options.rejectsFolder = folder
        let listOptions = options
        // The flags first, then the list.
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            let flags = try #require(try await NationalFlagsImport(database: database, references: ImportFixtures.references).run(p3ke, asOf: ImportFixtures.asOf, scope: nil))
            #expect(flags.enrolled == ["PKH": 2] && flags.ended == 0)
            let report = try await BeneficiaryImportJob(database: database, references: ImportFixtures.references).run(list, options: listOptions)
            // Family 1 is enrolled already (by its head's NIK): the list updates that enrolment; family 2 is new.
            #expect(report.inserted == 1 && report.updated == 1 && report.unchanged == 0)
            #expect(try await Self.pkhEnrolments(database) == ["family 1 '2025' 750000 5203010101200001", "family 2 '2025' 750000 5203010101200002",
                                                             "family 3 '' - -"])
            // The flags again: family 1's enrolment already says all they say.
            let again = try #require(try await NationalFlagsImport(database: database, references: ImportFixtures.references)
                .run(try ImportBehaviourTests.write(Self.p3kePKH + "\n", name: "p3ke-pkh-lagi.csv"), asOf: ImportFixtures.asOf, scope: nil))
            #expect(again.enrolled == [:] && again.unchanged == 2 && again.resumed == 0)
            // Family 2's TIDAK now ends the list's enrolment of family 2 (the same family, keyed by No. KK).
            #expect(again.ended == 1)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 3)
            let pkh = try #require(try await ProgrammeStore(database: database).programme(ProgrammeCode("PKH")!))
            #expect(pkh.familiesReached == 2 && pkh.enrolments == 2)
        }
        // The list first, then the flags.
        try await TestDatabase.with(engine) { database in
            try await ProgrammeFixtures.registry(database)
            _ = try await ProgrammeStore(database: database).registerNationalProgrammes([NationalProgrammeFlags.pkh], start: CalendarDate(year: 2025, month: 1, day: 1)!)
            let report = try await BeneficiaryImportJob(database: database, references: ImportFixtures.references).run(list, options: listOptions)
            #expect(report.inserted == 2)
            let flags = try #require(try await NationalFlagsImport(database: database, references: ImportFixtures.references).run(p3ke, asOf: ImportFixtures.asOf, scope: nil))
            // Family 1: the list's enrolment, unchanged; family 3 new; family 2's TIDAK ends the list's enrolment.
            #expect(flags.enrolled == ["PKH": 1] && flags.unchanged == 1 && flags.ended == 1)
            #expect(try await Self.pkhEnrolments(database) == ["family 1 '2025' 750000 5203010101200001", "family 2 '2025' 750000 5203010101200002 ended",
                                                             "family 3 '' - -"])
        }
    }

    struct Forced: Error {}

    /// A registry file's rows and its programme flags are one all-or-nothing write: a failure once both are written
    /// (before the commit) keeps neither the people nor the enrolments nor either batch.
    @Test(arguments: TestDatabase.engines)
    func a_failure_after_the_flags_keeps_neither_the_registry_rows_nor_the_enrolments(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            var failing = ImportFixtures.options()
            failing.beforeCommit = { throw Forced() }
            await #expect(throws: Forced.self) { _ = try await RealShapes.importFile("p3ke-individu.xlsx", into: database, options: failing) }
            for table in ["person", "household", "enrolment", "import_batch", "programme"] {
                #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM \(table)", in: database) == 0, "\(table) after the failed import")
            }
            // Without the failure: the people, their flags' enrolments and two batches (the registry's and the flags').
            let report = try await RealShapes.importFile("p3ke-individu.xlsx", into: database)
            #expect(report.notes.contains { $0.hasPrefix("Penanda program nasional") })
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database) > 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) > 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database) == 2)
        }
    }

    /// A plain DTSEN export (Dukcapil/Lumbung codes for people) that carries the programme flags `kd_pkh` … `kd_pbi` is
    /// still read in its own codes: a flag column is no sign of Regsosek coding (it once made every disability code unknown).
    @Test(arguments: TestDatabase.engines)
    func flag_columns_do_not_change_how_a_plain_dtsen_file_reads_its_codes(engine: Database.Engine) async throws {
        let families = try ImportBehaviourTests.write("""
            no_kk,kode_desa,kepala_keluarga,desil_nasional,kd_pkh,kd_bss_bnpt,kd_blt_dana_desa
            5208011411130101,5208012001,Hasanudin,1,1,2,2
            """, name: "dtsen-keluarga-5208.csv")
        // disabilitas in Lumbung's codes: 4 sensorik, 3 mental, 0 none; shdk 1 kepala, 3 anak (Dukcapil).
        let people = try ImportBehaviourTests.write("""
            no_kk,nik,nama,jenis_kelamin,tanggal_lahir,shdk,disabilitas,kd_pbi
            5208011411130101,5208012501920101,Hasanudin,1,25-01-1992,1,4,1
            5208011411130101,5208016203970101,Rabiah,2,22-03-1997,3,3,2
            5208011411130101,5208011203050101,Amir,1,12-03-2005,3,0,2
            """, name: "dtsen-individu-5208.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            let familyReport = try await job.run(families, options: ImportFixtures.options())
            #expect(familyReport.rejected == 0 && familyReport.warned == 0)
            let report = try await job.run(people, options: ImportFixtures.options())
            #expect(report.inserted == 3 && report.rejected == 0 && report.warned == 0, "\(report.problems.map(\.code))")
            let rows = try await database.read { db in
                try await db.raw("SELECT nik, disability, relationship, CAST(birth_date AS TEXT) AS birth_date FROM person ORDER BY nik").all()
            }
            let read = try rows.map { row in
                [try row.decode(column: "nik", as: String.self), (try row.decode(column: "disability", as: Int?.self)).map(String.init) ?? "-",
                 String(try row.decode(column: "relationship", as: Int.self)), try row.decode(column: "birth_date", as: String.self)]
            }
            #expect(read == [["5208011203050101", "-", "3", "2005-03-12"],
                             ["5208012501920101", "4", "1", "1992-01-25"],
                             ["5208016203970101", "3", "3", "1997-03-22"]])
            // The flags still enrol: PKH for the family, PBI-JK for the head alone.
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM enrolment", in: database) == 2)
        }
    }
}
