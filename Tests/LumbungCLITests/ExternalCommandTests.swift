import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// `lumbung external import|list` as a user runs them: a hand-written kecamatan table, the same table again, a newer
/// date, a refused table with its Indonesian messages and exit code, and a target on the external indicator.
@Suite struct ExternalCommandTests {
    static let table = """
        kode_wilayah;kecamatan;nilai
        52.03.01;Keruak;61,5
        52.03.02;Sakra;70
        """

    @Test(arguments: TestDatabase.engines)
    func import_list_and_target_from_the_command_line(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        defer { Task { try? await TestDatabase.drop(created) } }
        let db = ["--database", created.location.urlString]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-ext-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let options = ["--indicator", "sanitasi_layak", "--name", "Akses sanitasi layak", "--unit", "persen", "--direction", "higher_is_better",
                       "--source", "Dinas PUPR"]
        let path = try file("sanitasi.csv", Self.table)
        let first = try await LumbungProcess.run(["external", "import", path, "--date", "2024"] + options + db)
        #expect(first.status == 0 && first.stdout.contains("sanitasi_layak (2024): 2 nilai baru, 0 sama seperti tersimpan, 0 dikoreksi"), "\(first.stderr)")
        let again = try await LumbungProcess.run(["external", "import", path, "--date", "2024"] + options + db)
        #expect(again.stdout.contains("0 nilai baru, 2 sama seperti tersimpan, 0 dikoreksi"))
        #expect(try await LumbungProcess.run(["external", "import", path, "--date", "2025-06-30"] + options + db).stdout.contains("2 nilai baru"))
        let bad = try await LumbungProcess.run(["external", "import", try file("salah.csv", Self.table + "\n52.03.99;Entah;12\n"), "--date", "2026"] + options + db)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Berkas ditolak, tidak ada yang disimpan") && bad.stderr.contains("Baris 4, kolom 'kode_wilayah'"), "\(bad.stderr)")
        let list = try await LumbungProcess.run(["external", "list"] + db)
        #expect(list.stdout.contains("sanitasi_layak\tAkses sanitasi layak\tpercent\thigher_is_better\t2 wilayah\tterbaru 2025-06-30\tDinas PUPR"), "\(list.stdout)")
        let values = try await LumbungProcess.run(["external", "list", "--indicator", "sanitasi_layak", "--within", "52.03.02"] + db)
        #expect(values.stdout == "52.03.02\t2024\t70%\tDinas PUPR\n52.03.02\t2025-06-30\t70%\tDinas PUPR\n")
        let unknown = try await LumbungProcess.run(["external", "list", "--indicator", "entah"] + db)
        #expect(unknown.status == 1 && unknown.stderr.contains("Indikator sumber lain 'entah' tidak ditemukan"))
        // Targets keyed by the external id.
        let target = try await LumbungProcess.run(["target", "set", "sanitasi_layak", "52.03.01", "--baseline", "61.5", "--baseline-year", "2024", "--target", "2025=70"] + db)
        #expect(target.status == 0, "\(target.stderr)")
        #expect(try await LumbungProcess.run(["target", "set", "sanitasi_entah", "52.03.01", "--target", "2025=70"] + db).status == 2)
    }
}
