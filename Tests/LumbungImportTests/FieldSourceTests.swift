import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Each stored value remembers the import that gave it, and a later source that replaces a value says whose
/// value it replaced. Files written by hand from the DTSEN "ART" layout; expected rows written out here.
@Suite struct FieldSourceTests {
    static let header = "NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Jenis Lantai"

    /// A later extract of the first family: desil 2 instead of 1, the same floor, and an education column the first file lacked.
    static let later = """
        NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Jenis Lantai;Pendidikan
        5203011106180101;5203014508920001;Baiq Siti;Kepala Keluarga;P;05-08-1992;52.03.01.2001;2;Tanah;Tamat SD/Sederajat
        """

    /// The head's row of the first file again, alone: desil back to 1, no education column.
    static let again = """
        NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Jenis Lantai;Disabilitas;Status
        5203011106180101;5203014508920001;Baiq Siti;Kepala Keluarga;P;05-08-1992;52.03.01.2001;1;Tanah;Tidak Ada;Hidup
        """

    struct SourceRow: Hashable { let kind: String; let field: String; let batch: Int }

    static func sources(in database: Database) async throws -> Set<SourceRow> {
        let rows = try await database.read { db in try await db.raw("SELECT record_kind, field, batch_id FROM field_source").all() }
        return Set(try rows.map { SourceRow(kind: try $0.decode(column: "record_kind", as: String.self), field: try $0.decode(column: "field", as: String.self),
                                             batch: try $0.decode(column: "batch_id", as: Int.self)) })
    }

    @Test(arguments: TestDatabase.engines)
    func each_field_remembers_the_import_that_gave_it_and_a_conflict_names_the_old_source(engine: Database.Engine) async throws {
        let first = try PersonRowFamiliesTests.write(PersonRowFamiliesTests.artExtract, name: "art.csv")
        let second = try PersonRowFamiliesTests.write(Self.later, name: "art-2.csv")
        let third = try PersonRowFamiliesTests.write(Self.again, name: "art-3.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            let a = try await job.run(first, options: ImportFixtures.options())
            let batchA = try #require(a.batchID)
            #expect(try await Self.sources(in: database).isEmpty, "a first import is the source of everything it gave: nothing to record")

            let b = try await job.run(second, options: ImportFixtures.options())
            let batchB = try #require(b.batchID)
            #expect(b.notes.contains("desil: 1 nilai yang sudah tersimpan diganti nilai berbeda dari berkas ini (nilai lama dari impor #\(batchA) «art.csv»: 1)."),
                    "notes: \(b.notes)")
            #expect(!b.notes.contains { $0.hasPrefix("jenis lantai") }, "the same floor is no conflict")
            #expect(try await Self.sources(in: database) == [SourceRow(kind: "household", field: "desil", batch: batchB),
                                                              SourceRow(kind: "person", field: "education", batch: batchB)])

            let c = try await job.run(third, options: ImportFixtures.options())
            let batchC = try #require(c.batchID)
            #expect(c.notes.contains("desil: 1 nilai yang sudah tersimpan diganti nilai berbeda dari berkas ini (nilai lama dari impor #\(batchB) «art-2.csv»: 1)."),
                    "notes: \(c.notes)")
            #expect(try await Self.sources(in: database) == [SourceRow(kind: "household", field: "desil", batch: batchC),
                                                              SourceRow(kind: "person", field: "education", batch: batchB)],
                    "a file without the education column leaves the education and its source as they were")
            let education = try await database.read { db in
                try await db.raw("SELECT education FROM person WHERE nik = '5203014508920001'").first()?.decode(column: "education", as: Int?.self)
            }
            #expect(education == Education.primary.code)

            let card = try #require(try await FamilyLookup(database: database, tree: ImportFixtures.references.tree)
                .family(ofNIK: "5203014508920001", within: try RegionCode("52")))
            #expect(card.sources.map(\.batchID) == [batchA, batchB, batchC])
            #expect(card.sources.map(\.gave) == [["keluarga", "3 anggota"], ["pendidikan (Baiq Siti)"], ["desil"]])
            #expect(card.sources.map(\.fileName) == ["art.csv", "art-2.csv", "art-3.csv"])
        }
    }

    /// "Ya", "Lainnya" and the legacy cacat code 6 name no ragam: such people count among people with a disability.
    @Test(arguments: TestDatabase.engines)
    func a_disability_of_no_stated_kind_counts_as_a_disability(engine: Database.Engine) async throws {
        let url = try PersonRowFamiliesTests.write("""
            NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Disabilitas
            5203011106180201;5203011207700001;Amaq Jumenah;Kepala Keluarga;L;12-07-1970;5203012001;Ya
            5203011106180201;5203015208750002;Inaq Jumenah;Istri;P;12-08-1975;5203012001;Lainnya
            5203011106180201;5203011203050003;Jumenah;Anak;P;12-03-2005;5203012001;Tidak Ada
            5203011106180201;5203011203080004;Jumadil;Anak;L;12-03-2008;5203012001;Tuna Netra
            """, name: "ya.csv")
        try await TestDatabase.with(engine) { database in
            let report = try await ImportJob(database: database, references: ImportFixtures.references).run(url, options: ImportFixtures.options())
            #expect(report.inserted == 4 && report.rejected == 0)
            #expect(report.problems.first { $0.code == "disability_kind_unknown" }?.count == 2)
            let tally = try await PersonRowFamiliesTests.tally("52.03.01.2001", in: database)
            // By hand: Amaq and Inaq Jumenah (no stated kind), Jumadil (sensorik); Jumenah has none.
            #expect(tally.disabled.total == 3)
            #expect(tally.disabledByType["sensorik"]?.total == 1)
            #expect(tally.disabledByType["ragam tidak disebut"]?.total == 2)
            let stored = try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE disability = 6", in: database)
            #expect(stored == 2)
        }
    }
}
