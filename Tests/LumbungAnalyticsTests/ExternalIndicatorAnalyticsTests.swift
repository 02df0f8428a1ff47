import LumbungAnalytics
import LumbungDomain
import LumbungStore
import Testing

/// External indicators in the ranking (an optional component: an area without a value is stated, not scored 0) and in
/// Pemantauan (capaian from the newest value), against figures worked out by hand in the comments.
@Suite struct ExternalIndicatorAnalyticsTests {
    static let stunting = ExternalIndicator(id: "stunting_dinkes", name: "Prevalensi stunting", unit: .perMille, direction: .higherIsWorse,
                                            source: "Dinkes")

    @Test func an_area_without_a_published_value_is_missing_not_zero() throws {
        // Desil 1: A 10 %, B 60 %, C 30 %, D 50 % → normalised 0, 1, 0.4, 0.8.
        // Stunting 400 ‰, 100 ‰, none, 200 ‰ = 40 %, 10 %, –, 20 % → normalised 1, 0, missing, 1/3 (higher is worse).
        // Scores (weights 1 and 1, over the components each area has): A 50, B 50, C 40 (desil only), D (0.8 + 1/3)/2 = 56.67.
        let areas = [PriorityRankingTests.area("52.03.01.2001", desil1: 1, families: 10), PriorityRankingTests.area("52.03.01.2002", desil1: 6, families: 10),
                     PriorityRankingTests.area("52.03.01.2003", desil1: 3, families: 10), PriorityRankingTests.area("52.03.01.2004", desil1: 5, families: 10)]
        let values: [RegionCode: Double] = [try RegionCode("52.03.01.2001"): 400, try RegionCode("52.03.01.2002"): 100, try RegionCode("52.03.01.2004"): 200]
        let weights = try PriorityRanking.parseWeights("desil1_families:1,stunting_dinkes:1", external: [Self.stunting])
        let ranking = PriorityRanking(areas: areas, weights: weights, trials: 0, given: ["stunting_dinkes": .init(Self.stunting, values: values)])
        #expect(ranking.rows.map(\.code) == ["52.03.01.2004", "52.03.01.2001", "52.03.01.2002", "52.03.01.2003"])
        #expect(ranking.rows.map(\.score) == [56.67, 50, 50, 40])
        let c = try #require(ranking.rows.last)
        #expect(c.missing == ["stunting_dinkes"] && c.withheld.isEmpty)
        #expect(c.components[1].percent == nil && c.components[1].normalized == nil && c.components[1].contribution == nil)
        let a = try #require(ranking.rows.first { $0.code == "52.03.01.2001" })
        #expect(a.missing.isEmpty && a.components[1].percent == 40 && a.components[1].normalized == 1 && a.components[1].count == nil)
        // Without the external weight nothing is missing.
        let plain = PriorityRanking(areas: areas, weights: [.init(indicator: "desil1_families", weight: 1)], trials: 0)
        #expect(plain.rows.allSatisfy { $0.missing.isEmpty })
    }

    @Test func weights_name_external_rates_only() {
        let people = ExternalIndicator(id: "balita_stunting", name: "Balita stunting", unit: .people, direction: .higherIsWorse, source: "Dinkes")
        #expect(throws: PriorityRanking.WeightError.unknownIndicator("balita_stunting")) { try PriorityRanking.parseWeights("balita_stunting:1", external: [people]) }
        #expect(throws: PriorityRanking.WeightError.unknownIndicator("stunting_dinkes")) { try PriorityRanking.parseWeights("stunting_dinkes:1") }
    }

    @Test func capaian_comes_from_the_newest_value_and_a_region_without_one_has_none() throws {
        let keruak = Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan)
        let desa = ["2001": "Tanjung Luar", "2002": "Pijot", "2003": "Selebung Ketangga"].map {
            Region(code: try! RegionCode("52.03.01." + $0.key), name: $0.value, level: .desa)
        }
        let tree = RegionTree([Region(code: try RegionCode("52"), name: "NTB", level: .provinsi),
                               Region(code: try RegionCode("52.03"), name: "Lombok Timur", level: .kabupaten), keruak] + desa)
        let percent = ExternalIndicator(id: "stunting_dinkes", name: "Prevalensi stunting", unit: .percent, direction: .higherIsWorse, source: "Dinkes")
        func value(_ region: String, _ period: String, _ value: Double) -> ExternalIndicatorStore.StoredValue {
            .init(indicator: "stunting_dinkes", region: region, period: period, value: value, source: "Dinkes")
        }
        let values = [value("52.03.01", "2023", 30), value("52.03.01", "2024", 25), value("52.03.01.2001", "2024", 27.5), value("52.03.01.2002", "2024", 18)]
        let plans = [TargetPlan(indicator: "stunting_dinkes", region: keruak.code, baseline: Baseline(value: 30, year: 2023, source: "Dinkes"), targets: [2024: 24]),
                     TargetPlan(indicator: "stunting_dinkes", region: try RegionCode("52.03.01.2001"), targets: [2024: 25]),
                     TargetPlan(indicator: "stunting_dinkes", region: try RegionCode("52.03.01.2002"), targets: [2024: 20])]
        let report = ProgressReport(external: percent, region: keruak, tree: tree, values: values, plans: plans, bands: .standard, fallbackYear: 2026, restricted: false)
        // Lower is better: (2 × target − realisasi) ÷ target × 100.
        // Keruak (48 − 25) / 24 = 95,83 %; Tanjung Luar (50 − 27,5) / 25 = 90 %; Pijot (40 − 18) / 20 = 110 %; Selebung Ketangga none.
        #expect(report.year == 2024)
        #expect(report.trend.map(\.value) == [30, 25] && report.trend.map(\.date) == ["2023-12-31", "2024-12-31"])
        #expect(abs((report.overall.capaian ?? 0) - 2300.0 / 24) < 1e-9)
        #expect(report.overall.band?.name == "Sangat tinggi")
        #expect(report.children.map(\.code) == ["52.03.01.2001", "52.03.01.2002", "52.03.01.2003"])
        let capaian = report.children.map(\.capaian)
        #expect(abs((capaian[0] ?? 0) - 90) < 1e-9 && abs((capaian[1] ?? 0) - 110) < 1e-9 && capaian[2] == nil)
        #expect(report.children[0].band?.name == "Tinggi")
        #expect(report.children[2].value == nil && report.children[2].valueText == "tidak ada data")
        #expect(report.plan.baseline?.value == 30)
    }
}
