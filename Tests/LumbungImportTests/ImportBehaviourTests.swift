import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import SQLKit
import Testing

@Suite struct ImportBehaviourTests {
    static func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let usulan = """
        NIK;PROGRAM BANSOS;NOKK;NAMA;TANGGAL LAHIR (31/01/2000);JENIS KELAMIN;PROVINSI;KABUPATEN;KECAMATAN;KELURAHAN
        5203014508920001;BPNT;5203011106180101;Baiq Siti;05/08/1992;PEREMPUAN;NUSA TENGGARA BARAT;LOMBOK TIMUR;KERUAK;TANJUNG LUAR
        5203011207850001;BPNT;5203011106180101;Lalu Ahmad;12/07/1985;LAKI-LAKI;NTB;Kab. Lombok Timur;keruak;Tanjung  Luar
        5203011207850002;PKH;5203011106180102;Ahmad;12/07/1985;L;NUSA TENGGARA BARAT;LOMBOK TIMUR;KERUAK;TANJUNG LAUT
        """

    @Test func region_names_match_however_written_and_unknown_ones_name_the_candidates() async throws {
        let url = try Self.write(Self.usulan, name: "usulan.csv")
        try await TestDatabase.withEach { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.layout == "siksng-usulan")
            #expect(report.rowsRead == 3 && report.inserted == 2 && report.rejected == 1)
            let problem = try #require(report.problems.first { $0.code == "region_name_unknown" })
            #expect(problem.examples[0].row == 4)
            #expect(problem.examples[0].message == "Desa 'TANJUNG LAUT' tidak ditemukan di Kecamatan Keruak; mungkin maksudnya: Tanjung Luar.")
            let rejects = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            #expect(rejects.contains("5203011207850002;PKH;5203011106180102;Ahmad"))
            #expect(rejects.contains("KETERANGAN PENOLAKAN"))
            let village = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'", in: database)
            #expect(village == 2)
        }
    }

    @Test func importing_the_same_file_again_changes_nothing_and_says_so() async throws {
        let url = try Self.write(Self.usulan, name: "again.csv")
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            let first = try await job.run(url, options: ImportFixtures.options())
            let second = try await job.run(url, options: ImportFixtures.options())
            #expect(second.alreadyImportedInBatch == first.batchID)
            let batches = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database)
            #expect(batches == 1)
        }
    }

    @Test func a_newer_release_updates_people_and_remembers_every_batch_that_saw_them() async throws {
        let first = try Self.write(Self.usulan, name: "v1.csv")
        let second = try Self.write(Self.usulan.replacingOccurrences(of: "Baiq Siti", with: "Baiq Siti Aminah"), name: "v2.csv")
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            _ = try await job.run(first, options: ImportFixtures.options())
            let report = try await job.run(second, options: ImportFixtures.options())
            // One person's name changed; the other is as stored.
            #expect(report.updated == 1 && report.unchanged == 1 && report.inserted == 0)
            let name = try await database.read { db in
                try await db.raw("SELECT full_name FROM person WHERE nik = '5203014508920001'").first()!.decode(column: "full_name", as: String.self)
            }
            #expect(name == "Baiq Siti Aminah")
            let seen = try await ImportFixtures.count(
                "SELECT COUNT(*) AS n FROM person_batch b JOIN person p ON p.id = b.person_id WHERE p.nik = '5203014508920001'", in: database)
            #expect(seen == 2)
        }
    }

    @Test func a_dry_run_checks_everything_and_keeps_nothing() async throws {
        let url = try Self.write(Self.usulan, name: "dry.csv")
        try await TestDatabase.withEach { database in
            var options = ImportFixtures.options()
            options.dryRun = true
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: options)
            #expect(report.inserted == 2 && report.rejected == 1 && report.batchID == nil)
            let people = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database)
            let batches = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database)
            #expect(people == 0 && batches == 0)
        }
    }

    @Test func members_whose_family_is_unknown_are_rejected_with_the_reason() async throws {
        let url = try Self.write("""
            no_kk,nik,nama,jenis_kelamin,tanggal_lahir
            5203011106180101,5203014508920001,Baiq Siti,2,05-08-1992
            """, name: "orphans.csv")
        try await TestDatabase.withEach { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.layout == "dtsen-individu")
            #expect(report.rejected == 1 && report.inserted == 0)
            #expect(report.problems.map(\.code) == ["family_not_found"])
            let rejects = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            #expect(rejects.contains("impor berkas keluarganya lebih dulu"))
        }
    }

    @Test func broken_files_fail_whole_and_leave_the_database_as_it_was() async throws {
        let broken: [(String, String)] = [
            ("", "empty.csv"),
            ("no_kk,kode_desa\n", "header-only.csv"),
            ("<html><body><table><tr><td>NIK</td></tr></table></body></html>", "export.csv"),
            ("no_kk,kode_desa,alamat\n5203011106180101,5203012001,Dusun A\n5203011106180102,5203012001,Dusun B,extra,cells\n", "shape.csv"),
            ("judul,laporan\nbukan,data\n", "nothing.csv"),
        ]
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            for (text, name) in broken {
                let url = try Self.write(text, name: name)
                await #expect(throws: (any Error).self, "\(name)") { _ = try await job.run(url, options: ImportFixtures.options()) }
                do { _ = try await job.run(url, options: ImportFixtures.options()) } catch {
                    #expect("\(error)".contains(name), "\(error)")
                }
            }
            let families = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household", in: database)
            let batches = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database)
            #expect(families == 0 && batches == 0)
        }
    }

    @Test func a_workbook_continued_on_a_second_sheet_is_read_whole() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("besar.xlsx")
        let header: [Cell] = [.text("no_kk"), .text("kode_desa")]
        // The writer continues on a new sheet after 3 rows here, as it does past 1,048,576 rows.
        let writer = try XLSXTableWriter(url: url, sheetName: "Data", header: header, rowsPerSheet: 3)
        try writer.write(header)
        for serial in 1...4 { try writer.write([.text("52030111061801\(10 + serial)"), .text("5203012001")]) }
        try writer.finish()
        try await TestDatabase.withEach { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.tables.map(\.sheet) == ["Data", "Data (2)"])
            #expect(report.rowsRead == 4 && report.inserted == 4)
            // The report counts per sheet. The writer's 3 rows per sheet include the header it repeats on each sheet:
            // header + 2 data rows on the first, header + 2 on the second.
            #expect(report.tables.map(\.rowsRead) == [2, 2] && report.tables.map(\.rejected) == [0, 0], "\(report.tables.map(\.rowsRead))")
            let families = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household", in: database)
            #expect(families == 4)
        }
    }

    @Test func a_mapping_file_reads_any_headers() async throws {
        let url = try Self.write("""
            Nomor Kartu;Kode Desa Kemendagri;Alamat Rumah
            5203011106180101;52.03.01.2001;Dusun Lendang
            """, name: "mapped.csv")
        let mapping = try Self.write(#"{"layout": "dtsen-keluarga", "columns": {"Nomor Kartu": "no_kk", "Kode Desa Kemendagri": "kode_desa", "Alamat Rumah": "alamat"}}"#, name: "map.json")
        let loaded = try ColumnMappingFile.load(mapping)
        try await TestDatabase.withEach { database in
            var options = ImportFixtures.options()
            options.mapping = loaded.columns
            options.layout = loaded.layout ?? "auto"
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: options)
            #expect(report.layout == "dtsen-keluarga" && report.inserted == 1)
        }
        let bad = try Self.write(#"{"columns": {"X": "nomor_ajaib"}}"#, name: "bad.json")
        #expect { _ = try ColumnMappingFile.load(bad) } throws: { "\($0)".contains("'nomor_ajaib' is no field") }
    }

    @Test func regsosek_relationship_codes_are_mapped_onto_shdk() async throws {
        let families = try Self.write("no_kk,kode_desa\n5203011106180101,5203012001\n", name: "k.csv")
        let people = try Self.write("""
            no_kk,nik,nama,jenis_kelamin,tanggal_lahir,kd_hubungan_dg_kk
            5203011106180101,5203011207850001,Lalu Ahmad,1,12-07-1985,1
            5203011106180101,5203014508920001,Baiq Siti,2,05-08-1992,2
            5203011106180101,5203010101150001,Zainudin,1,01-01-2015,3
            """, name: "a.csv")
        try await TestDatabase.withEach { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            _ = try await job.run(families, options: ImportFixtures.options())
            let report = try await job.run(people, options: ImportFixtures.options())
            #expect(report.inserted == 3 && report.warned == 0)
            let codes = try await database.read { db in
                try await db.raw("SELECT relationship FROM person ORDER BY nik").all().map { try $0.decode(column: "relationship", as: Int.self) }
            }
            // SHDK: 4 anak, 1 kepala keluarga, 3 istri (NIKs sort child, head, wife).
            #expect(codes == [4, 1, 3])
        }
    }

    @Test func bps_codes_are_placed_through_the_crosswalk() throws {
        let resolver = ImportFixtures.references.resolver
        let kemendagri = try resolver.village(code: "5201012002").get()
        #expect(kemendagri == (try RegionCode("52.01.01.2002")))
        if case .failure(let problem) = resolver.village(code: "5299999999") {
            #expect(problem.code == "region_code_unknown")
        } else {
            Issue.record("an unknown code was placed")
        }
        // BPS 5201010001 is Pelangan in Sekotong: the crosswalk, not arithmetic, places it.
        let placed = try resolver.village(code: "5201010001").get()
        #expect(placed == (try RegionCode("52.01.07.2003")))
        // "BIMA" alone is both a kabupaten and a kota: the kecamatan settles it.
        let bima = try resolver.village(province: "NTB", regency: "BIMA", district: "Woha", village: "Naru").get()
        #expect(bima.regency?.dotted == "52.06")
    }
}
