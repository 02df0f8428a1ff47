import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Saved column mappings: which template fits a file (pure), the mapping JSON, and importing a partner file with
/// unknown headers through a saved template — or being refused, before anything is written, when it no longer fits.
@Suite struct ColumnTemplateTests {
    static func template(_ name: String, _ columns: [String: ImportField], signature: String = "") -> ColumnTemplate {
        ColumnTemplate(name: name, signature: signature, mapping: ColumnMapping(columns: columns))
    }

    @Test func the_signature_ignores_order_case_spacing_and_blank_headers() {
        #expect(ColumnTemplateFit.signature(of: ["Nomor Kartu", "", "NAMA  penerima", "Gender"]) == "gender|namapenerima|nomorkartu")
        #expect(ColumnTemplateFit.signature(of: ["gender", "Nama_Penerima", "NOMOR KARTU", " "]) == "gender|namapenerima|nomorkartu")
        #expect(ColumnTemplateFit.signature(of: ["Nomor Kartu", "Gender"]) != ColumnTemplateFit.signature(of: ["Nomor Kartu", "Gender", "Usia"]))
    }

    @Test func a_template_fits_when_every_header_it_maps_is_present_and_the_exact_one_is_picked_first() {
        let header = ["Nomor Kartu", "Nama Penerima", "Gender", "Catatan"]
        let small = Self.template("Kecil", ["nomor kartu": .kkNumber, "Nama Penerima": .name])
        let wide = Self.template("Lebar", ["Nomor Kartu": .kkNumber, "Nama Penerima": .name, "GENDER": .sex])
        let exact = Self.template("Persis", ["Nomor Kartu": .kkNumber, "Nama Penerima": .name],
                                  signature: "catatan|gender|namapenerima|nomorkartu")
        let other = Self.template("Lain", ["Nomor Kartu": .kkNumber, "Tanggal Lahir Penerima": .birthDate, "Gender": .sex, "Nama Penerima": .name])
        #expect(ColumnTemplateFit.missing(other, in: header) == ["Tanggal Lahir Penerima"])
        #expect(ColumnTemplateFit.missing(wide, in: header).isEmpty)
        // The one made for exactly these headers, though it maps fewer than another that fits.
        #expect(ColumnTemplateFit.pick([small, wide, exact, other], for: header)?.name == "Persis")
        // Without it, the one that maps the most; one that does not fit is never picked.
        #expect(ColumnTemplateFit.pick([small, other, wide], for: header)?.name == "Lebar")
        #expect(ColumnTemplateFit.pick([other], for: header) == nil)
        #expect(ColumnTemplateFit.pick([], for: header) == nil)
        // The first rows of a file: the row that holds the most of the template's headers names what is missing.
        let rows = [["DAFTAR PENERIMA BAZNAS"], ["Gender"], ["Nomor Kartu", "Nama Penerima", "Catatan"]]
        #expect(ColumnTemplateFit.missing(wide, inFirstRowsOf: rows) == ["GENDER"])
        #expect(ColumnTemplateFit.missing(small, inFirstRowsOf: rows).isEmpty)
    }

    @Test func a_mapping_reads_ignored_columns_and_values_and_writes_the_same_back() throws {
        let text = #"{"layout": "dtsen-individu", "columns": {"Nomor Kartu": "no_kk", "Alamat": "abaikan"}, "values": {"desa": "5203012001", "tanggal_data": "2025-06-30"}}"#
        let mapping = try ColumnMapping.decode(Data(text.utf8), source: "kolom.json")
        #expect(mapping.columns == ["Nomor Kartu": .kkNumber] && mapping.ignored == ["Alamat"] && mapping.layout == "dtsen-individu")
        #expect(mapping.village == "52.03.01.2001" && mapping.dataDate == "2025-06-30")
        #expect(try ColumnMapping.decode(mapping.encoded(), source: "again") == mapping)
        #expect(mapping.valuesJSON == #"{"desa":"52.03.01.2001","tanggal_data":"2025-06-30"}"#)
        #expect { _ = try ColumnMapping.decode(Data(#"{"columns": {}, "values": {"desa": "52.03"}}"#.utf8), source: "k.json") } throws: {
            "\($0)".contains("desa '52.03' is not a desa/kelurahan code")
        }
        #expect { _ = try ColumnMapping.decode(Data(#"{"columns": {}, "values": {"sumber": "x"}}"#.utf8), source: "k.json") } throws: {
            "\($0)".contains("'sumber' is no value")
        }
    }

    /// A BAZNAS list: none of its headers is one Lumbung knows except "Alamat", which the partner fills with notes.
    static let partnerFile = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Alamat
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;JANGAN DIBACA
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;JANGAN DIBACA
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;JANGAN DIBACA
        """

    static let partnerMapping = ColumnMapping(
        columns: ["Nomor Kartu": .kkNumber, "Nomor Identitas": .nik, "Nama Penerima": .name, "Gender": .sex, "Lahir Tanggal": .birthDate,
                  "Hubungan KK": .relationship],
        ignored: ["Alamat"], village: "52.03.01.2001")

    static func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: TestDatabase.engines)
    func a_partner_file_imports_through_its_saved_template_and_one_that_no_longer_fits_is_refused_before_writing(engine: Database.Engine) async throws {
        let url = try Self.write(Self.partnerFile, name: "baznas-juni.csv")
        let renamed = try Self.write(Self.partnerFile.replacingOccurrences(of: "Gender;", with: "JK Penerima;"), name: "baznas-juli.csv")
        try await TestDatabase.with(engine) { database in
            let store = ColumnTemplateStore(database: database)
            let header = Self.partnerFile.split(separator: "\n")[0].split(separator: ";").map(String.init)
            try await store.save(ColumnTemplate(name: "BAZNAS Lotim", organisation: "BAZNAS NTB", signature: ColumnTemplateFit.signature(of: header),
                                                mapping: Self.partnerMapping), by: AuditActor(name: "operator1", address: nil))
            // Read back from the database, and chosen for the file by its headers.
            let saved = try await store.templates()
            #expect(saved.first?.mapping == Self.partnerMapping)
            let chosen = try #require(ColumnTemplateFit.pick(saved, for: header))
            let job = ImportJob(database: database, references: ImportFixtures.references)

            // The renamed file: refused by name of the missing header, nothing written.
            var options = ImportFixtures.options()
            options.use(chosen)
            await #expect(throws: ImportError.templateDoesNotFit(file: "baznas-juli.csv", template: "BAZNAS Lotim", missing: ["Gender"])) {
                _ = try await job.run(renamed, options: options)
            }
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM import_batch", in: database) == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person", in: database) == 0)

            let report = try await job.run(url, options: options)
            #expect(report.layout == "dtsen-individu" && report.rowsRead == 3 && report.inserted == 3 && report.rejected == 0)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'", in: database) == 3)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household WHERE village_code = '52.03.01.2001'", in: database) == 2)
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM person WHERE sex = 2", in: database) == 2)
            // "Alamat" is a header Lumbung knows, but the mapping said abaikan: no address was read from it.
            #expect(try await ImportFixtures.count("SELECT COUNT(*) AS n FROM household WHERE address = 'JANGAN DIBACA'", in: database) == 0)
            let alamat = report.tables.first?.columns.first { $0.header == "Alamat" }
            #expect(alamat != nil && alamat?.field == nil)
        }
    }
}
