import LumbungDomain
import Testing

/// Capaian, score bands and derived targets against figures worked out by hand (domain.md §5.4).
@Suite struct MonitoringTests {
    @Test(arguments: [
        // (realisasi, target, expected %) — higher is better: realisasi ÷ target × 100.
        (80.0, 100.0, 80.0), (45.0, 40.0, 112.5), (0.0, 50.0, 0.0),
    ])
    func capaian_when_higher_is_better(realisation: Double, target: Double, expected: Double) throws {
        let got = try #require(Achievement.percent(realisation: realisation, target: target, direction: .higherIsBetter))
        #expect(abs(got - expected) < 1e-9)
    }

    @Test(arguments: [
        // Lower is better: (2 × target − realisasi) ÷ target × 100.
        // target 10, realisasi 12: (20 − 12) / 10 = 80 %; realisasi 8: (20 − 8) / 10 = 120 %; exactly the target: 100 %;
        // target 4, realisasi 10: (8 − 10) / 4 = −50 %; target 12,5, realisasi 13,75: (25 − 13,75) / 12,5 = 90 %.
        (12.0, 10.0, 80.0), (8.0, 10.0, 120.0), (10.0, 10.0, 100.0), (10.0, 4.0, -50.0), (13.75, 12.5, 90.0),
    ])
    func capaian_when_lower_is_better(realisation: Double, target: Double, expected: Double) throws {
        let got = try #require(Achievement.percent(realisation: realisation, target: target, direction: .higherIsWorse))
        #expect(abs(got - expected) < 1e-9)
    }

    @Test func a_target_of_zero_gives_no_capaian() {
        #expect(Achievement.percent(realisation: 3, target: 0, direction: .higherIsWorse) == nil)
        #expect(Achievement.percent(realisation: 3, target: 0, direction: .higherIsBetter) == nil)
    }

    @Test(arguments: [
        (100.0, "Sangat tinggi"), (91.0, "Sangat tinggi"), (90.5, "Sangat tinggi"), (90.0, "Tinggi"), (76.0, "Tinggi"), (75.0, "Sedang"),
        (66.0, "Sedang"), (65.0, "Rendah"), (51.0, "Rendah"), (50.0, "Sangat rendah"), (-20.0, "Sangat rendah"), (130.0, "Sangat tinggi"),
    ])
    func the_standard_bands(percent: Double, name: String) {
        #expect(ScoreBands.standard.band(of: percent).name == name)
    }

    @Test func bands_are_configurable() throws {
        let bands = try #require(ScoreBands.parse("85:Memuaskan, 70:Sangat baik, 55:Baik, 30:Cukup, 0:Kurang"))
        #expect(bands.band(of: 86).name == "Memuaskan" && bands.band(of: 86).light == .green)
        #expect(bands.band(of: 85).name == "Sangat baik")
        #expect(bands.band(of: 30.5).name == "Cukup")
        #expect(bands.band(of: 30).name == "Kurang" && bands.band(of: -5).name == "Kurang" && bands.band(of: -5).light == .red)
        #expect(ScoreBands.parse("") == nil)
        #expect(ScoreBands.parse("50:Rendah,90:Tinggi") == nil, "best first")
        #expect(ScoreBands.parse("90:Tinggi,lima puluh:Rendah") == nil)
        #expect(ScoreBands.parse("90:Tinggi,90:Rendah") == nil)
    }

    @Test func targets_derived_from_the_baseline_fall_by_a_share_each_year() throws {
        // 20 % in 2024, turun 10 % per tahun: 18 (2025), 16,2 (2026), 14,58 (2027).
        let targets = try TargetPlan.derived(from: Baseline(value: 20, year: 2024, source: "DTSEN"), reducingBy: 10, through: 2027)
        #expect(targets.keys.sorted() == [2025, 2026, 2027])
        #expect(abs(targets[2025]! - 18) < 1e-9 && abs(targets[2026]! - 16.2) < 1e-9 && abs(targets[2027]! - 14.58) < 1e-9)
        #expect(throws: MonitoringProblem.reductionOutOfRange(120)) {
            try TargetPlan.derived(from: Baseline(value: 20, year: 2024, source: ""), reducingBy: 120, through: 2027)
        }
    }

    @Test func a_baseline_after_its_targets_is_a_problem() throws {
        let code = try RegionCode("52.03")
        let plan = TargetPlan(indicator: "desil1_families", region: code, baseline: Baseline(value: 20, year: 2026, source: ""), targets: [2025: 18, 2027: 16])
        #expect(plan.problems == [.baselineAfterTarget(baselineYear: 2026, targetYear: 2025)])
        #expect(plan.problems[0].description == "Tahun baseline 2026 tidak boleh sesudah tahun target 2025.")
        let fine = TargetPlan(indicator: "desil1_families", region: code, baseline: Baseline(value: 20, year: 2024, source: ""), targets: [2024: 20, 2025: 18])
        #expect(fine.problems.isEmpty)
    }

    @Test func snapshot_names() {
        #expect(SnapshotName("rilis-2025_1.b")?.value == "rilis-2025_1.b")
        #expect(SnapshotName("  tw3  ")?.value == "tw3")
        #expect(SnapshotName("") == nil && SnapshotName("a b") == nil && SnapshotName("x/../y") == nil && SnapshotName("rilis?x=1") == nil)
        #expect(SnapshotName(String(repeating: "a", count: 65)) == nil)
    }

    @Test func decimals_are_written_the_indonesian_way() {
        #expect(IndonesianNumber.decimal(12.5) == "12,5")
        #expect(IndonesianNumber.decimal(1234) == "1.234")
        #expect(IndonesianNumber.decimal(14.58) == "14,58")
        #expect(IndonesianNumber.decimal(0.333) == "0,33")
        #expect(IndonesianNumber.decimal(0.05) == "0,05")
        #expect(IndonesianNumber.decimal(-2.5) == "-2,5")
    }

    @Test func diff_levels() throws {
        #expect(try DiffLevel.parse("Kecamatan") == .kecamatan)
        #expect(throws: MonitoringProblem.diffLevelUnknown("provinsi")) { try DiffLevel.parse("provinsi") }
    }
}
