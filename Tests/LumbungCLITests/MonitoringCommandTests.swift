import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

/// `lumbung snapshot` and `lumbung target` as a user runs them: two releases of a hand-written extract of Tanjung Luar
/// and Suwangi, the diff's JSON contract, and refusals with their exit codes and Indonesian messages.
@Suite struct MonitoringCommandTests {
    static let header = "NO.KK;NIK;Nama Penduduk;SHDK;Jenis Kelamin;Tgl Lahir;Kode Desa;Desil;Status"
    /// Release 1: family 1 (desil 1, Tanjung Luar 52.03.01.2001) of two, family 2 (desil 4, Suwangi 52.03.02.2001) of one.
    static let first = """
        \(header)
        5203011106180101;5203011207850001;Lalu Ahmad;Kepala Keluarga;L;12-07-1985;52.03.01.2001;1;Hidup
        5203011106180101;5203014508920001;Baiq Siti;Istri;P;05-08-1992;52.03.01.2001;1;Hidup
        5203022201190104;5203020707750001;Lalu Jaya;Kepala Keluarga;L;07-07-1975;52.03.02.2001;4;Hidup
        """
    /// Release 2: family 1 rises to desil 3 and has a son; Baiq Siti moves to family 2 in Suwangi (another kecamatan), which falls to desil 1.
    static let second = """
        \(header)
        5203011106180101;5203011207850001;Lalu Ahmad;Kepala Keluarga;L;12-07-1985;52.03.01.2001;3;Hidup
        5203011106180101;5203010203250001;Lalu Bayu;Anak;L;02-03-2025;52.03.01.2001;3;Hidup
        5203022201190104;5203020707750001;Lalu Jaya;Kepala Keluarga;L;07-07-1975;52.03.02.2001;1;Hidup
        5203022201190104;5203014508920001;Baiq Siti;Famili Lain;P;05-08-1992;52.03.02.2001;1;Hidup
        """

    struct Diff: Decodable {
        struct Region: Decodable, Equatable {
            let code: String
            let enteredDesil1, leftDesil1, enteredDesil1to4, leftDesil1to4, births, deaths, movedIn, movedOut: Int
        }
        let regions: [Region]
    }

    @Test(arguments: TestDatabase.engines)
    func snapshots_diff_and_targets_from_the_command_line(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        defer { Task { try? await TestDatabase.drop(created) } }
        let db = ["--database", created.location.urlString]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-snap-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        #expect(try await LumbungProcess.run(["migrate"] + db).status == 0)
        let empty = try await LumbungProcess.run(["snapshot", "create", "kosong"] + db)
        #expect(empty.status == 1 && empty.stderr.contains("Registri masih kosong"))
        #expect(try await LumbungProcess.run(["import", try file("r1.csv", Self.first), "--as-of", "2024-06-30"] + db).status == 0)
        let made = try await LumbungProcess.run(["snapshot", "create", "rilis-1"] + db)
        #expect(made.status == 0 && made.stdout == "snapshot rilis-1 (2024-06-30) dibuat: 2 desa, 2 keluarga, 3 penduduk\n", "\(made.stdout)\(made.stderr)")
        let again = try await LumbungProcess.run(["snapshot", "create", "rilis-1"] + db)
        #expect(again.status == 1 && again.stderr == "error: Snapshot 'rilis-1' sudah ada; snapshot tidak pernah dihitung ulang: pilih nama lain.\n")
        #expect(try await LumbungProcess.run(["snapshot", "create", "rilis 1"] + db).status == 2)
        #expect(try await LumbungProcess.run(["snapshot", "create", "rilis-x", "--date", "30-06-2024"] + db).status == 2)
        #expect(try await LumbungProcess.run(["import", try file("r2.csv", Self.second), "--as-of", "2025-06-30"] + db).status == 0)
        #expect(try await LumbungProcess.run(["snapshot", "create", "rilis-2"] + db).status == 0)

        let list = try await LumbungProcess.run(["snapshot", "list", "--format", "json"] + db)
        let names = try (JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["snapshots"] as? [[String: Any]]
        #expect(names?.compactMap { $0["name"] as? String } == ["rilis-1", "rilis-2"])

        // Desil in families, moves and births in people. Keruak (52.03.01): family 1 leaves desil 1 (1 → 3, still in 1–4);
        // Lalu Bayu is born; Baiq Siti moves out. Sakra (52.03.02): family 2 enters desil 1 (4 → 1, in 1–4 before); Baiq Siti moves in.
        let diff = try await LumbungProcess.run(["snapshot", "diff", "rilis-1", "rilis-2", "--level", "kecamatan", "--format", "json"] + db)
        #expect(diff.status == 0, "\(diff.stderr)")
        let regions = try JSONDecoder().decode(Diff.self, from: Data(diff.stdout.utf8)).regions
        #expect(regions == [
            Diff.Region(code: "52.03.01", enteredDesil1: 0, leftDesil1: 1, enteredDesil1to4: 0, leftDesil1to4: 0, births: 1, deaths: 0, movedIn: 0, movedOut: 1),
            Diff.Region(code: "52.03.02", enteredDesil1: 1, leftDesil1: 0, enteredDesil1to4: 0, leftDesil1to4: 0, births: 0, deaths: 0, movedIn: 1, movedOut: 0),
        ])
        let unknown = try await LumbungProcess.run(["snapshot", "diff", "rilis-1", "rilis-9"] + db)
        #expect(unknown.status == 1 && unknown.stderr.contains("Snapshot 'rilis-9' tidak ditemukan"))
        #expect(try await LumbungProcess.run(["snapshot", "diff", "rilis-1", "rilis-2", "--level", "provinsi"] + db).status == 2)

        // Targets: a derived series, a refused sheet (nothing kept), a good sheet.
        let derived = try await LumbungProcess.run(["target", "set", "desil1_families", "52.03", "--baseline", "20", "--baseline-year", "2024",
                                              "--reduce", "10", "--through", "2026"] + db)
        #expect(derived.status == 0 && derived.stdout == "desil1_families\t52.03\tbaseline 20 (2024)\ttarget 2025: 18, 2026: 16,2\n", "\(derived.stdout)\(derived.stderr)")
        let bad = try file("target-salah.csv", "kode_wilayah;indikator;tahun;target\n52.03.01;unfit_housing;2025;7\n52.03.01;unfit_housing;2026;tujuh\n")
        let refused = try await LumbungProcess.run(["target", "import", bad] + db)
        #expect(refused.status == 1 && refused.stderr.contains("Baris 3, kolom 'target': 'tujuh' bukan angka"), "\(refused.stderr)")
        let listed = try await LumbungProcess.run(["target", "list"] + db)
        #expect(listed.stdout == "desil1_families\t52.03\tbaseline 20 (2024)\ttarget 2025: 18, 2026: 16,2\n", "nothing of the refused sheet")
        let good = try file("target.csv", "kode_wilayah;indikator;tahun;target\n52.03.01;unfit_housing;2025;7\n52.03.01;unfit_housing;2026;6,5\n")
        #expect(try await LumbungProcess.run(["target", "import", good] + db).stdout == "1 rencana indikator × wilayah disimpan\n")
        let json = try await LumbungProcess.run(["target", "list", "--within", "52.03.01", "--format", "json"] + db)
        let plans = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["plans"] as? [[String: Any]]
        #expect(plans?.count == 1 && (plans?[0]["targets"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } == [7, 6.5])
    }
}
