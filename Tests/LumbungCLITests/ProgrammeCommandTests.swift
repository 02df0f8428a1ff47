import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import Testing

@Suite struct ProgrammeCommandTests {
    struct Coverage: Decodable {
        struct Region: Decodable {
            let code: String
            let familiesReached: [String: Int]
            let duplicatedAidFamilies: Int
            let eligibleUnreachedFamilies: Int
            let inclusionErrorFamilies: Int
            let betterOffFamiliesReached: [String: Int]
            let programmePairs: [Pair]
            let peopleReached: [String: Int]
            let inclusionThreshold: Int
        }
        struct Pair: Decodable {
            let programmes: [String]
            let families: Int
        }
        struct MatrixRow: Decodable {
            let organisation: String
            let sector: String
            let programmes: [String]
            let familiesReached: Int
            let peopleReached: Int
            let budget: Int?
        }
        let regions: [Region]
        let matrix: [MatrixRow]
    }

    struct TruthPrograms: Decodable {
        struct Tally: Decodable {
            let familiesReached: [String: Int]
            let duplicatedAidFamilies: Int
            let eligibleUnreachedFamilies: Int
            let inclusionErrorFamilies: Int
            let overlaps: [String: Int]
            let betterOffFamiliesReached: [String: Int]
        }
        let programs: [String: Tally]
    }

    @Test(arguments: TestDatabase.engines)
    func organisations_programmes_lists_and_coverage_from_the_command_line(engine: Database.Engine) async throws {
        let created = try await TestDatabase.create(engine)
        let db = ["--database", created.location.urlString]
        #expect(try await LumbungProcess.run(["migrate"] + db).status == 0)
        let database = try await TestDatabase.open(created.location)
        try await ProgrammeFixtures.registry(database)
        await database.close()

        let badKind = try await LumbungProcess.run(["organisation", "add", "Dinas Sosial Provinsi NTB", "--kind", "bank"] + db)
        #expect(badKind.status == 2 && badKind.stderr.contains("Unknown kind 'bank'"))
        let added = try await LumbungProcess.run(["organisation", "add", "Dinas Sosial Provinsi NTB", "--kind", "dinsos", "--region", "52"] + db)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try await LumbungProcess.run(["organisation", "list"] + db).stdout == "Dinas Sosial Provinsi NTB\tdinsos\t52\n")
        let common = ["--name", "Bantuan Lansia", "--organisation", "Dinas Sosial Provinsi NTB", "--sector", "lansia", "--unit", "individu",
                      "--start", "2025-01-01", "--region", "52.03", "--budget", "90000000"]
        let backwards = try await LumbungProcess.run(["programme", "add", "LANSIA-NTB"] + common + ["--end", "2024-12-31"] + db)
        #expect(backwards.status == 1 && backwards.stderr == "error: the programme ends (2024-12-31) before it starts (2025-01-01).\n")
        let ok = try await LumbungProcess.run(["programme", "add", "LANSIA-NTB"] + common + ["--end", "2025-12-31"] + db)
        #expect(ok.status == 0, "\(ok.stderr)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-lists-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let list = folder.appendingPathComponent("lansia.csv")
        try "NIK;Nama;No. KK\n5203014101800001;Inaq Sari;\n5203010404700001;Made Putra;\n;Nengah;5203010101200005\n5203011212900007;Tidak Ada;\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let imported = try await LumbungProcess.run(["import", list.path, "--programme", "LANSIA-NTB"] + db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("rows read 4 = new 4 + updated 0 + unchanged 0 + merged duplicates 0 + rejected 0 + skipped 0"))
        #expect(imported.stdout.contains("new enrolments by match: nik 2, kk 1, name_birth 0, unmatched 1"))
        let twice = try await LumbungProcess.run(["import", list.path, "--programme", "LANSIA-NTB"] + db)
        #expect(twice.stdout.contains("already imported in batch"))

        let listed = try await LumbungProcess.run(["programme", "list"] + db)
        #expect(listed.stdout.contains("LANSIA-NTB\tBantuan Lansia\tDinas Sosial Provinsi NTB\tlansia\tindividu\t2025-01-01…2025-12-31\t4\t1\t3\n"))
        let shown = try await LumbungProcess.run(["programme", "show", "lansia-ntb"] + db)
        #expect(shown.status == 0 && shown.stdout.contains("families reached: 3"))

        let report = try await LumbungProcess.run(["report", "coverage", "--within", "52.03.01", "--level", "desa", "--format", "json"] + db)
        #expect(report.status == 0, "\(report.stderr)")
        let coverage = try JSONDecoder().decode(Coverage.self, from: Data(report.stdout.utf8))
        let byCode = Dictionary(uniqueKeysWithValues: coverage.regions.map { ($0.code, $0) })
        // Desa 2001: families 1 and 3 reached, family 2 (desil 1) not. Desa 2002: family 5 reached, family 4 (desil 3) not.
        #expect(byCode["52.03.01.2001"]?.familiesReached == ["LANSIA-NTB": 2] && byCode["52.03.01.2001"]?.eligibleUnreachedFamilies == 1)
        #expect(byCode["52.03.01.2002"]?.familiesReached == ["LANSIA-NTB": 1] && byCode["52.03.01.2002"]?.eligibleUnreachedFamilies == 1)
        #expect(coverage.regions.count == 15 && coverage.regions.allSatisfy { $0.code.hasPrefix("52.03.01.") })
        // The 4W matrix of Keruak: LANSIA-NTB reaches families 1 (2 people), 3 (1) and 5 (1); its budget as registered.
        let row = try #require(coverage.matrix.first)
        #expect(coverage.matrix.count == 1 && row.organisation == "Dinas Sosial Provinsi NTB" && row.sector == "lansia" && row.programmes == ["LANSIA-NTB"])
        #expect(row.familiesReached == 3 && row.peopleReached == 4 && row.budget == 90_000_000, "\(row)")
        #expect(byCode["52.03.01.2001"]?.peopleReached == ["LANSIA-NTB": 3] && byCode["52.03.01.2002"]?.peopleReached == ["LANSIA-NTB": 1])
        let table = try await LumbungProcess.run(["report", "coverage", "--within", "52.03", "--level", "kecamatan"] + db)
        #expect(table.stdout.hasPrefix("code\tname\tfamilies\tLANSIA-NTB\tduplicated\teligible_unreached\tdesil1_unreached\tinclusion_errors\tLANSIA-NTB_desil6plus\n"))
        #expect(try await LumbungProcess.run(["report", "coverage", "--within", "52.03", "--level", "provinsi"] + db).status == 2)
        for bad in ["4", "11", "tujuh"] {
            let refused = try await LumbungProcess.run(["report", "coverage", "--within", "52.03", "--inclusion-threshold", bad] + db)
            #expect(refused.status == 2 && refused.stderr.contains("--inclusion-threshold '\(bad)' is no desil from 5 to 10"), "\(refused.stderr)")
        }

        // Families 1, 3 and 5 are reached; of desil 1–4, family 2 (desil 1) and family 4 (desil 3) are not.
        let unreached = try await LumbungProcess.run(["report", "unreached", "--within", "52.03.01", "--desil", "1-4"] + db)
        #expect(unreached.status == 0, "\(unreached.stderr)")
        let rows = unreached.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "kk_number;head_name;village_code;address;rt;rw;desil;members")
        #expect(rows.dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
                == ["5203010101200002", "5203010101200004"], "\(rows)")
        #expect(rows.dropFirst().first?.hasSuffix(";1;2") == true && rows.last?.hasSuffix(";3;1") == true, "desil and people: \(rows)")
        let desil1 = try await LumbungProcess.run(["report", "unreached", "--within", "52.03", "--format", "json"] + db)
        #expect(desil1.stdout.contains("\"total\" : 1") && desil1.stdout.contains("5203010101200002") && !desil1.stdout.contains("5203010101200004"))
        let badDesil = try await LumbungProcess.run(["report", "unreached", "--within", "52.03", "--desil", "5"] + db)
        #expect(badDesil.status == 2 && badDesil.stderr.contains("--desil '5' is no list: use 1 or 1-4."), "\(badDesil.stderr)")
        let exported = try await LumbungProcess.run(["audit", "search", "--action", "personal_data.exported"] + db)
        #expect(exported.stdout.contains("unreached families of 52.03.01 (desil 1-4)"), "\(exported.stdout)")

        let closed = try await LumbungProcess.run(["programme", "close", "LANSIA-NTB", "--on", "2025-06-30"] + db)
        #expect(closed.status == 0 && closed.stdout == "closed LANSIA-NTB on 2025-06-30\n")
        let late = try await LumbungProcess.run(["import", list.path, "--programme", "LANSIA-NTB", "--dry-run"] + db)
        #expect(late.status == 1 && late.stderr.contains("closed and takes no more lists"))
        let audit = try await LumbungProcess.run(["audit", "search", "--action", "programme.closed"] + db)
        #expect(audit.stdout.contains("LANSIA-NTB"))
        try await TestDatabase.drop(created)
    }

    /// The generator's files imported from the command line give, per kabupaten, the coverage truth.json states.
    @Test func generated_lists_give_the_truth_per_kabupaten() async throws {
        let created = try await TestDatabase.create(.sqlite)
        let db = ["--database", created.location.urlString]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-gen-\(UUID())")
        let generated = try await LumbungProcess.run(["generate", "--out", folder.path, "--scale", "0.001", "--seed", "3", "--layout", "dtsen", "programs", "--fault-scale", "0"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let registry = files.filter { $0.hasPrefix("dtsen-keluarga") } + files.filter { $0.hasPrefix("dtsen-individu") }
        #expect(try await LumbungProcess.run(["import"] + registry.map { folder.appendingPathComponent($0).path } + db).status == 0)
        let lists = files.filter { $0.hasPrefix("penerima-program") }.map { folder.appendingPathComponent($0).path }
        let imported = try await LumbungProcess.run(["import"] + lists + db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("programmes registered from the file: "))
        let report = try await LumbungProcess.run(["report", "coverage", "--within", "52", "--level", "kabupaten", "--format", "json"] + db)
        let coverage = try JSONDecoder().decode(Coverage.self, from: Data(report.stdout.utf8))
        let truth = try JSONDecoder().decode(TruthPrograms.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        #expect(coverage.regions.count == 10)
        for region in coverage.regions {
            let expected = try #require(truth.programs[region.code])
            #expect(region.familiesReached == expected.familiesReached, "\(region.code)")
            #expect(region.duplicatedAidFamilies == expected.duplicatedAidFamilies && region.eligibleUnreachedFamilies == expected.eligibleUnreachedFamilies
                    && region.inclusionErrorFamilies == expected.inclusionErrorFamilies, "\(region.code)")
            // Pairs and leakage per programme, in the truth's own terms.
            var pairs: [String: Int] = [:]
            for pair in region.programmePairs { pairs[pair.programmes.joined(separator: " ∩ ")] = pair.families }
            #expect(pairs == expected.overlaps, "\(region.code)")
            #expect(region.betterOffFamiliesReached == expected.betterOffFamiliesReached && region.inclusionThreshold == 6, "\(region.code)")
        }
        // A higher threshold counts fewer better-off families, never more; desil 10 only at threshold 10.
        let strict = try await LumbungProcess.run(["report", "coverage", "--within", "52", "--level", "kabupaten", "--format", "json",
                                                   "--inclusion-threshold", "10"] + db)
        let strictCoverage = try JSONDecoder().decode(Coverage.self, from: Data(strict.stdout.utf8))
        for (loose, tight) in zip(coverage.regions, strictCoverage.regions) {
            #expect(tight.inclusionThreshold == 10 && tight.inclusionErrorFamilies <= loose.inclusionErrorFamilies, "\(loose.code)")
            for (code, families) in tight.betterOffFamiliesReached { #expect(families <= loose.betterOffFamiliesReached[code] ?? 0, "\(loose.code) \(code)") }
        }
        #expect(strictCoverage.regions.map(\.inclusionErrorFamilies).reduce(0, +) < coverage.regions.map(\.inclusionErrorFamilies).reduce(0, +))
        try? FileManager.default.removeItem(at: folder)
        try await TestDatabase.drop(created)
    }
}
