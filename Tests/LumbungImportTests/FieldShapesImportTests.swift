import Foundation
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import Testing

/// The shapes real systems write — a per-person extract with no family file, a village system's export without
/// region columns, a BDT-2015 sheet with split BPS codes, a Regsosek-style workbook of several sheets — written by
/// the generator from the layout descriptions (not from the importer's assumptions) and imported with `auto`:
/// every desa, kecamatan and the kabupaten hold the figures truth.json states (families by head's sex, children,
/// elderly, disability and desil; people by sex, age band and disability), the dead and the moved left out.
@Suite struct FieldShapesImportTests {
    /// Lombok Utara: the smallest kabupaten, so every shape imports quickly.
    static let regency = "52.08"

    /// The figures compared, from a tally.
    struct Figures: Equatable, CustomStringConvertible {
        var families = 0, femaleHeaded = 0, withChild = 0, withElderly = 0, withDisabledMember = 0
        var desil: [Int] = []
        var people = 0, male = 0, female = 0, disabled = 0
        var bands: [Int] = []

        init(_ tally: RegionTally) {
            families = tally.families
            femaleHeaded = tally.femaleHeadedFamilies.total
            withChild = tally.allFamilies.count(dimension: 3, group: 1)
            withElderly = tally.allFamilies.count(dimension: 2, group: 1)
            withDisabledMember = tally.allFamilies.count(dimension: 1, group: 1)
            desil = tally.familiesByDesil.map(\.total)
            people = tally.people
            male = tally.population.male
            female = tally.population.female
            disabled = tally.disabled.total
            bands = AgeBand.allCases.map { tally.population.count(band: $0) }
        }

        var description: String {
            "families \(families) (female-headed \(femaleHeaded), child \(withChild), elderly \(withElderly), disabled \(withDisabledMember), desil \(desil)); people \(people) (m \(male) f \(female), disabled \(disabled), bands \(bands))"
        }
    }

    static let cases: [(Database.Engine, SynthFormat, SynthLayout)] = TestDatabase.engines.flatMap { engine in
        [(engine, .csv, .dtsenART), (engine, .xlsx, .dtsenART), (engine, .xlsx, .desaPenduduk), (engine, .csv, .bdt2015),
         (engine, .xlsx, .regsosek), (engine, .csv, .regsosek)]
    }

    @Test(arguments: cases)
    func a_field_shape_imports_with_the_truths_figures_for_every_region(engine: Database.Engine, format: SynthFormat, layout: SynthLayout) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("field-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = GeneratorOptions(scale: 0.002, seed: 17, format: format, layouts: [layout])
        _ = try await PopulationGenerator(options: options).generate(into: folder)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
        let compact = Self.regency.replacingOccurrences(of: ".", with: "")
        let files = try #require(truth.layouts[layout.rawValue]?.files).map(\.name)
            .filter { $0.contains("-" + compact) && !$0.contains("-program") }
        let names = Array(Set(files)).sorted { Self.order($0) < Self.order($1) }
        #expect(!names.isEmpty)
        let tree = RegionTree(try ReferenceData.regions())
        try await TestDatabase.with(engine) { database in
            let job = ImportJob(database: database, references: ImportFixtures.references)
            for name in names {
                var importOptions = ImportFixtures.options()
                if layout == .desaPenduduk {
                    let digits = name.split(separator: "-").last.map { $0.split(separator: ".")[0] } ?? ""
                    importOptions.village = try RegionCode(String(digits))
                }
                let report = try await job.run(folder.appendingPathComponent(name), options: importOptions)
                #expect(report.rowsRead == report.inserted + report.updated + report.unchanged + report.merged + report.rejected + report.skipped,
                        "\(name)")
            }
            let villages = try await VillageAggregateStore(database: database).fetchTallies(within: try RegionCode(Self.regency))
            let expected = try #require(truth.layouts[layout.rawValue]?.regions)
            let regency = try RegionCode(Self.regency)
            for region in tree.all where regency.contains(region.code) {
                let want = Figures(expected[region.code.dotted] ?? RegionTally())
                let stored = villages.filter { region.code.contains($0.key) }.values.reduce(into: RegionTally()) { $0.merge($1) }
                #expect(Figures(stored) == want, "\(layout.rawValue) \(format) \(region.code)")
            }
        }
    }

    /// Families before members: the Regsosek CSV sheets are separate files (places, housing, members).
    static func order(_ name: String) -> Int {
        if name.contains("-tempat") { return 0 }
        if name.contains("-perumahan") { return 1 }
        if name.contains("-anggota") { return 2 }
        return 3
    }
}
