import Foundation
import Testing

@Suite struct GenerateCommandTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gen-cli-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func generate_writes_the_files_and_the_truth() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("demo")
        let result = try await LumbungProcess.run(["generate", "--out", out.path, "--scale", "0.0005", "--layout", "dtsen", "siksng"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Generated "))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 10 * 3 + 1)
        #expect(files.contains("truth.json") && files.contains("siksng-usulan-5203.csv") && files.contains("dtsen-individu-5271.csv"))
        // Nothing else was left next to the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["demo"])
    }

    @Test func layout_field_writes_the_four_field_shapes_and_their_truth() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("field")
        let result = try await LumbungProcess.run(["generate", "--out", out.path, "--scale", "0.0005", "--layout", "field"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.filter { $0.hasPrefix("dtsen-art-") }.count == 10)
        #expect(files.filter { $0.hasPrefix("desa-penduduk-") }.count == 1_166)
        #expect(files.filter { $0.hasPrefix("bdt2015-") }.count == 10)
        #expect(files.filter { $0.hasPrefix("regsosek-") }.count == 40)
        #expect(files.contains("desa-penduduk-5201012002.csv") && files.contains("regsosek-5203-anggota.csv"))
        #expect(!files.contains { $0.hasPrefix("dtsen-keluarga") || $0.hasPrefix("p3ke") || $0.hasPrefix(".") })
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("truth.json"))) as? [String: Any]
        let layouts = (truth?["layouts"] as? [String: Any])?.keys.sorted()
        #expect(layouts == ["bdt2015", "desa-penduduk", "dtsen-art", "regsosek"])
    }

    @Test(arguments: [
        (["--scale", "0"], "Scale 0.0 is not usable"),
        (["--scale=-1"], "Scale -1.0 is not usable"),
        (["--scale", "1000"], "Scale 1000.0 is not usable"),
        (["--layout", "opensid"], "Unknown layout 'opensid'"),
        (["--format", "numbers"], "Unknown format 'numbers': use csv, xlsx, ods or xls."),
        (["--as-of", "31/12/2025"], "--as-of '31/12/2025' is not a date"),
        (["--fault", "typo=0.1"], "--fault 'typo=0.1' is not kind=rate"),
        (["--fault", "invalid_nik=2"], "The fault rate 'invalid_nik' must be between 0 and 1"),
    ])
    func bad_options_are_usage_errors_that_write_nothing(extra: [String], message: String) async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x")
        let result = try await LumbungProcess.run(["generate", "--out", out.path] + extra)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func an_output_folder_with_files_is_refused_and_kept() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("precious".utf8).write(to: folder.appendingPathComponent("keep.txt"))
        let result = try await LumbungProcess.run(["generate", "--out", folder.path, "--scale", "0.0005"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: The output folder \(folder.path) already holds files: choose a new or empty folder.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.txt"])
    }

    @Test func an_unwritable_place_fails_cleanly() async throws {
        let result = try await LumbungProcess.run(["generate", "--out", "/proc/lumbung-\(UUID())/out", "--scale", "0.0005"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: Cannot write to /proc/"))
    }
}

@Suite struct ReportCommandTests {
    @Test func generated_and_imported_data_reports_its_indicators_as_table_csv_and_json() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data"), db = folder.appendingPathComponent("r.sqlite").path
        #expect(try await LumbungProcess.run(["generate", "--out", data.path, "--scale", "0.0005", "--layout", "dtsen"]).status == 0)
        let imported = try await LumbungProcess.run(["import", data.appendingPathComponent("dtsen-keluarga-5208.csv").path,
                                               data.appendingPathComponent("dtsen-individu-5208.csv").path,
                                               "--database", db, "--as-of", "2025-06-30", "--rejects", folder.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let table = try await LumbungProcess.run(["report", "indicators", "52.08", "--database", db])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").count == 1 + 1 + 5)
        let csv = try await LumbungProcess.run(["report", "indicators", "52.08", "--database", db, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("code,name,indicator,split,group,count,denominator,percent\n52.08,Kabupaten Lombok Utara,people,,,"))
        #expect(csv.stdout.contains("\n52.08,Kabupaten Lombok Utara,desil1_families,head_sex,female,"))
        let json = try await LumbungProcess.run(["report", "indicators", "52.08", "--database", db, "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["children"] as? [Any])?.count == 5)
        let unknown = try await LumbungProcess.run(["report", "indicators", "52.99", "--database", db])
        #expect(unknown.status == 1 && unknown.stderr == "error: There is no region with code 52.99.\n")

        let ranking = try await LumbungProcess.run(["report", "ranking", "52.08", "--level", "desa", "--database", db, "--min-families", "0"])
        #expect(ranking.status == 0, "\(ranking.stderr)")
        let lines = ranking.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 43 + 1)
        #expect(lines.last?.contains("of the top 20 stay in the top 20 when every weight varies by ±25 %") == true)
        let rankedCSV = try await LumbungProcess.run(["report", "ranking", "52.08", "--database", db, "--format", "csv", "--weights", "desil1_families:1",
                                                "--min-families", "0"])
        #expect(rankedCSV.stdout.hasPrefix("rank,code,name,score,best_rank,worst_rank,families,people,desil1_families_percent,desil1_families_count,desil1_families_points\n1,"))
        let badWeights = try await LumbungProcess.run(["report", "ranking", "52.08", "--database", db, "--weights", "kemiskinan:2"])
        #expect(badWeights.status == 2 && badWeights.stderr == "error: Unknown indicator 'kemiskinan'.\n")
    }
}
