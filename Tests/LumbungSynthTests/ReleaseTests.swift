import Foundation
import LumbungDomain
import LumbungSynth
import Testing

/// `--release N`: releases 1, 2 and 3 of one seed, read back from their CSV files with plain code, and the
/// release diff recomputed by loops over NIKs, KKs, desa and desil, against `truth.json`.
@Suite struct ReleaseTests {
    /// What the test reads from one release's files: nothing of the generator's own structures.
    struct Release {
        var desaOfKK: [String: String] = [:]
        var desilOfKK: [String: Int] = [:]
        var kkOfNIK: [String: String] = [:]
        var birthOfNIK: [String: CalendarDate] = [:]
        var nameOfNIK: [String: String] = [:]
        var enrolments: Set<String> = []
        /// The DTSEN flags set to 1: `PKH|KK`, `BPNT|KK`, `BLT-DD|KK`, `PBI-JK|NIK` → the desa.
        var flagged: [String: String] = [:]
        var personRows = 0
        var truth: Truth

        init(_ folder: URL) throws {
            truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let url = folder.appendingPathComponent(name)
                if name.hasPrefix("dtsen-keluarga-") {
                    for (_, row) in try CSVFile(url).records(headerRow: 1) {
                        desaOfKK[row["no_kk"]] = row["kode_desa"]
                        desilOfKK[row["no_kk"]] = Int(row["desil_nasional"])
                        for (column, code) in [("kd_pkh", "PKH"), ("kd_bss_bnpt", "BPNT"), ("kd_blt_dana_desa", "BLT-DD")] where row[column] == "1" {
                            flagged[code + "|" + row["no_kk"]] = row["kode_desa"]
                        }
                    }
                } else if name.hasPrefix("dtsen-individu-") {
                    for (_, row) in try CSVFile(url).records(headerRow: 1) {
                        personRows += 1
                        kkOfNIK[row["nik"]] = row["no_kk"]
                        birthOfNIK[row["nik"]] = parseDayFirst(row["tanggal_lahir"])
                        nameOfNIK[row["nik"]] = row["nama"]
                        if row["kd_pbi"] == "1" { flagged["PBI-JK|" + row["nik"]] = row["no_kk"] }
                    }
                } else if name.hasPrefix("penerima-program-") {
                    for (_, row) in try CSVFile(url).records(headerRow: 1) { enrolments.insert(row["NIK"] + "/" + row["KODE PROGRAM"]) }
                }
            }
        }

        func desa(of nik: String) -> String? { kkOfNIK[nik].flatMap { desaOfKK[$0] } }

        /// The desa of a flagged enrolment (a PBI-JK flag names the member's KK).
        func desa(ofEnrolment key: String) -> String? {
            guard let place = flagged[key] else { return nil }
            return key.hasPrefix("PBI-JK|") ? desaOfKK[place] : place
        }
    }

    /// New and ended enrolments of the four flagged programmes, per region as compact code: `PKH new`, `PKH ended`, ….
    static func enrolmentDiff(_ previous: Release, _ next: Release) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for (key, _) in next.flagged where previous.flagged[key] == nil {
            guard let desa = next.desa(ofEnrolment: key) else { continue }
            let name = String(key.prefix { $0 != "|" }) + " new"
            for length in [10, 6, 4, 2] { counts[String(desa.prefix(length)), default: [:]][name, default: 0] += 1 }
        }
        for (key, _) in previous.flagged where next.flagged[key] == nil {
            guard let desa = previous.desa(ofEnrolment: key) else { continue }
            let name = String(key.prefix { $0 != "|" }) + " ended"
            for length in [10, 6, 4, 2] { counts[String(desa.prefix(length)), default: [:]][name, default: 0] += 1 }
        }
        return counts
    }

    static func enrolmentFields(_ change: TruthReleaseDiff) -> [String: Int] {
        var fields: [String: Int] = [:]
        for programme in change.programmes where ["PKH", "BPNT", "BLT-DD", "PBI-JK"].contains(programme.programme) {
            fields[programme.programme + " new"] = programme.newEnrolments
            fields[programme.programme + " ended"] = programme.endedEnrolments
        }
        return fields.filter { $0.value != 0 }
    }

    /// The counts of `next` against `previous`, per region as compact code (province 2, kabupaten 4, kecamatan 6, desa 10 digits).
    static func diff(_ previous: Release, _ next: Release) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        let lengths = [10, 6, 4, 2]
        func add(_ name: String, _ desa: String) {
            for length in lengths { counts[String(desa.prefix(length)), default: [:]][name, default: 0] += 1 }
        }
        for (kk, desa) in next.desaOfKK {
            guard let before = previous.desilOfKK[kk], let now = next.desilOfKK[kk] else { continue }
            if now == 1 && before != 1 { add("enteredDesil1", desa) }
            if before == 1 && now != 1 { add("leftDesil1", desa) }
            if now <= 4 && before > 4 { add("enteredDesil1to4", desa) }
            if before <= 4 && now > 4 { add("leftDesil1to4", desa) }
        }
        let previousDate = previous.truth.generator.asOf
        for nik in next.kkOfNIK.keys {
            guard let desa = next.desa(of: nik) else { continue }
            if let origin = previous.desa(of: nik) {
                for length in lengths where origin.prefix(length) != desa.prefix(length) {
                    counts[String(origin.prefix(length)), default: [:]]["movedOut", default: 0] += 1
                    counts[String(desa.prefix(length)), default: [:]]["movedIn", default: 0] += 1
                }
            } else if let born = next.birthOfNIK[nik], born > previousDate {
                add("births", desa)
            }
        }
        for nik in previous.kkOfNIK.keys where next.kkOfNIK[nik] == nil {
            if let desa = previous.desa(of: nik) { add("deaths", desa) }
        }
        return counts
    }

    static func fields(_ change: TruthReleaseDiff) -> [String: Int] {
        ["enteredDesil1": change.enteredDesil1, "leftDesil1": change.leftDesil1, "enteredDesil1to4": change.enteredDesil1to4,
         "leftDesil1to4": change.leftDesil1to4, "births": change.births, "deaths": change.deaths, "movedIn": change.movedIn,
         "movedOut": change.movedOut].filter { $0.value != 0 }
    }

    static func generate(release: Int, seed: UInt64 = 11) async throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(release)-\(UUID())")
        var options = GeneratorOptions(scale: 0.001, seed: seed, layouts: [.dtsen, .programs], faultRates: .none, parallelism: 2)
        options.release = release
        _ = try await PopulationGenerator(options: options).generate(into: url)
        return url
    }

    /// Age in completed years, counted by hand.
    static func age(_ born: CalendarDate, on day: CalendarDate) -> Int {
        day.year - born.year - ((day.month, day.day) < (born.month, born.day) ? 1 : 0)
    }

    @Test func releases_two_and_three_match_their_truth_and_follow_the_same_people() async throws {
        let folders = [try await Self.generate(release: 1), try await Self.generate(release: 2), try await Self.generate(release: 3)]
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        let releases = try folders.map(Release.init)

        // Release 1 is the generator's first release as it always was: no release fields, the given date.
        #expect(releases[0].truth.generator.release == nil)
        #expect(releases[0].truth.releaseDiff == nil)
        #expect(releases[0].truth.generator.asOf == CalendarDate(year: 2025, month: 6, day: 30))
        #expect(releases[1].truth.generator.asOf == CalendarDate(year: 2026, month: 6, day: 30))
        #expect(releases[2].truth.generator.asOf == CalendarDate(year: 2027, month: 6, day: 30))
        #expect(releases[2].truth.generator.previousAsOf == CalendarDate(year: 2026, month: 6, day: 30))

        for (index, release) in releases.enumerated() {
            // No person in two families (no faults: each NIK has one row) and every member's KK is a family of the release.
            #expect(release.kkOfNIK.count == release.personRows, "release \(index + 1)")
            #expect(release.kkOfNIK.values.allSatisfy { release.desaOfKK[$0] != nil })
            #expect(release.truth.generatedPeople == release.personRows)
        }

        for number in [2, 3] {
            let previous = releases[number - 2], next = releases[number - 1]
            let truth = try #require(next.truth.releaseDiff)
            #expect(next.truth.generator.release == number)
            let counted = Self.diff(previous, next)
            for (code, change) in truth {
                let compact = code.replacingOccurrences(of: ".", with: "")
                #expect(Self.fields(change) == (counted[compact] ?? [:]), "release \(number), region \(code)")
            }
            #expect(Set(counted.keys).isSubset(of: Set(truth.keys.map { $0.replacingOccurrences(of: ".", with: "") })))
            // New and ended enrolments: the DTSEN flags of the two releases, compared by No. KK (NIK for PBI-JK).
            let enrolmentCounts = Self.enrolmentDiff(previous, next)
            for (code, change) in truth {
                let compact = code.replacingOccurrences(of: ".", with: "")
                #expect(Self.enrolmentFields(change) == (enrolmentCounts[compact] ?? [:]), "enrolments, release \(number), region \(code)")
                #expect(change.newEnrolments == change.programmes.reduce(0) { $0 + $1.newEnrolments })
                #expect(change.endedEnrolments == change.programmes.reduce(0) { $0 + $1.endedEnrolments })
            }
            // Something of every kind happened in the province; moves stay inside each kabupaten/kota.
            let province = try #require(truth["52"])
            #expect(province.programmes.filter { $0.newEnrolments > 0 && $0.endedEnrolments > 0 }.count >= 4)
            #expect(province.births > 0 && province.deaths > 0 && province.enteredDesil1 > 0 && province.leftDesil1 > 0)
            #expect(province.enteredDesil1to4 > 0 && province.leftDesil1to4 > 0)
            #expect(truth.filter { $0.key.count <= 5 }.allSatisfy { $0.value.movedIn == 0 && $0.value.movedOut == 0 })
            #expect(truth.values.contains { $0.movedIn > 0 })
            // Marriages: people of release N − 1 in a No. KK that release N − 1 did not have.
            let married = next.kkOfNIK.filter { previous.kkOfNIK[$0.key] != nil && previous.desaOfKK[$0.value] == nil }
            #expect(married.count >= 2)
            // Programmes end and start.
            #expect(!previous.enrolments.subtracting(next.enrolments).isEmpty)
            #expect(!next.enrolments.subtracting(previous.enrolments).isEmpty)
        }

        // Survivors keep their NIK, name and birth date, and are N − 1 years older.
        let first = releases[0]
        for (number, release) in releases.enumerated().dropFirst() {
            var survivors = 0
            for (nik, born) in release.birthOfNIK {
                guard let before = first.birthOfNIK[nik] else { continue }
                survivors += 1
                #expect(before == born)
                #expect(first.nameOfNIK[nik] == release.nameOfNIK[nik])
                #expect(Self.age(born, on: release.truth.generator.asOf) - Self.age(born, on: first.truth.generator.asOf) == number)
            }
            #expect(survivors > first.kkOfNIK.count * 9 / 10)
        }
    }

    @Test func a_release_is_the_same_whenever_generated() async throws {
        let first = try await Self.generate(release: 2, seed: 5)
        let second = try await Self.generate(release: 2, seed: 5)
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        for name in try FileManager.default.contentsOfDirectory(atPath: first.path) {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func a_release_below_one_is_refused() {
        var options = GeneratorOptions()
        options.release = 0
        #expect(throws: GeneratorError.badRelease(0)) { try options.validate() }
    }
}
