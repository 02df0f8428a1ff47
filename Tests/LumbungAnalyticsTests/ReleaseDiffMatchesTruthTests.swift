import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import Testing

/// End to end, the two release diffs agree: the generator's releases 1 and 2 of one seed are imported (Lombok Timur's
/// files), snapshotted after each, and `SnapshotStore.diff` — counted by the database from the registry the importer
/// built — gives, at kabupaten, kecamatan and desa level, every figure of release 2's `truth.json` `releaseDiff` —
/// counted by the generator from its own people. Neither side computes the other's figures. The same holds for the new
/// and ended enrolments, per programme, of the four programmes the DTSEN files flag (PKH, BPNT, BLT-DD, PBI-JK).
@Suite struct ReleaseDiffMatchesTruthTests {
    static let regency = "5203"

    static func generate(release: Int) async throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("diff-release-\(release)-\(UUID())")
        var options = GeneratorOptions(scale: 0.001, seed: 23, layouts: [.dtsen, .desaPenduduk], faultRates: .none, parallelism: 2)
        options.release = release
        _ = try await PopulationGenerator(options: options).generate(into: url)
        return url
    }

    /// Lombok Timur's files of a release in the order an office would import them: families, people, then the village
    /// systems' exports (which also list the members who died in the year, with `status_dasar` 2).
    static func files(in folder: URL) throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let order = ["dtsen-keluarga-\(regency)", "dtsen-individu-\(regency)", "desa-penduduk-\(regency)"]
        return order.flatMap { prefix in names.filter { $0.hasPrefix(prefix) }.sorted().map { folder.appendingPathComponent($0) } }
    }

    static func importRelease(_ folder: URL, asOf: CalendarDate, into database: Database) async throws {
        var options = ImportOptions(asOf: asOf)
        options.rejectsFolder = folder
        let job = ImportJob(database: database, references: try ImportReferences.load())
        let files = try files(in: folder)
        #expect(files.count > 2)
        for url in files {
            let report = try await job.run(url, options: options)
            #expect(report.rejected == 0, "\(url.lastPathComponent): \(report.problems.prefix(3).map(\.code))")
        }
    }

    /// The rows of a generated CSV file as header name → cell, by a plain quote-aware split.
    static func records(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").map { line in
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == "," && !quoted { fields.append(field); field = "" } else { field.append(character) }
            }
            return fields + [field]
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
    }

    /// The deaths no file of release 2 tells: people of release 1 (NIK → their family's desa, from the dtsen files) whose
    /// NIK appears nowhere in release 2's files — the last members of a family that died out, whose KK is gone with
    /// them, so no village export lists them as dead. Per dotted desa code.
    static func untoldDeaths(release1: URL, release2: URL) throws -> [String: Int] {
        var desaOfKK: [String: String] = [:], kkOfNIK: [String: String] = [:]
        for url in try files(in: release1) where url.lastPathComponent.hasPrefix("dtsen-") {
            let families = url.lastPathComponent.hasPrefix("dtsen-keluarga-")
            for row in try records(url) {
                if families, let desa = row["kode_desa"], let kk = row["no_kk"] { desaOfKK[kk] = desa }
                if !families, let nik = row["nik"], let kk = row["no_kk"] { kkOfNIK[nik] = kk }
            }
        }
        var seen: Set<String> = []
        for url in try files(in: release2) {
            let text = try String(contentsOf: url, encoding: .utf8)
            for token in text.split(whereSeparator: { !$0.isNumber }) where token.count == 16 { seen.insert(String(token)) }
        }
        var untold: [String: Int] = [:]
        for (nik, kk) in kkOfNIK where !seen.contains(nik) {
            guard let desa = desaOfKK[kk] else { continue }
            let digits = desa.filter(\.isNumber)
            let dotted = [digits.prefix(2), digits.dropFirst(2).prefix(2), digits.dropFirst(4).prefix(2), digits.dropFirst(6)].map(String.init).joined(separator: ".")
            untold[dotted, default: 0] += 1
        }
        return untold
    }

    /// Dotted desa code of a 10-digit Kemendagri code.
    static func dotted(_ desa: String) -> String {
        let digits = desa.filter(\.isNumber)
        return [digits.prefix(2), digits.dropFirst(2).prefix(2), digits.dropFirst(4).prefix(2), digits.dropFirst(6)].map(String.init).joined(separator: ".")
    }

    /// The programmes whose end a file tells (a DTSEN flag turned to 2) and their flag columns.
    static let familyFlags = ["kd_pkh": "PKH", "kd_bss_bnpt": "BPNT", "kd_blt_dana_desa": "BLT-DD"]
    static let flagged: Set<String> = ["PKH", "BPNT", "BLT-DD", "PBI-JK"]

    /// The enrolments whose end no file tells: flagged `1` in release 1's DTSEN files for a family (No. KK) or person
    /// (NIK, PBI-JK) that appears nowhere in release 2's files — a family that died out — per dotted desa and programme.
    static func untoldEnds(release1: URL, release2: URL) throws -> [String: [String: Int]] {
        var seen: Set<String> = []
        for url in try files(in: release2) {
            let text = try String(contentsOf: url, encoding: .utf8)
            for token in text.split(whereSeparator: { !$0.isNumber }) where token.count == 16 { seen.insert(String(token)) }
        }
        var desaOfKK: [String: String] = [:]
        var untold: [String: [String: Int]] = [:]
        let release1Files = try files(in: release1)
        for url in release1Files where url.lastPathComponent.hasPrefix("dtsen-keluarga-") {
            for row in try records(url) {
                guard let kk = row["no_kk"], let desa = row["kode_desa"] else { continue }
                desaOfKK[kk] = desa
                guard !seen.contains(kk) else { continue }
                for (column, programme) in familyFlags where row[column] == "1" { untold[dotted(desa), default: [:]][programme, default: 0] += 1 }
            }
        }
        for url in release1Files where url.lastPathComponent.hasPrefix("dtsen-individu-") {
            for row in try records(url) {
                guard let nik = row["nik"], !seen.contains(nik), row["kd_pbi"] == "1", let kk = row["no_kk"], let desa = desaOfKK[kk] else { continue }
                untold[dotted(desa), default: [:]]["PBI-JK", default: 0] += 1
            }
        }
        return untold
    }

    /// New and ended enrolments of the flagged programmes: `PKH new`, `PKH ended`, …, and their totals.
    static func enrolments(_ change: RegionChange) -> [String: Int] {
        var figures = ["newEnrolments": change.newEnrolments, "endedEnrolments": change.endedEnrolments]
        for programme in change.programmes ?? [] {
            figures["\(programme.programme) new"] = programme.newEnrolments
            figures["\(programme.programme) ended"] = programme.endedEnrolments
        }
        return figures.filter { $0.value != 0 }
    }

    static func enrolments(_ change: TruthReleaseDiff) -> [String: Int] {
        var figures: [String: Int] = [:]
        for programme in change.programmes where flagged.contains(programme.programme) {
            figures["\(programme.programme) new"] = programme.newEnrolments
            figures["\(programme.programme) ended"] = programme.endedEnrolments
            figures["newEnrolments", default: 0] += programme.newEnrolments
            figures["endedEnrolments", default: 0] += programme.endedEnrolments
        }
        return figures.filter { $0.value != 0 }
    }

    static func figures(_ change: RegionChange) -> [String: Int] {
        ["enteredDesil1": change.enteredDesil1, "leftDesil1": change.leftDesil1, "enteredDesil1to4": change.enteredDesil1to4,
         "leftDesil1to4": change.leftDesil1to4, "births": change.births, "deaths": change.deaths, "movedIn": change.movedIn,
         "movedOut": change.movedOut].filter { $0.value != 0 }
    }

    static func figures(_ change: TruthReleaseDiff) -> [String: Int] {
        ["enteredDesil1": change.enteredDesil1, "leftDesil1": change.leftDesil1, "enteredDesil1to4": change.enteredDesil1to4,
         "leftDesil1to4": change.leftDesil1to4, "births": change.births, "deaths": change.deaths, "movedIn": change.movedIn,
         "movedOut": change.movedOut].filter { $0.value != 0 }
    }

    @Test(arguments: TestDatabase.engines)
    func the_snapshot_diff_of_two_imported_releases_equals_the_generators_release_diff(engine: Database.Engine) async throws {
        let folders = [try await Self.generate(release: 1), try await Self.generate(release: 2)]
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let truths = try folders.map { try JSONDecoder().decode(Truth.self, from: Data(contentsOf: $0.appendingPathComponent("truth.json"))) }
        var expected = try #require(truths[1].releaseDiff).filter { $0.key.hasPrefix("52.03") }
        let truthDeaths = expected["52.03"]?.deaths ?? 0
        var expectedEnrolments = expected.mapValues(Self.enrolments)
        let truthEnded = expectedEnrolments["52.03"]?["endedEnrolments"] ?? 0
        // An enrolment ends in the registry only when a file says so: take away the ends of families that died out.
        let untoldEnds = try Self.untoldEnds(release1: folders[0], release2: folders[1])
        for (desa, programmes) in untoldEnds {
            for length in [5, 8, 13] {
                for (programme, count) in programmes {
                    expectedEnrolments[String(desa.prefix(length))]?["\(programme) ended", default: 0] -= count
                    expectedEnrolments[String(desa.prefix(length))]?["endedEnrolments", default: 0] -= count
                }
            }
        }
        expectedEnrolments = expectedEnrolments.mapValues { $0.filter { $0.value != 0 } }
        #expect(untoldEnds.values.flatMap(\.values).reduce(0, +) < truthEnded / 4, "most ends are told by the DTSEN flags")
        // A death reaches the registry only from a file that marks it: take away, at every level, the deaths no file tells.
        let untold = try Self.untoldDeaths(release1: folders[0], release2: folders[1])
        for (desa, count) in untold {
            for length in [5, 8, 13] { expected[String(desa.prefix(length))]?.deaths -= count }
        }
        #expect(untold.values.reduce(0, +) < truthDeaths / 2, "most deaths are told by the village exports")
        #expect(truths[1].generator.previousAsOf == truths[0].generator.asOf)

        try await TestDatabase.with(engine) { database in
            let store = SnapshotStore(database: database)
            try await Self.importRelease(folders[0], asOf: truths[0].generator.asOf, into: database)
            let r1 = try await store.create(name: SnapshotName("r1")!, date: truths[0].generator.asOf, by: "uji")
            try await Self.importRelease(folders[1], asOf: truths[1].generator.asOf, into: database)
            let r2 = try await store.create(name: SnapshotName("r2")!, date: truths[1].generator.asOf, by: "uji")

            for level in DiffLevel.allCases {
                let diff = try await store.diff(from: r1, to: r2, level: level, byProgramme: true)
                let gotEnrolments = Dictionary(uniqueKeysWithValues: diff.regions.map { ($0.code, Self.enrolments($0)) }).filter { !$0.value.isEmpty }
                let wantEnrolments = expectedEnrolments.filter { $0.key.count == level.codeLength && !$0.value.isEmpty }
                for code in Set(gotEnrolments.keys).union(wantEnrolments.keys).sorted() {
                    #expect(gotEnrolments[code] ?? [:] == wantEnrolments[code] ?? [:], "enrolments \(level) \(code)")
                }
                let got = Dictionary(uniqueKeysWithValues: diff.regions.map { ($0.code, Self.figures($0)) }).filter { !$0.value.isEmpty }
                let want = expected.filter { $0.key.count == level.codeLength }.mapValues(Self.figures).filter { !$0.value.isEmpty }
                for code in Set(got.keys).union(want.keys).sorted() {
                    #expect(got[code] ?? [:] == want[code] ?? [:], "\(level) \(code)")
                }
            }
            // Something of every kind happened, so agreement is not agreement on nothing.
            let kabupaten = try #require(expected["52.03"])
            #expect(kabupaten.births > 0 && kabupaten.deaths > 0 && kabupaten.enteredDesil1 > 0 && kabupaten.leftDesil1 > 0)
            #expect(kabupaten.enteredDesil1to4 > 0 && kabupaten.leftDesil1to4 > 0)
            #expect(expected.values.contains { $0.movedIn > 0 })
            let enrolments = try #require(expectedEnrolments["52.03"])
            for programme in ["PKH", "PBI-JK"] {
                #expect((enrolments["\(programme) new"] ?? 0) > 0 && (enrolments["\(programme) ended"] ?? 0) > 0, "\(programme)")
            }
        }
    }
}
