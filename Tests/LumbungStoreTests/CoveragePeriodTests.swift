import Foundation
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Coverage within a period, on the five families of `ProgrammeFixtures` and two food programmes of two organisations
/// whose enrolments fall in 2024 and 2025; every expected figure is worked out by hand in the comments.
@Suite struct CoveragePeriodTests {
    static let actor = AuditActor(name: "tester", address: nil)

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// SEMBAKO-LOTIM (Dinas, pangan, from 2024, open-ended): family 1 received 2024-06-15, family 2 received 2025-03-01,
    /// family 3 (desil 7) listed for TAHUN 2024 without a date. PANGAN-LSM (LSM, pangan, 2025 only): family 1 with neither
    /// date nor year (its programme's period: 2025), family 4 listed for 2025.
    static func setUp(_ database: Database) async throws -> ProgrammeStore {
        try await ProgrammeFixtures.registry(database)
        let store = ProgrammeStore(database: database)
        let dinas = try await store.addOrganisation(Organisation(name: "Dinas Sosial Lombok Timur", kind: .dinasSosial), by: actor)
        let lsm = try await store.addOrganisation(Organisation(name: "LSM Pangan", kind: .ngo), by: actor)
        _ = try await store.add(Programme(code: ProgrammeCode("SEMBAKO-LOTIM")!, name: "Sembako Pemda", organisationID: dinas.id, sectors: [.food],
                                          unit: .family, start: day("2024-01-01"), targetRegions: [try RegionCode("52.03")]), by: actor)
        _ = try await store.add(Programme(code: ProgrammeCode("PANGAN-LSM")!, name: "Paket Pangan", organisationID: lsm.id, sectors: [.food],
                                          unit: .family, start: day("2025-01-01"), end: day("2025-12-31"), targetRegions: [try RegionCode("52.03")]), by: actor)
        let lists: [(String, [BeneficiaryEntry])] = [
            ("SEMBAKO-LOTIM", [BeneficiaryEntry(row: 2, kkNumber: "5203010101200001", receivedOn: day("2024-06-15")),
                               BeneficiaryEntry(row: 3, kkNumber: "5203010101200002", receivedOn: day("2025-03-01")),
                               BeneficiaryEntry(row: 4, kkNumber: "5203010101200003", period: "2024")]),
            ("PANGAN-LSM", [BeneficiaryEntry(row: 2, kkNumber: "5203010101200001"), BeneficiaryEntry(row: 3, kkNumber: "5203010101200004", period: "2025")]),
        ]
        for (code, entries) in lists {
            let info = EnrolmentListInfo(batch: ImportBatchInfo(layout: "penerima-program", fileName: "\(code).csv", sha256: code, dryRun: false,
                                                                asOf: day("2025-06-30")), programme: ProgrammeCode(code))
            _ = try await store.importEnrolments(info) { writer in
                try await writer.add(entries)
                return ([], BatchCounts(read: entries.count, warned: 0, rejected: 0))
            }
        }
        return store
    }

    struct Figures: Equatable {
        var reached: [String: Int]
        var duplicated: Int
        var eligibleUnreached: Int
        var desil1Unreached: Int
    }

    static func figures(_ store: ProgrammeStore, _ period: CoveragePeriod?) async throws -> Figures {
        var total = CoverageTally()
        for tally in try await store.coverageByVillage(within: try RegionCode("52.03"), period: period).values { total.merge(tally) }
        return Figures(reached: total.familiesReached, duplicated: total.duplicatedAidFamilies, eligibleUnreached: total.eligibleUnreachedFamilies,
                       desil1Unreached: total.desil1UnreachedFamilies)
    }

    @Test(arguments: TestDatabase.engines)
    func enrolments_outside_the_period_are_not_counted(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = try await Self.setUp(database)
            // Families in desil 1–4: 1, 2 (desil 1), 4 (desil 3), 5 (desil 2).
            // All time: SEMBAKO {1, 2, 3}, PANGAN {1, 4}; family 1 gets food from both organisations; only 5 is missed.
            #expect(try await Self.figures(store, nil) == Figures(reached: ["SEMBAKO-LOTIM": 3, "PANGAN-LSM": 2], duplicated: 1, eligibleUnreached: 1, desil1Unreached: 0))
            // 2024: SEMBAKO {1 (received 2024-06-15), 3 (TAHUN 2024)}; PANGAN runs only in 2025. Missed: 2, 4, 5; desil 1: family 2.
            #expect(try await Self.figures(store, CoveragePeriod("2024")) == Figures(reached: ["SEMBAKO-LOTIM": 2], duplicated: 0, eligibleUnreached: 3, desil1Unreached: 1))
            // 2025: SEMBAKO {2}; PANGAN {1, 4}. Missed: 5.
            #expect(try await Self.figures(store, CoveragePeriod("2025")) == Figures(reached: ["SEMBAKO-LOTIM": 1, "PANGAN-LSM": 2], duplicated: 0, eligibleUnreached: 1, desil1Unreached: 0))
            // 2024-06-01 … 2025-02-28: SEMBAKO {1, 3} (family 2 received in March); PANGAN {1 (its programme runs then), 4 (TAHUN 2025 touches the period)}.
            let span = try #require(CoveragePeriod(from: Self.day("2024-06-01"), to: Self.day("2025-02-28")))
            #expect(try await Self.figures(store, span) == Figures(reached: ["SEMBAKO-LOTIM": 2, "PANGAN-LSM": 2], duplicated: 1, eligibleUnreached: 2, desil1Unreached: 1))
            // A month with nothing received and no programme-only enrolment of its own: 2023-05 (before both programmes).
            #expect(try await Self.figures(store, CoveragePeriod("2023-05")) == Figures(reached: [:], duplicated: 0, eligibleUnreached: 4, desil1Unreached: 2))
        }
    }
}
