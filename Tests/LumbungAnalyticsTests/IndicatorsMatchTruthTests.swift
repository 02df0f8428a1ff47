import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import Testing

/// Generated files imported into the registry give, for every region at every level, exactly the tallies
/// truth.json states — so every indicator computed from them equals truth's too.
@Suite struct IndicatorsMatchTruthTests {
    @Test(arguments: TestDatabase.engines)
    func every_region_of_the_imported_province_matches_the_truth(engine: Database.Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("analytics-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = GeneratorOptions(scale: 0.001, seed: 5, layouts: [.dtsen], faultRates: FaultRates.standard.scaled(by: 4))
        let summary = try await PopulationGenerator(options: options).generate(into: folder)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        let tree = RegionTree(try ReferenceData.regions())
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: try ImportReferences.load())
            var importOptions = ImportOptions(asOf: options.asOf)
            importOptions.rejectsFolder = folder
            for name in summary.files.filter({ $0.hasPrefix("dtsen-keluarga") }) + summary.files.filter({ $0.hasPrefix("dtsen-individu") }) {
                _ = try await job.run(folder.appendingPathComponent(name), options: importOptions)
            }
            let villages = try await VillageAggregateStore(database: database).fetchTallies(within: try RegionCode("52"))
            let regions = try #require(truth.layouts["dtsen"]?.regions)
            for region in tree.all {
                let computed = RegionIndicators.total(under: region.code, villages: villages)
                #expect(computed == regions[region.code.dotted], "\(region.code)")
            }
            let report = RegionIndicators.compute(for: tree[try RegionCode("52.03")]!, tree: tree, villages: villages)
            let desil1 = try #require(report.region.values.first { $0.indicator == "desil1_families" })
            let truthTally = try #require(regions["52.03"])
            #expect(desil1.count == truthTally.familiesByDesil[0] && desil1.denominator == truthTally.families)
            #expect(report.children.count == 21)
        }
    }
}

@Suite struct IndicatorCatalogueTests {
    @Test func rates_count_over_their_denominator_and_split_by_sex() {
        var tally = RegionTally()
        tally.add(household: Household(kkNumber: "k", villageCode: try! RegionCode("52.03.01.2001"), desil: 1, housing: Housing(floor: .earth)),
                  members: [Person(nik: "1", name: "a", sex: .female, birthDate: CalendarDate(year: 1950, month: 1, day: 1), relationship: .head),
                            Person(nik: "2", name: "b", sex: .male, birthDate: CalendarDate(year: 2022, month: 1, day: 1), relationship: .child)],
                  asOf: CalendarDate(year: 2025, month: 6, day: 30)!, rural: true)
        let elderly = IndicatorCatalogue.indicator("elderly")!.value(in: tally)
        #expect(elderly.count == 1 && elderly.denominator == 2 && elderly.percent == 50 && elderly.female == 1 && elderly.male == 0)
        #expect(IndicatorCatalogue.indicator("female_headed")!.value(in: tally).percent == 100)
        #expect(IndicatorCatalogue.indicator("unfit_housing")!.value(in: tally).count == 1)
        #expect(IndicatorCatalogue.indicator("out_of_school")!.value(in: RegionTally()).percent == nil)
        #expect(Set(IndicatorCatalogue.all.map(\.id)).count == IndicatorCatalogue.all.count)
    }
}
