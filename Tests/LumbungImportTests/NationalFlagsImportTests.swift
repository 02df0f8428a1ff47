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
}
