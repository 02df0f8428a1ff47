import LumbungAnalytics
import LumbungDomain
import Testing

@Suite struct PriorityRankingTests {
    static func area(_ code: String, desil1: Int, families: Int) -> (region: Region, tally: RegionTally) {
        var tally = RegionTally()
        for index in 0..<families {
            tally.add(household: Household(kkNumber: "\(index)", villageCode: try! RegionCode(code), desil: index < desil1 ? 1 : 7, housing: Housing()),
                      members: [], asOf: CalendarDate(year: 2025, month: 6, day: 30)!, rural: true)
        }
        return (Region(code: try! RegionCode(code), name: code, level: .desa), tally)
    }

    @Test func the_poorest_area_ranks_first_with_its_components_shown() {
        let areas = [Self.area("52.03.01.2001", desil1: 1, families: 10), Self.area("52.03.01.2002", desil1: 6, families: 10),
                     Self.area("52.03.01.2003", desil1: 3, families: 10)]
        let ranking = PriorityRanking(areas: areas, weights: [.init(indicator: "desil1_families", weight: 1)])
        #expect(ranking.rows.map(\.code) == ["52.03.01.2002", "52.03.01.2003", "52.03.01.2001"])
        #expect(ranking.rows[0].score == 100 && ranking.rows[2].score == 0)
        #expect(ranking.rows[1].components[0].percent == 30 && ranking.rows[1].components[0].count == 3)
        #expect(abs((ranking.rows[1].components[0].normalized ?? -1) - 0.4) < 0.001)
        // One indicator: varying its weight cannot change the order.
        #expect(ranking.rows.allSatisfy { $0.rankRange[0] == $0.rank && $0.rankRange[1] == $0.rank })
        #expect(ranking.stability.top == 3 && ranking.stability.stayedInTop == 3)
    }

    /// Finding 4a of issue 12: with `normalized` and `contribution` kept for a hidden component, a straight line
    /// through two visible rows gave every hidden count back.
    @Test func a_viewer_ranking_holds_nothing_of_a_hidden_component() throws {
        let areas = [Self.area("52.03.01.2001", desil1: 2, families: 10), Self.area("52.03.01.2002", desil1: 6, families: 10),
                     Self.area("52.03.01.2003", desil1: 5, families: 10), Self.area("52.03.01.2004", desil1: 9, families: 20)]
        let tree = RegionTree([Region(code: try RegionCode("52"), name: "NTB", level: .provinsi),
                               Region(code: try RegionCode("52.03"), name: "Lombok Timur", level: .kabupaten),
                               Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan)] + areas.map(\.region))
        let totals = RegionTotals(villages: Dictionary(uniqueKeysWithValues: areas.map { ($0.region.code, $0.tally) }), tree: tree)
        let plan = DisclosurePlan(totals: totals, province: try RegionCode("52"))
        let weights: [PriorityRanking.Weight] = [.init(indicator: "desil1_families", weight: 3), .init(indicator: "unfit_housing", weight: 1)]
        let ranking = PriorityRanking(areas: areas, weights: weights, disclosure: plan)
        let hidden = try #require(ranking.rows.first { $0.code == "52.03.01.2001" })
        let desil1 = hidden.components[0]
        #expect(desil1.count == nil && desil1.percent == nil && desil1.normalized == nil && desil1.contribution == nil && desil1.suppression == .small)
        #expect(hidden.withheld == ["desil1_families"])
        // Score minus the visible points leaves nothing to solve for.
        for row in ranking.rows {
            let points = row.components.compactMap(\.contribution).reduce(0, +)
            #expect(abs(row.score - points) < 0.02, "\(row.code)")
        }
        // Every visible normalised value lies on the line of the visible rates only.
        let visible = ranking.rows.compactMap { row in row.components[0].percent.map { ($0, row.components[0].normalized ?? -1) } }
        let low = visible.map(\.0).min()!, high = visible.map(\.0).max()!
        for (rate, normalized) in visible { #expect(abs(normalized - (rate - low) / (high - low)) < 0.001) }
        // The full-rights ranking still shows it.
        let full = PriorityRanking(areas: areas, weights: weights)
        #expect(full.rows.first { $0.code == "52.03.01.2001" }?.components[0].count == 2)
    }

    @Test func weights_parse_or_say_what_is_wrong() throws {
        #expect(try PriorityRanking.parseWeights("desil1_families:3, unfit_housing:1") == [
            .init(indicator: "desil1_families", weight: 3), .init(indicator: "unfit_housing", weight: 1)])
        #expect(throws: PriorityRanking.WeightError.unknownIndicator("kemiskinan")) { try PriorityRanking.parseWeights("kemiskinan:1") }
        #expect(throws: PriorityRanking.WeightError.negative("unfit_housing")) { try PriorityRanking.parseWeights("unfit_housing:-1") }
        #expect(throws: PriorityRanking.WeightError.allZero) { try PriorityRanking.parseWeights("unfit_housing:0") }
        #expect(throws: PriorityRanking.WeightError.unreadable("unfit_housing")) { try PriorityRanking.parseWeights("unfit_housing") }
    }
}

@Suite struct RegionSummaryTests {
    @Test func a_summary_states_size_poverty_against_the_parent_and_the_worst_areas() throws {
        let tree = RegionTree([
            Region(code: try RegionCode("52"), name: "Nusa Tenggara Barat", level: .provinsi),
            Region(code: try RegionCode("52.03"), name: "Kabupaten Lombok Timur", level: .kabupaten),
            Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan),
            Region(code: try RegionCode("52.03.01.2001"), name: "Tanjung Luar", level: .desa),
            Region(code: try RegionCode("52.03.01.2002"), name: "Pijot", level: .desa),
            Region(code: try RegionCode("52.01"), name: "Kabupaten Lombok Barat", level: .kabupaten),
            Region(code: try RegionCode("52.01.01"), name: "Gerung", level: .kecamatan),
            Region(code: try RegionCode("52.01.01.2002"), name: "Kebon Ayu", level: .desa),
        ])
        var villages: [RegionCode: RegionTally] = [:]
        // 30 families each (the smallest area compared, `ComparableArea`): 8, 2 and 1 of them in desil 1.
        for (code, desil1) in [("52.03.01.2001", 8), ("52.03.01.2002", 2), ("52.01.01.2002", 1)] {
            villages[try RegionCode(code)] = PriorityRankingTests.area(code, desil1: desil1, families: 30).tally
        }
        let totals = RegionTotals(villages: villages, tree: tree)
        let summary = RegionSummary(region: tree[try RegionCode("52.03.01")]!, totals: totals)
        // Keruak: 10 of 60 = 16,7 %; Tanjung Luar 8 of 30 = 26,7 %, Pijot 2 of 30 = 6,7 %.
        #expect(summary.id.hasPrefix("Kecamatan Keruak tercatat 0 jiwa dalam 60 keluarga. 16,7% keluarga berada di desil 1"))
        #expect(summary.id.contains("(Kabupaten Lombok Timur: 16,7% di desil 1)"))
        // The default ranking's order (desil 1 is the only need recorded): Tanjung Luar first, as the ranking page says, named
        // with the rates that give it its points (desil 1 and 1–4, both 8 of 30); Pijot, lowest on both, gets no points to name.
        #expect(summary.id.contains("Desa/Kelurahan paling prioritas menurut peringkat bawaan (sedikitnya 30 keluarga, laju disusutkan ke angka Kecamatan Keruak): Tanjung Luar (keluarga desil 1: 26,7%; keluarga desil 1–4: 26,7%), Pijot."))
        #expect(summary.en.contains("The desa/kelurahan ranked first by the default ranking (at least 30 families, rates shrunk toward Kecamatan Keruak's): Tanjung Luar (families in desil 1: 26.7%; families in desil 1–4: 26.7%), Pijot."))
        #expect(summary.en.contains("16.7% of families are in desil 1"))
        let empty = RegionSummary(region: tree[try RegionCode("52.01")]!, totals: RegionTotals(villages: [:], tree: tree))
        #expect(empty.id == "Belum ada data keluarga untuk Kabupaten Lombok Barat.")
        // Finding 4c of issue 12: "6 families, 33,3 % in desil 1" gave the hidden 2 back. A viewer gets no rate of a hidden count.
        let small = try RegionCode("52.01.01.2002")
        var six: [RegionCode: RegionTally] = villages
        six[small] = PriorityRankingTests.area("52.01.01.2002", desil1: 2, families: 6).tally
        let sixTotals = RegionTotals(villages: six, tree: tree)
        let viewer = RegionSummary(region: tree[small]!, totals: sixTotals, disclosure: DisclosurePlan(totals: sixTotals, province: small))
        #expect(viewer.id.hasPrefix("Desa Kebon Ayu tercatat 0 jiwa dalam 6 keluarga. [disembunyikan] keluarga berada di desil 1"), "\(viewer.id)")
        #expect(!viewer.id.contains("33,3") && !viewer.en.contains("33.3"))
        #expect(RegionSummary(region: tree[small]!, totals: sixTotals).id.contains("33,3% keluarga berada di desil 1"))
        let lombokTimur = RegionSummary(region: tree[try RegionCode("52.03")]!, totals: totals)
        // The province: 11 of 90 = 12,2 %.
        #expect(lombokTimur.id.contains("Dibanding Provinsi Nusa Tenggara Barat, angkanya lebih tinggi untuk keluarga desil 1 (16,7% vs 12,2%)"))
    }

    @Test func a_desa_of_a_few_families_is_not_named_the_poorest() throws {
        let tree = RegionTree([
            Region(code: try RegionCode("52"), name: "Nusa Tenggara Barat", level: .provinsi),
            Region(code: try RegionCode("52.03"), name: "Kabupaten Lombok Timur", level: .kabupaten),
            Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan),
            Region(code: try RegionCode("52.03.01.2001"), name: "Tanjung Luar", level: .desa),
            Region(code: try RegionCode("52.03.01.2002"), name: "Pijot", level: .desa),
            Region(code: try RegionCode("52.03.01.2003"), name: "Sepit", level: .desa),
        ])
        // Sepit: 2 of 3 families in desil 1 (66,7 %); Tanjung Luar 9 of 30 (30 %); Pijot 29 families, 20 in desil 1 (69 %).
        let villages: [RegionCode: RegionTally] = [
            try RegionCode("52.03.01.2001"): PriorityRankingTests.area("52.03.01.2001", desil1: 9, families: 30).tally,
            try RegionCode("52.03.01.2002"): PriorityRankingTests.area("52.03.01.2002", desil1: 20, families: 29).tally,
            try RegionCode("52.03.01.2003"): PriorityRankingTests.area("52.03.01.2003", desil1: 2, families: 3).tally,
        ]
        let totals = RegionTotals(villages: villages, tree: tree)
        let summary = RegionSummary(region: tree[try RegionCode("52.03.01")]!, totals: totals)
        #expect(summary.id.hasSuffix("Desa/Kelurahan paling prioritas menurut peringkat bawaan (sedikitnya 30 keluarga, laju disusutkan ke angka Kecamatan Keruak): Tanjung Luar."), "\(summary.id)")
        // The ranking's areas under the same rule: only Tanjung Luar; without a minimum all three.
        let compared = PriorityRanking.areas(.desa, within: try RegionCode("52.03.01"), totals: totals, minimumFamilies: ComparableArea.minimumFamilies)
        #expect(compared.map(\.region.name) == ["Tanjung Luar"])
        #expect(PriorityRanking.areas(.desa, within: try RegionCode("52.03.01"), totals: totals).count == 3)
        #expect(ComparableArea.isCompared(families: 30) && !ComparableArea.isCompared(families: 29))
        #expect(ComparableArea.isCompared(families: 3, minimum: 0) && ComparableArea.isCompared(families: 0, minimum: -5))
    }
}

/// Programme coverage as an optional ranking component ("cakupan rendah"): an area whose desil-1 families no programme
/// reaches rises. Every score below is worked out by hand.
@Suite struct CoverageRankingTests {
    /// A coverage tally of `desil1` desil-1 families of which `reached` receive PKH.
    static func coverage(desil1: Int, reached: Int) -> CoverageTally {
        var tally = CoverageTally()
        tally.addFamilies(desil: 1, count: desil1)
        tally.addReached(desil: 1, receipts: [CoverageRules.Receipt(programme: "PKH", organisation: 1, sectors: [.cash])], count: reached)
        return tally
    }

    @Test func an_uncovered_area_moves_up_when_coverage_weighs() throws {
        // Ten families each. Desil 1: A 6 (all reached), B 5 (none reached), C 2 (one reached).
        let areas = [PriorityRankingTests.area("52.03.01.2001", desil1: 6, families: 10), PriorityRankingTests.area("52.03.01.2002", desil1: 5, families: 10),
                     PriorityRankingTests.area("52.03.01.2003", desil1: 2, families: 10)]
        let tallies: [RegionCode: CoverageTally] = [
            try RegionCode("52.03.01.2001"): Self.coverage(desil1: 6, reached: 6), try RegionCode("52.03.01.2002"): Self.coverage(desil1: 5, reached: 0),
            try RegionCode("52.03.01.2003"): Self.coverage(desil1: 2, reached: 1),
        ]
        var parent = CoverageTally()
        for tally in tallies.values { parent.merge(tally) }
        let values = CoverageIndicator.values(tallies, parent: parent, restricted: false)
        let c = try #require(values[try RegionCode("52.03.01.2003")])
        #expect(c.percent == 50 && c.count == 1 && c.denominator == 2)

        // Need alone: desil-1 shares 60, 50, 20 % → normalised 1, 0.75, 0 → A 100, B 75, C 0.
        let need = PriorityRanking(areas: areas, weights: [.init(indicator: "desil1_families", weight: 1)], coverage: values)
        #expect(need.rows.map(\.code) == ["52.03.01.2001", "52.03.01.2002", "52.03.01.2003"])
        #expect(need.rows.map(\.score) == [100, 75, 0])

        // Need and low coverage, equal weights: coverage 100, 0, 50 % is turned around (higher is better) → 0, 1, 0.5.
        // A (1 + 0) / 2 = 50, B (0.75 + 1) / 2 = 87.5, C (0 + 0.5) / 2 = 25: the uncovered area B rises to first.
        let weights = try PriorityRanking.parseWeights("desil1_families:1,desil1_coverage:1")
        let both = PriorityRanking(areas: areas, weights: weights, coverage: values)
        #expect(both.rows.map(\.code) == ["52.03.01.2002", "52.03.01.2001", "52.03.01.2003"])
        #expect(both.rows.map(\.score) == [87.5, 50, 25])
        let b = try #require(both.rows.first)
        #expect(b.components[1].indicator == "desil1_coverage" && b.components[1].percent == 0 && b.components[1].normalized == 1 && b.components[1].contribution == 50)
    }

    @Test func partners_see_no_coverage_count_under_five_in_the_ranking() throws {
        let areas = [PriorityRankingTests.area("52.03.01.2001", desil1: 6, families: 10), PriorityRankingTests.area("52.03.01.2002", desil1: 8, families: 10)]
        // A: 6 of 6 reached (0 unreached: shown); B: 3 of 8 reached, 5 unreached — 3 is under 5, and then A's 6 could be
        // worked out from the total of 9, so both reached counts are withheld.
        let tallies: [RegionCode: CoverageTally] = [try RegionCode("52.03.01.2001"): CoverageRankingTests.coverage(desil1: 6, reached: 6),
                                                     try RegionCode("52.03.01.2002"): CoverageRankingTests.coverage(desil1: 8, reached: 3)]
        var parent = CoverageTally()
        for tally in tallies.values { parent.merge(tally) }
        let values = CoverageIndicator.values(tallies, parent: parent, restricted: true)
        #expect(values.values.allSatisfy { $0.suppression != nil })
        let ranking = PriorityRanking(areas: areas, weights: try PriorityRanking.parseWeights("desil1_families:1,desil1_coverage:1"), coverage: values)
        #expect(ranking.rows.allSatisfy { $0.components[1].percent == nil && $0.components[1].contribution == nil && $0.withheld == ["desil1_coverage"] })
    }
}
