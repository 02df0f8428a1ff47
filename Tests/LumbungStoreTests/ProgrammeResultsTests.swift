import Foundation
import LumbungDomain
import LumbungReference
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Programme results (issue 16 item 4) on the enrolments of `CoveragePeriodTests`: SEMBAKO-LOTIM reaches families 1 and 3
/// (both in Tanjung Luar 52.03.01.2001) in 2024 and family 2 (Tanjung Luar) in 2025. Capaian worked out by hand.
@Suite struct ProgrammeResultsTests {
    static let tree = RegionTree(try! ReferenceData.regions())

    @Test(arguments: TestDatabase.engines)
    func realisasi_is_counted_from_the_enrolments_of_the_year_or_taken_as_reported(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            _ = try await CoveragePeriodTests.setUp(database)
            let store = ProgrammeTargetStore(database: database)
            let (tanjung, pijot, keruak) = (try RegionCode("52.03.01.2001"), try RegionCode("52.03.01.2002"), try RegionCode("52.03.01"))
            try await store.save([
                ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: tanjung, year: 2024, target: 4),
                ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: tanjung, year: 2025, target: 2),
                ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: pijot, year: 2024, target: 1),
                ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: keruak, year: 2025, target: 2, entered: 3),
            ], by: "uji")
            // Tanjung Luar 2024: 2 of 4 = 50 % (sangat rendah: not above 50); 2025: 1 of 2 = 50 %; Pijot 2024: 0 of 1 = 0 %;
            // Keruak 2025: reported 3 of 2 = 150 %.
            let full = try await store.results(of: "SEMBAKO-LOTIM", tree: Self.tree, restricted: false)
            #expect(full.map { "\($0.year) \($0.region)" } == ["2024 52.03.01.2001", "2024 52.03.01.2002", "2025 52.03.01", "2025 52.03.01.2001"])
            #expect(full.map(\.target) == [4, 1, 2, 2])
            #expect(full.map(\.realisation) == [2, 0, 3, 1])
            #expect(full.map(\.source) == [.enrolments, .enrolments, .entered, .enrolments])
            #expect(full.map(\.capaian) == [50, 0, 150, 50])
            #expect(full.map(\.band) == ["Sangat rendah", "Sangat rendah", "Sangat tinggi", "Sangat rendah"])
            #expect(full[0].name == "Tanjung Luar")
            // Partners and viewers: a counted 1–4 is withheld with its capaian; 0 and reported figures stay.
            let restricted = try await store.results(of: "SEMBAKO-LOTIM", tree: Self.tree, restricted: true)
            #expect(restricted.map(\.realisation) == [nil, 0, 3, nil])
            #expect(restricted.map(\.capaian) == [nil, 0, 150, nil])
            // Within Pijot only its own target.
            #expect(try await store.results(of: "SEMBAKO-LOTIM", within: pijot, tree: Self.tree, restricted: false).map(\.region) == ["52.03.01.2002"])
            // A target set again replaces the old one.
            try await store.save([ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: tanjung, year: 2024, target: 2)], by: "uji")
            #expect(try await store.results(of: "SEMBAKO-LOTIM", within: tanjung, tree: Self.tree, restricted: false).first?.capaian == 100)
            // Refusals, nothing of the change kept.
            await #expect(throws: ProgrammeProblem.programmeUnknown("ENTAH")) {
                try await store.save([ProgrammeTarget(programme: "ENTAH", region: tanjung, year: 2025, target: 1)], by: "uji")
            }
            await #expect(throws: MonitoringProblem.regionUnknown("52.03.99")) {
                try await store.save([ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: pijot, year: 2026, target: 9),
                                      ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: try RegionCode("52.03.99"), year: 2026, target: 1)], by: "uji")
            }
            await #expect(throws: MonitoringProblem.valueNegative(-1)) {
                try await store.save([ProgrammeTarget(programme: "SEMBAKO-LOTIM", region: pijot, year: 2026, target: -1)], by: "uji")
            }
            #expect(try await store.targets(of: "SEMBAKO-LOTIM").count == 4)
        }
    }
}
