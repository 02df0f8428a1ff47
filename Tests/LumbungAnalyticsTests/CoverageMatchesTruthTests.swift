import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungStore
import LumbungSynth
import LumbungTestSupport
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
                compared += 1
            }
            #expect(compared == 1_294)
            // The figures are not all zero: the check could fail.
            #expect(province.duplicatedAidFamilies > 0 && province.eligibleUnreachedFamilies > 0 && province.inclusionErrorFamilies > 0)
            // The same lists again change nothing.
            for name in summary.files.filter({ $0.hasPrefix("penerima-program") }) {
                let report = try await lists.run(folder.appendingPathComponent(name), options: listOptions)
                #expect(report.alreadyImportedInBatch != nil)
            }
            let again = CoverageReport.totals(try await store.coverageByVillage(within: try RegionCode("52")), tree: tree)
            #expect(again[try RegionCode("52")] == totals[try RegionCode("52")])
        }
    }
}
