import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Per-person files that carry their family on every row — the commonest shape in the field — written by
/// hand here from the layouts of the domain brief, with every expected figure written out by hand.
@Suite struct PersonRowFamiliesTests {
    static func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rows-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A DTKS/DTSEN "ART" extract: family columns repeated on each member's row, labels rather than codes,
    /// region codes with and without dots, one member dead. No family file.
    static let artExtract = """
        NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Jenis Lantai;Disabilitas;Status
        5203011106180101;5203014508920001;Baiq Siti;Kepala Keluarga;P;05-08-1992;52.03.01.2001;1;Tanah;Tidak Ada;Hidup
        5203011106180101;5203011207150001;Lalu Ahmad;Anak;L;12-07-2015;5203012001;1;Tanah;Tuna Netra;Hidup
        5203011106180101;5203015503500001;Inaq Rumini;Famili Lain;P;15-03-1950;5203012001;1;Tanah;Tidak Ada;Mati
        5203011106180102;5203011207850002;Amaq Sahnan;Kepala Keluarga;L;12-07-1985;5203012001;3;Keramik;Tidak Ada;Hidup
        5203011106180102;5203015208900003;Inaq Sahnan;Istri;P;12-08-1990;5203012001;3;Keramik;Fisik;Hidup
        """

    static func tally(_ code: String, in database: Database) async throws -> RegionTally {
        let region = try RegionCode(code)
        let villages = try await VillageAggregateStore(database: database).fetchTallies(within: region)
        return villages.filter { region.contains($0.key) }.values.reduce(into: RegionTally()) { $0.merge($1) }
    }

    @Test(arguments: TestDatabase.engines)
    func a_person_file_without_a_family_file_builds_its_families(engine: Database.Engine) async throws {
        let url = try Self.write(Self.artExtract, name: "art.csv")
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.layout == "dtsen-individu")
            #expect(report.rowsRead == 5 && report.inserted == 5 && report.rejected == 0 && report.familiesInserted == 2)
            #expect(report.rowsRead == report.inserted + report.updated + report.unchanged + report.merged + report.rejected + report.skipped)
            #expect(report.columns.contains { $0.header == "Nama Penduduk" && $0.field == "nama" })
            #expect(report.columns.contains { $0.header == "SHDK" && $0.field == "shdk" })
            let tally = try await Self.tally("52.03.01.2001", in: database)
            // Residents by hand: Baiq Siti (F, 32), Lalu Ahmad (M, 9, netra), Amaq Sahnan (M, 39), Inaq Sahnan (F, 34, fisik);
            // Inaq Rumini is dead.
            #expect(tally.families == 2)
            #expect(tally.people == 4)
            #expect(tally.population.male == 2 && tally.population.female == 2)
            #expect(tally.population.count(band: .child5to17) == 1 && tally.population.count(band: .adult18to59) == 3)
            #expect(tally.population.count(band: .elderly60plus) == 0)
            #expect(tally.disabled.total == 2)
            #expect(tally.femaleHeadedFamilies.total == 1)
            #expect(tally.familiesByDesil[0].total == 1 && tally.familiesByDesil[2].total == 1)
            let stored = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database)
            #expect(stored == 5, "the dead member is kept with her status, never deleted")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_second_source_never_erases_what_the_first_gave(engine: Database.Engine) async throws {
        let art = try Self.write(Self.artExtract, name: "art.csv")
        // A SIKS-NG usulan naming the same family: no desil, no housing; the head's name spelled again.
        let usulan = try Self.write("""
            NIK;PROGRAM BANSOS;NOKK;NAMA;TANGGAL LAHIR (31/01/2000);JENIS KELAMIN;PROVINSI;KABUPATEN;KECAMATAN;KELURAHAN
            5203014508920001;BPNT;5203011106180101;Baiq Siti;05/08/1992;PEREMPUAN;NUSA TENGGARA BARAT;LOMBOK TIMUR;KERUAK;TANJUNG LUAR
            """, name: "usulan.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            _ = try await job.run(art, options: ImportFixtures.options())
            let report = try await job.run(usulan, options: ImportFixtures.options())
            #expect(report.rowsRead == 1 && report.unchanged == 1 && report.inserted == 0)
            let family = try await database.read { db in
                try await db.raw("SELECT desil, floor FROM household WHERE kk_number = '5203011106180101'").first()
            }
            #expect(try family?.decode(column: "desil", as: Int?.self) == 1)
            #expect(try family?.decode(column: "floor", as: Int?.self) == FloorMaterial.earth.code)
            let tally = try await Self.tally("52.03", in: database)
            #expect(tally.familiesByDesil[0].total == 1 && tally.families == 2 && tally.people == 4)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func day_first_dates_are_read_by_the_evidence_of_the_whole_column(engine: Database.Engine) async throws {
        // P3KE-style text dates with a time: 27/06 proves day-first, so 11/04 is the 11th of April.
        let url = try Self.write("""
            ID Keluarga P3KE;Kode Kemendagri;NIK;Nama;Jenis Kelamin;Tanggal Lahir;Hubungan dengan Kepala Keluarga
            P3KE-0001;5203012001;5203012706800001;Amaq Rudi;Laki-laki;27/06/1980 0:00:00;Kepala Keluarga
            P3KE-0001;5203012001;5203011104140001;Rudi;Laki-laki;11/04/2014 0:00:00;Anak
            """, name: "p3ke.csv")
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.layout == "p3ke-individu" && report.inserted == 2 && report.rejected == 0)
            let date = try await database.read { db in
                try await db.raw("SELECT CAST(birth_date AS TEXT) AS d FROM person WHERE nik = '5203011104140001'").first()?
                    .decode(column: "d", as: String.self)
            }
            #expect(date?.prefix(10) == "2014-04-11")
            #expect(!report.problems.contains { $0.code == "birth_date_nik_mismatch" })
        }
    }

    /// A village system's population export: no region columns, codes only, a moved member, and an end marker.
    static let villageExport = """
        alamat,dusun,rw,rt,nama,no_kk,nik,sex,tempatlahir,tanggallahir,kk_level,cacat_id,status_dasar
        Dusun Lendang,Lendang,001,002,Sahdan,5201011106180001,5201011207800001,1,Gerung,1980-07-12,1,7,1
        Dusun Lendang,Lendang,001,002,Sahnun,5201011106180001,5201015508820002,2,Gerung,1982-08-15,3,2,1
        Dusun Lendang,Lendang,001,002,Amaq Tua,5201011106180001,5201011001400003,1,Gerung,1940-01-10,9,7,3
        ###,,,,,,,,,,,,
        Petunjuk: isi kolom sesuai kode pada lembar kode,,,,,,,,,,,,
        """

    @Test(arguments: TestDatabase.engines)
    func a_village_export_without_region_columns_goes_to_the_chosen_desa(engine: Database.Engine) async throws {
        let url = try Self.write(Self.villageExport, name: "penduduk.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            // Without a chosen desa nothing can be placed.
            let unplaced = try await job.run(url, options: ImportFixtures.options())
            #expect(unplaced.rejected == 3 && unplaced.skipped == 2)
            #expect(unplaced.problems.contains { $0.code == "family_not_found" })
            var options = ImportFixtures.options()
            options.village = try RegionCode("52.01.01.2002")
            options.dryRun = false
            let edited = try Self.write(Self.villageExport + "\n", name: "penduduk2.csv")
            let report = try await job.run(edited, options: options)
            #expect(report.rowsRead == 5 && report.inserted == 3 && report.skipped == 2 && report.rejected == 0)
            let tally = try await Self.tally("52.01.01.2002", in: database)
            // Sahdan (M, 44), Sahnun (F, 42, netra); Amaq Tua moved away.
            #expect(tally.families == 1 && tally.people == 2)
            #expect(tally.population.male == 1 && tally.population.female == 1 && tally.disabled.total == 1)
            #expect(tally.femaleHeadedFamilies.total == 0)
            let dusun = try await database.read { db in
                try await db.raw("SELECT dusun, rt, rw FROM household").first()
            }
            #expect(try dusun?.decode(column: "dusun", as: String?.self) == "Lendang")
            #expect(try dusun?.decode(column: "rt", as: String?.self) == "002")
        }
    }

    @Test func a_row_naming_another_desa_than_the_chosen_one_is_an_error() async throws {
        let url = try Self.write("""
            no_kk;nik;nama;kode_desa
            5201011106180001;5201011207800001;Sahdan;5201012003
            """, name: "lain.csv")
        try await TestDatabase.withEach { database in
            var options = ImportFixtures.options()
            options.village = try RegionCode("52.01.01.2002")
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: options)
            let problem = try #require(report.problems.first { $0.code == "village_contradicts_chosen" })
            #expect(problem.examples[0].row == 2 && problem.examples[0].column == "kode_desa")
            #expect(report.rejected == 1)
        }
    }

    @Test func a_region_outside_ntb_names_its_province() async throws {
        let url = try Self.write("""
            no_kk;nik;nama;kode_desa;provinsi;kabupaten;kecamatan;desa
            5201011106180001;5201011207800001;Sahdan;3515012001;;;;
            5201011106180002;5201011207800002;Sahnun;;Jawa Timur;Sidoarjo;Sidoarjo;Lemahputro
            """, name: "jatim.csv")
        try await TestDatabase.withEach { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            let problem = try #require(report.problems.first { $0.code == "region_outside_ntb" })
            #expect(problem.count == 2)
            #expect(problem.examples.allSatisfy { $0.message.contains("Jawa Timur") })
            #expect(problem.examples.map(\.column) == ["kode_desa", "provinsi"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_p3ke_family_is_found_through_its_members_niks_not_made_twice(engine: Database.Engine) async throws {
        let art = try Self.write(Self.artExtract, name: "art.csv")
        let p3ke = try Self.write("""
            ID Keluarga P3KE;Kode Kemendagri;Desil Kesejahteraan;NIK;Nama;Jenis Kelamin;Tanggal Lahir;Hubungan dengan Kepala Keluarga
            P3KE-77;5203012001;1;5203014508920001;Baiq Siti;Perempuan;05/08/1992 0:00:00;Kepala Keluarga
            P3KE-77;5203012001;1;5203011207150001;Lalu Ahmad;Laki-laki;12/07/2015 0:00:00;Anak
            """, name: "p3ke.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            _ = try await job.run(art, options: ImportFixtures.options())
            let report = try await job.run(p3ke, options: ImportFixtures.options())
            #expect(report.familiesInserted == 0)
            #expect(report.problems.contains { $0.code == "family_matched_by_members" })
            let families = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household", in: database)
            let empty = try await ImportFixtures.count(
                "SELECT COUNT(*) AS n FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id)", in: database)
            #expect(families == 2 && empty == 0)
            let tally = try await Self.tally("52.03", in: database)
            #expect(tally.families == 2 && tally.people == 4)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_member_in_another_desa_than_the_family_and_two_heads_are_reported(engine: Database.Engine) async throws {
        let url = try Self.write("""
            no_kk;nik;nama;shdk;jenis_kelamin;kode_desa
            5203011106180101;5203014508920001;Baiq Siti;1;2;5203012001
            5203011106180101;5203011207150001;Lalu Ahmad;1;1;5203012001
            5203011106180101;5203011207850002;Amaq Sahnan;4;1;5203012002
            ;5203015208900003;Inaq Sahnan;3;2;5203012001
            """, name: "salah.csv")
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.rowsRead == 4 && report.inserted == 2 && report.rejected == 2)
            let conflict = try #require(report.problems.first { $0.code == "family_village_conflict" })
            #expect(conflict.examples[0].row == 4 && conflict.examples[0].message.contains("baris 2"))
            let blank = try #require(report.problems.first { $0.code == "kk_blank" })
            #expect(blank.examples[0].row == 5 && blank.examples[0].column == "no_kk")
            #expect(report.problems.contains { $0.code == "family_head_multiple" })
            let families = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(families == 1)
        }
    }
}
