import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import Testing

/// A partner's own labels of a coded column ('S1 Hukum') mapped to an official value: kept in the mapping JSON, read by
/// the import as that value, refused by name when the value is no official one.
@Suite struct CodedLabelsTests {
    /// Written by hand: 'S1 Hukum' and 'Pesantren' are on no education list; 'Diploma IV/Strata I' is the official label.
    static let file = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Pendidikan Akhir;Cacat
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;S1 Hukum;Tuna Daksa Ringan
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;Diploma IV/Strata I;-
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;s1  HUKUM;Tuna Daksa Ringan
        5203011106180102;5203014101950001;Lale Nia;P;01/01/1995;Anak;Pesantren;-
        """

    static let columns: [String: ImportField] = ["Nomor Kartu": .kkNumber, "Nomor Identitas": .nik, "Nama Penerima": .name, "Gender": .sex,
                                                 "Lahir Tanggal": .birthDate, "Hubungan KK": .relationship, "Pendidikan Akhir": .education,
                                                 "Cacat": .disability]

    @Test func labels_are_written_in_the_mapping_json_and_read_back_and_a_value_that_is_no_official_one_is_refused() throws {
        let text = #"{"columns": {"Pendidikan Akhir": "pendidikan"}, "labels": {"pendidikan": {"S1 Hukum": "diploma iv / strata i", "Pesantren": "3"}}}"#
        let mapping = try ColumnMapping.decode(Data(text.utf8), source: "kolom.json")
        // Spelled any way, or by Lumbung's code (3 = Tamat SD/Sederajat): stored as the official label.
        #expect(mapping.labels.labels == [.education: ["S1 Hukum": "Diploma IV/Strata I", "Pesantren": "Tamat SD/Sederajat"]])
        #expect(try ColumnMapping.decode(mapping.encoded(), source: "again") == mapping)
        #expect(String(decoding: mapping.encoded(), as: UTF8.self).contains(#""S1 Hukum" : "Diploma IV/Strata I""#))
        #expect { _ = try ColumnMapping.decode(Data(#"{"columns": {}, "labels": {"pendidikan": {"S1 Hukum": "Sarjana Muda Hukum"}}}"#.utf8), source: "k.json") } throws: {
            "\($0)".contains("'Sarjana Muda Hukum' (for 'S1 Hukum') is no official value of pendidikan")
        }
        #expect { _ = try ColumnMapping.decode(Data(#"{"columns": {}, "labels": {"nama": {"x": "y"}}}"#.utf8), source: "k.json") } throws: {
            "\($0)".contains("'nama' is no coded field")
        }
    }

    @Test func every_official_value_offered_for_a_coded_field_is_read_back_as_that_value() throws {
        // The page offers these; each must be read by the field's own list (else a mapped label would stay unknown).
        #expect(ImportField.education.officialLabel("8") == "Diploma IV/Strata I")
        #expect(ImportField.disability.officialLabel("tidak ada") == "Tidak ada")
        #expect(ImportField.name.officialValues == nil && ImportField.name.officialLabel("x") == nil)
        for field in ImportField.allCases {
            for value in field.officialValues ?? [] {
                #expect(field.officialLabel(value.label) == value.label, "\(field) \(value.label)")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_mapped_label_gives_the_figures_of_its_official_value(engine: Database.Engine) async throws {
        let url = try ColumnTemplateTests.write(Self.file, name: "baznas-pendidikan.csv")
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            // Without labels: 'S1 Hukum' is unknown (the field left empty), counted per column; a dry run keeps nothing.
            var plain = ImportFixtures.options()
            plain.use(ColumnMapping(columns: Self.columns, village: "52.03.01.2001"))
            plain.dryRun = true
            let unknown = try await job.run(url, options: plain)
            let education = try #require(unknown.unknownValues.first { $0.column == "Pendidikan Akhir" })
            #expect(Set(education.values.map(\.value)) == ["S1 Hukum", "s1 HUKUM", "Pesantren"])

            // With 'S1 Hukum' → Diploma IV/Strata I (code 8) and 'Tuna Daksa Ringan' → Fisik (1): every spelling of it
            // is read as that value, the figures are those of the official label; 'Pesantren', unmapped, stays unknown.
            var options = ImportFixtures.options()
            options.use(ColumnMapping(columns: Self.columns, village: "52.03.01.2001",
                                      labels: [.education: ["S1 Hukum": "Diploma IV/Strata I"], .disability: ["tuna daksa ringan": "Fisik"]]))
            let report = try await job.run(url, options: options)
            #expect(report.inserted == 4 && report.rejected == 0)
            #expect(report.unknownValues.map(\.column) == ["Pendidikan Akhir"])
            #expect(report.unknownValues.first?.values.map(\.value) == ["Pesantren"])
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE education = 8", in: database) == 3)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE education IS NULL", in: database) == 1)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE disability = 1", in: database) == 2)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE full_name = 'Lalu Ahmad' AND education = 8 AND disability = 1", in: database) == 1)
        }
    }
}
