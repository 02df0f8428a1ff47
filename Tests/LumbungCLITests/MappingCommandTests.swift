import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// `lumbung mapping import|list|show|export|delete` and `lumbung import --mapping NAME|FILE`.
@Suite struct MappingCommandTests {
    static let partnerFile = """
        Nomor Kartu;Nomor Identitas;Nama Penerima;Gender;Lahir Tanggal;Hubungan KK;Alamat
        5203011106180101;5203011207850001;Lalu Ahmad;L;12/07/1985;Kepala Keluarga;catatan
        5203011106180101;5203014508920001;Baiq Siti;P;05/08/1992;Istri;catatan
        5203011106180102;5203014101700001;Inaq Sari;P;01/01/1970;Kepala Keluarga;catatan
        """

    static let mapping = """
        {"columns": {"Nomor Kartu": "no_kk", "Nomor Identitas": "nik", "Nama Penerima": "nama", "Gender": "jenis_kelamin",
                     "Lahir Tanggal": "tanggal_lahir", "Hubungan KK": "shdk", "Alamat": "abaikan"},
         "values": {"desa": "52.03.01.2001", "tanggal_data": "2025-06-30"}}
        """

    @Test(arguments: TestDatabase.engines)
    func mappings_are_saved_shown_exported_and_used_by_name(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        let db = ["--database", created.location.urlString]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-mapping-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mappingFile = folder.appendingPathComponent("kolom.json"), data = folder.appendingPathComponent("baznas-juni.csv")
        let renamed = folder.appendingPathComponent("baznas-juli.csv")
        try Self.mapping.write(to: mappingFile, atomically: true, encoding: .utf8)
        try Self.partnerFile.write(to: data, atomically: true, encoding: .utf8)
        try Self.partnerFile.replacingOccurrences(of: "Gender;", with: "JK;").write(to: renamed, atomically: true, encoding: .utf8)

        #expect(try await LumbungProcess.run(["migrate"] + db).status == 0)
        #expect(try await LumbungProcess.run(["mapping", "list"] + db).stdout == "no saved mappings\n")
        let saved = try await LumbungProcess.run(["mapping", "import", mappingFile.path, "--name", "BAZNAS Lotim", "--organisation", "BAZNAS NTB"] + db)
        #expect(saved.status == 0 && saved.stdout == "saved mapping BAZNAS Lotim (6 columns)\n", "\(saved.stderr)")
        let list = try await LumbungProcess.run(["mapping", "list"] + db).stdout
        #expect(list.hasPrefix("BAZNAS Lotim\tBAZNAS NTB\t6 columns\t"))
        let shown = try await LumbungProcess.run(["mapping", "show", "baznas lotim"] + db).stdout
        #expect(shown.contains("  Gender → jenis_kelamin (jenis kelamin)\n") && shown.contains("  Alamat → abaikan\n")
                && shown.contains("  every row: desa 52.03.01.2001\n"))
        let exported = try await LumbungProcess.run(["mapping", "export", "BAZNAS Lotim"] + db).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
        #expect((json["columns"] as? [String: String])?["Hubungan KK"] == "shdk" && (json["values"] as? [String: String])?["tanggal_data"] == "2025-06-30")
        let missing = try await LumbungProcess.run(["mapping", "show", "Tidak Ada"] + db)
        #expect(missing.status == 2 && missing.stderr.contains("No saved mapping is called 'Tidak Ada'"))

        // A file that no longer fits: refused naming the missing header, nothing written.
        let refused = try await LumbungProcess.run(["import", renamed.path, "--mapping", "BAZNAS Lotim"] + db)
        #expect(refused.status == 1 && refused.stderr.contains("the saved mapping 'BAZNAS Lotim' no longer fits this file") && refused.stderr.contains("'Gender'"))
        let unknown = try await LumbungProcess.run(["import", data.path, "--mapping", "kolom-lain.json"] + db)
        #expect(unknown.status == 2 && unknown.stderr.contains("is neither a file nor a saved mapping"))
        let imported = try await LumbungProcess.run(["import", data.path, "--mapping", "BAZNAS Lotim"] + db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("rows read 3 = new 3 + updated 0"))
        let database = try await TestDatabase.open(created.location)
        let people = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM person WHERE village_code = '52.03.01.2001'").first()?.decode(column: "n", as: Int.self)
        }
        await database.close()
        #expect(people == 3)
        // The next month's file with the same headers and no --mapping: the saved mapping is used by itself (its desa
        // too), and the report says so — the rule of the mapping page and the API.
        let next = folder.appendingPathComponent("baznas-agustus.csv")
        try (Self.partnerFile + "\n5203011106180103;5203014101750001;Inaq Rina;P;01/01/1975;Kepala Keluarga;catatan\n")
            .write(to: next, atomically: true, encoding: .utf8)
        let auto = try await LumbungProcess.run(["import", next.path, "--as-of", "2025-06-30"] + db)
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stdout.contains("note: templat kolom 'BAZNAS Lotim' dipakai") && auto.stdout.contains("rows read 4 = new 1 + updated 0 + unchanged 3"), "\(auto.stdout)")
        #expect(try await LumbungProcess.run(["mapping", "delete", "BAZNAS Lotim"] + db).status == 0)
        #expect(try await LumbungProcess.run(["mapping", "list"] + db).stdout == "no saved mappings\n")
        try await TestDatabase.drop(created)
    }
}
