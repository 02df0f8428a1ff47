import Foundation
import LumbungDomain
import LumbungReference
import LumbungSynth
import Testing

/// The generated province looks like NTB: every village populated, kabupaten sizes and poverty as published.
@Suite struct PopulationShapeTests {
    @Test func every_desa_and_kelurahan_has_families_even_at_a_tiny_scale() async throws {
        let (_, truth) = try await GeneratedFolders.shared.folder()
        let regions = try #require(truth.layouts["dtsen"]?.regions)
        let tree = RegionTree(try ReferenceData.regions())
        for village in tree.descendants(of: try RegionCode("52"), depth: 4) {
            #expect((regions[village.code.dotted]?.families ?? 0) >= 1, "\(village.code)")
        }
    }

    @Test func kabupaten_follow_the_dukcapil_count_and_their_poverty_rate() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID())")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try await PopulationGenerator(options: GeneratorOptions(scale: 0.02, layouts: [.dtsen], faultRates: .none)).generate(into: url)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        let poverty = try ReferenceData.regionStatistics().filter { $0.year == 2024 && $0.code.depth == 2 }
        for figure in poverty {
            let tally = truth.layouts["dtsen"]!.regions[figure.code.dotted]!
            let expected = Double(figure.registeredPopulation!) * 0.02
            #expect(abs(Double(tally.people) - expected) / expected < 0.02, "\(figure.code): \(tally.people) vs \(expected)")
            let share = Double(tally.familiesByDesil[0].total) / Double(tally.families)
            #expect(abs(share - figure.povertyRatePercent! / 100) < 0.025, "\(figure.code): \(share)")
        }
        // Female-headed families exist, and so do elderly people living alone and children out of school.
        let province = truth.layouts["dtsen"]!.regions["52"]!
        #expect((0.08...0.25).contains(Double(province.femaleHeadedFamilies.total) / Double(province.families)))
        #expect(province.elderlyLivingAlone.total > 0 && province.outOfSchool7to18.total > 0)
        #expect((0.01...0.05).contains(Double(province.disabled.total) / Double(province.people)))
    }
}
