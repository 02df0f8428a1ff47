import Foundation
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Figures from other sources (issue 16 item 3): region-level tables written here by hand, read and checked without a
/// database, then imported into both engines. Expected regions come from the crosswalk file and the region list as
/// written out below, never from the code under test.
@Suite struct ExternalIndicatorImportTests {
    static let resolver = ImportFixtures.references.resolver

    /// A desa-level stunting table of Dinas Kesehatan with BPS codes and a header block above it.
    /// Crosswalk rows: 5203010005 → 52.03.01.2001 Tanjung Luar, 5203010006 → 52.03.01.2002 Pijot,
    /// 5203010007 → 52.03.01.2003 Selebung Ketangga, 5203010008 → 52.03.01.2004 Sepit.
    static let stunting = """
        id;stunting_dinkes
        nama;Prevalensi stunting balita
        satuan;persen
        arah;lower_is_better
        sumber;Dinas Kesehatan Lombok Timur (e-PPGBM)
        tanggal;2024
        ;
        No;Kode BPS;Desa;Prevalensi (%)
        1;5203010005;TANJUNG LUAR;27,5
        2;5203010006;PIJOT;18
        3;5203010007;SELEBUNG KETANGGA;9,25
        4;5203010008;SEPIT;31
        """

    /// A kecamatan-level sanitation table with Kemendagri codes; row 4 names a kecamatan that does not exist and row 5
    /// has no number; row 3 gives Sakra's BPS code in the code column.
    static let sanitationBad = """
        kode_wilayah,kecamatan,nilai
        52.03.01,Keruak,61.5
        5203020,Sakra,70
        52.03.99,Entah,55
        52.03.04,Sikur,tujuh puluh
        """

    static let sanitationGood = """
        kode_wilayah,kecamatan,nilai
        52.03.01,Keruak,61.5
        52.03.02,Sakra,70
        52.03.03,Terara,48.25
        """

    @Test func a_desa_table_with_bps_codes_is_placed_through_the_crosswalk() throws {
        let url = try ImportBehaviourTests.write(Self.stunting, name: "stunting.csv")
        let sheet = try ExternalIndicatorSheet.read(url, resolver: Self.resolver, unit: nil)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        #expect(sheet.entries.map(\.region.dotted) == ["52.03.01.2001", "52.03.01.2002", "52.03.01.2003", "52.03.01.2004"])
        #expect(sheet.entries.map(\.value) == [27.5, 18, 9.25, 31])
        #expect(sheet.entries.map(\.row) == [9, 10, 11, 12])
        #expect(sheet.header == ExternalIndicatorSheet.Header(id: "stunting_dinkes", name: "Prevalensi stunting balita", unit: "persen",
                                                              direction: "lower_is_better", source: "Dinas Kesehatan Lombok Timur (e-PPGBM)", date: "2024"))
    }

    @Test func a_bps_kecamatan_code_is_never_read_by_arithmetic() throws {
        // BPS 5203011 is Jerowaru, Kemendagri 52.03.20 — not 52.03.01 or 52.03.11.
        let url = try ImportBehaviourTests.write("kode_bps,nilai\n5203011,12\n5203021,14\n", name: "bps.csv")
        let sheet = try ExternalIndicatorSheet.read(url, resolver: Self.resolver, unit: .percent)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        #expect(sheet.entries.map(\.region.dotted) == ["52.03.20", "52.03.19"])
    }

    @Test func every_bad_row_is_named_and_the_file_refused() throws {
        let url = try ImportBehaviourTests.write(Self.sanitationBad, name: "sanitasi.csv")
        let sheet = try ExternalIndicatorSheet.read(url, resolver: Self.resolver, unit: .percent)
        let messages = sheet.problems.map(\.description)
        #expect(messages == [
            "Baris 4, kolom 'kode_wilayah': Kode wilayah 52.03.99 tidak ada dalam daftar Kemendagri maupun tabel padanan kode BPS.",
            "Baris 5, kolom 'nilai': 'tujuh puluh' bukan angka: tulis nilainya saja (mis. 27,5).",
        ], "\(messages)")
        // 5203020 is the BPS code of Sakra (52.03.02): a plain code column takes the crosswalk when the tree has no such code.
        #expect(sheet.entries.map(\.region.dotted) == ["52.03.01", "52.03.02"])
    }

    @Test func values_out_of_the_units_range_and_duplicate_regions_are_problems() throws {
        let url = try ImportBehaviourTests.write("kode_wilayah,nilai\n52.03.01,101\n52.03.02,-1\n52.03.03,5\n5203030,6\n", name: "x.csv")
        let sheet = try ExternalIndicatorSheet.read(url, resolver: Self.resolver, unit: .percent)
        #expect(sheet.problems.map(\.description) == [
            "Baris 2, kolom 'nilai': 101 lebih dari 100 padahal satuannya persen.",
            "Baris 3, kolom 'nilai': Nilai -1 tidak boleh negatif.",
            "Baris 5: wilayah 52.03.03 sudah ada di baris 4: satu nilai per wilayah.",
        ])
    }

    @Test func names_place_rows_when_the_table_has_no_codes() throws {
        let url = try ImportBehaviourTests.write("Kabupaten,Kecamatan,Desa,Jumlah\nLombok Timur,Keruak,Pijot,12\nLombok Timur,Sakra,,40\nLombok Timur,,,900\n", name: "nama.csv")
        let sheet = try ExternalIndicatorSheet.read(url, resolver: Self.resolver, unit: .people)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        #expect(sheet.entries.map(\.region.dotted) == ["52.03.01.2002", "52.03.02", "52.03"])
    }

    @Test func a_file_without_a_table_or_options_is_refused_with_each_reason() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let url = try ImportBehaviourTests.write("kode_wilayah,nilai\n52.03.01,10\n", name: "tanpa-keterangan.csv")
            let job = ExternalIndicatorImportJob(database: database, references: ImportFixtures.references)
            await #expect(throws: ExternalIndicatorImportJob.Refused.self) {
                try await job.run(url, given: .init(id: "Stunting!", unit: "kilogram", date: "kemarin"), by: "uji")
            }
            do {
                _ = try await job.run(url, given: .init(id: "Stunting!", unit: "kilogram", date: "kemarin"), by: "uji")
            } catch let refused as ExternalIndicatorImportJob.Refused {
                #expect(refused.problems.map(\.message) == [
                    ExternalIndicatorProblem.idInvalid("Stunting!").description, ExternalIndicatorProblem.nameMissing.description,
                    ExternalIndicatorProblem.unitUnknown("kilogram").description, ExternalIndicatorProblem.directionUnknown("").description,
                    ExternalIndicatorProblem.sourceMissing.description, ExternalIndicatorProblem.periodUnreadable("kemarin").description,
                ])
            }
            let ownID = ExternalIndicatorSheet.Header(id: "desil1_families", name: "x", unit: "persen", direction: "naik", source: "x", date: "2024")
            do {
                _ = try await job.run(url, given: ownID, by: "uji")
                Issue.record("an id of Lumbung's own indicators was taken")
            } catch let refused as ExternalIndicatorImportJob.Refused {
                #expect(refused.problems.map(\.message) == [ExternalIndicatorProblem.idTaken("desil1_families").description])
            }
            let count = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM external_value").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func import_again_is_a_no_op_and_a_newer_date_adds_a_value(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let job = ExternalIndicatorImportJob(database: database, references: ImportFixtures.references)
            let stunting = try ImportBehaviourTests.write(Self.stunting, name: "stunting.csv")
            let first = try await job.run(stunting, given: .init(), by: "uji")
            #expect(first.outcome == .init(indicator: "stunting_dinkes", added: 4, unchanged: 0, corrected: 0))
            let again = try await job.run(stunting, given: .init(), by: "uji")
            #expect(again.outcome == .init(indicator: "stunting_dinkes", added: 0, unchanged: 4, corrected: 0))
            // The same figures dated 2025-06-30: a newer date is a new value of the series for every region.
            let newer = try await job.run(stunting, given: .init(date: "2025-06-30"), by: "uji")
            #expect(newer.outcome == .init(indicator: "stunting_dinkes", added: 4, unchanged: 0, corrected: 0))
            // A correction of one 2024 figure (Sepit 31 → 30).
            let corrected = try ImportBehaviourTests.write(Self.stunting.replacingOccurrences(of: "SEPIT;31", with: "SEPIT;30"), name: "stunting-koreksi.csv")
            let fix = try await job.run(corrected, given: .init(), by: "uji")
            #expect(fix.outcome == .init(indicator: "stunting_dinkes", added: 0, unchanged: 3, corrected: 1))

            let store = ExternalIndicatorStore(database: database)
            let values = try await store.values(indicator: "stunting_dinkes")
            #expect(values.map { "\($0.region) \($0.period) \($0.value)" } == [
                "52.03.01.2001 2024 27.5", "52.03.01.2001 2025-06-30 27.5", "52.03.01.2002 2024 18.0", "52.03.01.2002 2025-06-30 18.0",
                "52.03.01.2003 2024 9.25", "52.03.01.2003 2025-06-30 9.25", "52.03.01.2004 2024 30.0", "52.03.01.2004 2025-06-30 31.0",
            ])
            let sepit = values.filter { $0.region == "52.03.01.2004" }
            // The year 2024 ends 2024-12-31, after 2024-06-30 but before 2025-06-30: oldest first.
            #expect(sepit.map(\.period) == ["2024", "2025-06-30"])
            #expect(sepit.map(\.value) == [30, 31])
            let latest = try await store.latest(indicator: "stunting_dinkes", within: try RegionCode("52.03.01"))
            #expect(latest.count == 4)
            #expect(latest[try RegionCode("52.03.01.2004")]?.period == "2025-06-30")
            let summaries = try await store.summaries()
            #expect(summaries.map(\.id) == ["stunting_dinkes"])
            #expect(summaries.first?.values == 8 && summaries.first?.regions == 4 && summaries.first?.latestPeriod == "2025-06-30")

            // The same id with another unit is refused, nothing written.
            let sanitation = try ImportBehaviourTests.write(Self.sanitationGood, name: "sanitasi.csv")
            await #expect(throws: ExternalIndicatorProblem.definitionDiffers(id: "stunting_dinkes", stored: "satuan percent, arah higher_is_worse",
                                                                              given: "satuan people, arah higher_is_worse")) {
                try await job.run(sanitation, given: .init(id: "stunting_dinkes", name: "x", unit: "jiwa", direction: "turun", source: "x", date: "2026"), by: "uji")
            }
            #expect(try await store.values(indicator: "stunting_dinkes").count == 8)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_kecamatan_table_with_one_bad_row_writes_nothing(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let job = ExternalIndicatorImportJob(database: database, references: ImportFixtures.references)
            let given = ExternalIndicatorSheet.Header(id: "sanitasi_layak", name: "Akses sanitasi layak", unit: "persen", direction: "higher_is_better",
                                                      source: "Dinas PUPR", date: "2024")
            let bad = try ImportBehaviourTests.write(Self.sanitationBad, name: "sanitasi-salah.csv")
            await #expect(throws: ExternalIndicatorImportJob.Refused.self) { try await job.run(bad, given: given, by: "uji") }
            #expect(try await ExternalIndicatorStore(database: database).indicators().isEmpty)
            let good = try ImportBehaviourTests.write(Self.sanitationGood, name: "sanitasi.csv")
            let result = try await job.run(good, given: given, by: "uji")
            #expect(result.outcome.added == 3)
            let values = try await ExternalIndicatorStore(database: database).values(indicator: "sanitasi_layak")
            #expect(values.map(\.region) == ["52.03.01", "52.03.02", "52.03.03"])
            #expect(values.map(\.value) == [61.5, 70, 48.25])
            #expect(values.allSatisfy { $0.period == "2024" && $0.source == "Dinas PUPR" })
        }
    }
}
