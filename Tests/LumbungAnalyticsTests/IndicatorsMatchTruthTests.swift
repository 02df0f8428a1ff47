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
            let totals = RegionTotals(villages: villages, tree: tree)
            let regions = try #require(truth.layouts["dtsen"]?.regions)
            for region in tree.all {
                #expect(totals[region.code] == regions[region.code.dotted] ?? RegionTally(), "\(region.code)")
            }
            // The plain reference calculation from the stored records gives every figure of every split, for every region.
            var familiesByVillage: [RegionCode: [ReferenceCalculator.Family]] = [:]
            for family in try await FamilyRecords.read(database, within: try RegionCode("52"), tree: tree) {
                let rural = tree[family.household.villageCode]?.level != .kelurahan
                familiesByVillage[family.household.villageCode, default: []].append(.init(household: family.household, members: family.members, rural: rural))
            }
            #expect(familiesByVillage.values.reduce(0) { $0 + $1.count } == regions["52"]?.families)
            for region in tree.all {
                let families = familiesByVillage.filter { region.code.contains($0.key) }.flatMap(\.value)
                let reference = ReferenceCalculator.figures(of: families, asOf: options.asOf).filter { !$0.value.isEmpty }
                let computed = ReferenceCalculator.figures(of: IndicatorCatalogue.all.map { $0.value(in: totals[region.code]) }).filter { !$0.value.isEmpty }
                #expect(computed == reference, "\(region.code)")
            }
            let report = RegionIndicators.compute(for: tree[try RegionCode("52.03")]!, totals: totals)
            let desil1 = try #require(report.region.values.first { $0.indicator == "desil1_families" })
            let truthTally = try #require(regions["52.03"])
            #expect(desil1.count == truthTally.familiesByDesil[0].total && desil1.denominator == truthTally.families)
            let women = try #require(desil1.group("head_sex", "female"))
            #expect(women.count == truthTally.familiesByDesil[0].count(dimension: 0, group: 1)
                    && women.denominator == truthTally.allFamilies.count(dimension: 0, group: 1))
            #expect(report.children.count == 21)
        }
    }
}

@Suite struct IndicatorCatalogueTests {
    @Test func rates_count_over_their_denominator_and_split_by_sex_age_and_disability() {
        var tally = RegionTally()
        tally.add(household: Household(kkNumber: "k", villageCode: try! RegionCode("52.03.01.2001"), desil: 1, housing: Housing(floor: .earth)),
                  members: [Person(nik: "1", name: "a", sex: .female, birthDate: CalendarDate(year: 1950, month: 1, day: 1), relationship: .head),
                            Person(nik: "2", name: "b", sex: .male, birthDate: CalendarDate(year: 2022, month: 1, day: 1), relationship: .child)],
                  asOf: CalendarDate(year: 2025, month: 6, day: 30)!, rural: true)
        let elderly = IndicatorCatalogue.indicator("elderly")!.value(in: tally)
        #expect(elderly.count == 1 && elderly.denominator == 2 && elderly.percent == 50)
        #expect(elderly.group("sex", "female")?.count == 1 && elderly.group("sex", "female")?.percent == 100 && elderly.group("sex", "male")?.percent == 0)
        #expect(elderly.group("age_band", "60+") == nil, "an age split of the elderly says nothing")
        #expect(elderly.group("disability", "without")?.count == 1)
        let families = IndicatorCatalogue.indicator("desil1_families")!.value(in: tally)
        #expect(families.group("elderly_member", "with")?.count == 1 && families.group("child_member", "with")?.percent == 100)
        #expect(IndicatorCatalogue.indicator("disability")!.disaggregations == ["sex", "age_band"])
        #expect(IndicatorCatalogue.indicator("female_headed")!.value(in: tally).percent == 100)
        #expect(IndicatorCatalogue.indicator("unfit_housing")!.value(in: tally).count == 1)
        #expect(IndicatorCatalogue.indicator("out_of_school")!.value(in: RegionTally()).percent == nil)
        #expect(Set(IndicatorCatalogue.all.map(\.id)).count == IndicatorCatalogue.all.count)
    }
}
