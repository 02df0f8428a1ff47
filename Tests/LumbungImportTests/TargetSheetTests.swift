import Foundation
import LumbungDomain
import LumbungImport
import LumbungReference
import LumbungSheets
import LumbungStore
import LumbungTestSupport
import SQLKit
import Testing

/// Baselines and targets from a sheet: good rows become plans, bad rows are named by row and column in Bahasa
/// Indonesia, and a file with any bad row writes nothing. Sheets written here by hand.
@Suite struct TargetSheetTests {
    static let tree = RegionTree(try! ReferenceData.regions())

    static let good = """
        Kode Wilayah;Indikator;Tahun;Baseline;Target;Sumber
        52.03;desil1_families;2024;21,5;;DTSEN 2024
        52.03;desil1_families;2025;;19,75;
        52.03;desil1_families;2026;;18;
        52.03.01;unfit_housing;2025;;1.250;
        """

    static let bad = """
        kode_wilayah,indikator,tahun,baseline,target
        52.03,desil1_families,2024,21.5,
        52.03,kemiskinan_ekstrem,2025,,3
        52.99,desil1_families,2025,,19
        52.03.01,desil1_families,2025,,dua belas
        52.03.02,unfit_housing,2027,30,
        52.03.02,unfit_housing,2026,,28
        52.03.02,unfit_housing,20x6,,28
        """

    @Test func good_rows_become_plans() throws {
        let url = try ImportBehaviourTests.write(Self.good, name: "target.csv")
        let sheet = try TargetSheet.read(url, tree: Self.tree)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        let plans = sheet.plans
        #expect(plans.count == 2)
        #expect(plans[0] == TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03"),
                                       baseline: Baseline(value: 21.5, year: 2024, source: "DTSEN 2024"), targets: [2025: 19.75, 2026: 18]))
        #expect(plans[1] == TargetPlan(indicator: "unfit_housing", region: try RegionCode("52.03.01"), targets: [2025: 1250]))
    }

    @Test func bad_rows_are_named_by_row_and_column() throws {
        let url = try ImportBehaviourTests.write(Self.bad, name: "target-salah.csv")
        let sheet = try TargetSheet.read(url, tree: Self.tree)
        let messages = sheet.problems.map(\.description)
        #expect(messages.contains("Baris 3, kolom 'indikator': Indikator 'kemiskinan_ekstrem' tidak dikenal: lihat daftar indikator di /api/v1/indicators."), "\(messages)")
        #expect(messages.contains("Baris 4, kolom 'kode_wilayah': Wilayah '52.99' tidak dikenal: tulis kode Kemendagri bertitik (mis. 52.03 atau 52.03.01)."))
        #expect(messages.contains("Baris 5, kolom 'target': 'dua belas' bukan angka: tulis nilainya saja (mis. 12,5)."))
        #expect(messages.contains("Baris 6: Tahun baseline 2027 tidak boleh sesudah tahun target 2026. (target di baris 7)"))
        #expect(messages.contains("Baris 8, kolom 'tahun': '20x6' bukan tahun: tulis empat angka (mis. 2025)."))
        #expect(messages.count == 5)
    }

    @Test func numbers_as_people_type_them() {
        #expect(TargetSheet.number(.text("12,5")) == 12.5)
        #expect(TargetSheet.number(.text("12.5")) == 12.5)
        #expect(TargetSheet.number(.text("1.234")) == 1234)
        #expect(TargetSheet.number(.text("1.234,5")) == 1234.5)
        #expect(TargetSheet.number(.text("12,5 %")) == 12.5)
        #expect(TargetSheet.number(.number("7.25")) == 7.25)
        #expect(TargetSheet.number(.text("dua")) == nil && TargetSheet.number(.text("1e400")) == nil && TargetSheet.number(.text("")) == nil)
    }

    @Test(arguments: TestDatabase.engines)
    func saving_is_all_or_nothing(engine: Database.Engine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = TargetStore(database: database)
            let url = try ImportBehaviourTests.write(Self.good, name: "target.csv")
            let plans = try TargetSheet.read(url, tree: Self.tree).plans
            try await store.save(plans, by: "uji")
            #expect(try await store.plans() == plans)

            // A later target before the stored baseline year, together with a fine change: neither is kept.
            let fine = TargetPlan(indicator: "unfit_housing", region: try RegionCode("52.03.01"), targets: [2026: 1100])
            let early = TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03"), targets: [2023: 22])
            await #expect(throws: MonitoringProblem.baselineAfterTarget(baselineYear: 2024, targetYear: 2023)) {
                try await store.save([fine, early], by: "uji")
            }
            #expect(try await store.plans() == plans)
            await #expect(throws: MonitoringProblem.indicatorUnknown("nope")) {
                try await store.save([TargetPlan(indicator: "nope", region: try RegionCode("52.03"), targets: [2025: 1])], by: "uji")
            }
            await #expect(throws: MonitoringProblem.regionUnknown("52.99")) {
                try await store.save([TargetPlan(indicator: "unfit_housing", region: try RegionCode("52.99"), targets: [2025: 1])], by: "uji")
            }
            // A new target for an existing year replaces it; the others stay.
            try await store.save([TargetPlan(indicator: "desil1_families", region: try RegionCode("52.03"), targets: [2025: 19])], by: "uji")
            #expect(try await store.plan(indicator: "desil1_families", region: try RegionCode("52.03")).targets == [2025: 19, 2026: 18])
            #expect(try await store.plans(within: try RegionCode("52.03.01")).map(\.indicator) == ["unfit_housing"])
        }
    }
}
