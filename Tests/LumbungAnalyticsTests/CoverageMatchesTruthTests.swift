import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import SQLKit
import Testing

/// The generator's beneficiary lists imported beside its registry give, for every region at every level and every
/// programme, exactly the coverage `truth.json`'s `programs` states: families reached, duplicated aid, eligible
/// families reached by nothing, inclusion errors — and the enrolment rows per programme.
@Suite struct CoverageMatchesTruthTests {
    @Test(arguments: TestDatabase.engines)
    func every_region_and_programme_matches_the_truth(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = GeneratorOptions(scale: 0.002, seed: 14, layouts: [.dtsen, .programs], faultRates: .none)
        let summary = try await PopulationGenerator(options: options).generate(into: folder)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        let tree = RegionTree(try ReferenceData.regions())
        try await TestDatabase.with(engine) { database in
            let references = try ImportReferences.load()
            let job = ImportJob(database: database, references: references)
            var importOptions = ImportOptions(asOf: options.asOf)
            importOptions.rejectsFolder = folder
            for name in summary.files.filter({ $0.hasPrefix("dtsen-keluarga") }) + summary.files.filter({ $0.hasPrefix("dtsen-individu") }) {
                _ = try await job.run(folder.appendingPathComponent(name), options: importOptions)
            }
            let lists = BeneficiaryImportJob(database: database, references: references)
            var listOptions = BeneficiaryImportOptions(asOf: options.asOf, programme: nil)
            listOptions.registerListedProgrammes = true
            listOptions.rejectsFolder = folder
            var rows = 0
            for name in summary.files.filter({ $0.hasPrefix("penerima-program") }) {
                let url = folder.appendingPathComponent(name)
                #expect(BeneficiaryColumns.isProgrammeList(url))
                let report = try await lists.run(url, options: listOptions)
                #expect(report.rejected == 0 && report.merged == 0, "\(name): \(report.topProblems.map(\.code))")
                #expect(report.enrolments?.byMatch["unmatched"] == nil, "\(name): every row of a clean list matches")
                rows += report.rowsRead
            }
            let province = try #require(truth.programs["52"])
            #expect(rows == province.enrollments.values.reduce(0, +))
            let store = ProgrammeStore(database: database)
            // Enrolment rows per programme, counted by hand from truth.
            for record in try await store.programmes() {
                #expect(record.enrolments == province.enrollments[record.programme.code.value], "\(record.programme.code)")
            }
            #expect(Set(try await store.programmes().map(\.programme.code.value)) == Set(province.enrollments.keys))
            let totals = CoverageReport.totals(try await store.coverageByVillage(within: try RegionCode("52")), tree: tree)
            var compared = 0
            for region in tree.all {
                let expected = truth.programs[region.code.dotted] ?? ProgramTally()
                let actual = totals[region.code] ?? CoverageTally()
                #expect(actual.familiesReached == expected.familiesReached, "\(region.code)")
                #expect(actual.duplicatedAidFamilies == expected.duplicatedAidFamilies, "\(region.code)")
                #expect(actual.eligibleUnreachedFamilies == expected.eligibleUnreachedFamilies, "\(region.code)")
                #expect(actual.inclusionErrorFamilies == expected.inclusionErrorFamilies, "\(region.code)")
                // Programme pairs, leakage per programme and people reached, in the truth's own terms.
                var pairs: [String: Int] = [:]
                for (pair, families) in actual.overlaps { pairs["\(pair.first) ∩ \(pair.second)"] = families }
                #expect(pairs == expected.overlaps, "\(region.code)")
                #expect(actual.betterOffFamiliesReached() == expected.betterOffFamiliesReached, "\(region.code)")
                #expect(actual.peopleReached == expected.peopleReached, "\(region.code)")
                compared += 1
            }
            #expect(compared == 1_294)
            // The figures are not all zero: the check could fail.
            #expect(province.duplicatedAidFamilies > 0 && province.eligibleUnreachedFamilies > 0 && province.inclusionErrorFamilies > 0)
            #expect(province.overlaps.count > 3 && !province.betterOffFamiliesReached.isEmpty && province.peopleReached.values.allSatisfy { $0 > 0 })
            // The lists of unreached families hold exactly the families the truth counts, in every kabupaten.
            for regency in tree.all where regency.code.depth == 2 {
                let expected = truth.programs[regency.code.dotted]?.eligibleUnreachedFamilies ?? 0
                let listed = try await store.unreachedFamilies(within: regency.code, selection: .eligible, limit: 100_000)
                #expect(listed.total == expected && listed.families.count == expected, "\(regency.code)")
                #expect(listed.families.allSatisfy { family in (1...4).contains(family.desil) && ((try? RegionCode(family.village)).map(regency.code.contains) ?? false) })
                let desil1 = try await store.unreachedFamilies(within: regency.code, selection: .desil1, limit: 1)
                #expect(desil1.total == totals[regency.code]?.desil1UnreachedFamilies, "\(regency.code)")
            }
            // The same lists again change nothing.
            for name in summary.files.filter({ $0.hasPrefix("penerima-program") }) {
                let report = try await lists.run(folder.appendingPathComponent(name), options: listOptions)
                #expect(report.alreadyImportedInBatch != nil)
            }
            let again = CoverageReport.totals(try await store.coverageByVillage(within: try RegionCode("52")), tree: tree)
            #expect(again[try RegionCode("52")] == totals[try RegionCode("52")])
        }
    }

    /// DTSEN's programme flag columns (`kd_pkh`, `kd_bss_bnpt`, `kd_blt_dana_desa` on families, `kd_pbi` on persons)
    /// imported with the registry give, per region at every level and per programme, exactly the flagged families
    /// (persons for PBI-JK) `truth.json` lists under the DTSEN layout's `programmeFlags`.
    @Test(arguments: TestDatabase.engines)
    func dtsen_flags_enrol_exactly_the_flagged_families_of_the_truth(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flags-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = GeneratorOptions(scale: 0.002, seed: 21, layouts: [.dtsen], faultRates: .none)
        let summary = try await PopulationGenerator(options: options).generate(into: folder)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        let flags = try #require(truth.layouts["dtsen"]?.programmeFlags)
        let tree = RegionTree(try ReferenceData.regions())
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: try ImportReferences.load())
            var importOptions = ImportOptions(asOf: options.asOf)
            importOptions.rejectsFolder = folder
            for name in summary.files.filter({ $0.hasPrefix("dtsen-keluarga") }) + summary.files.filter({ $0.hasPrefix("dtsen-individu") }) {
                let report = try await job.run(folder.appendingPathComponent(name), options: importOptions)
                let noted = report.notes.contains { note in note.hasPrefix("Penanda program nasional") }
                #expect(noted, "\(name): \(report.notes)")
            }
            let unmatched = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM enrolment WHERE household_id IS NULL").first()?.decode(column: "n", as: Int.self)
            }
            #expect(unmatched == 0)
            // Running enrolments per desa and programme, summed by hand into every region that holds the desa.
            let rows = try await database.read { db in
                try await db.raw("""
                    SELECT p.code, e.village_code, COUNT(*) AS n FROM enrolment e JOIN programme p ON p.id = e.programme_id
                    WHERE e.ended_on IS NULL GROUP BY p.code, e.village_code
                    """).all().map { (try $0.decode(column: "code", as: String.self), try RegionCode($0.decode(column: "village_code", as: String.self)),
                                      try $0.decode(column: "n", as: Int.self)) }
            }
            var compared = 0
            for region in tree.all {
                var actual: [String: Int] = [:]
                for (code, village, count) in rows where region.code.contains(village) { actual[code, default: 0] += count }
                #expect(actual == (flags[region.code.dotted] ?? [:]), "\(region.code)")
                compared += 1
            }
            #expect(compared == 1_294)
            // Every flag is present, so the check could fail.
            #expect(Set(flags["52"]?.keys.map { $0 } ?? []) == ["PKH", "BPNT", "BLT-DD", "PBI-JK"])
        }
    }
}
