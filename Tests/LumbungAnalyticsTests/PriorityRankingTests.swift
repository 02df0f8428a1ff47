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
        #expect(abs(ranking.rows[1].components[0].normalized - 0.4) < 0.001)
        // One indicator: varying its weight cannot change the order.
        #expect(ranking.rows.allSatisfy { $0.rankRange[0] == $0.rank && $0.rankRange[1] == $0.rank })
        #expect(ranking.stability.top == 3 && ranking.stability.stayedInTop == 3)
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
        for (code, desil1) in [("52.03.01.2001", 8), ("52.03.01.2002", 2), ("52.01.01.2002", 1)] {
            villages[try RegionCode(code)] = PriorityRankingTests.area(code, desil1: desil1, families: 20).tally
        }
        let totals = RegionTotals(villages: villages, tree: tree)
        let summary = RegionSummary(region: tree[try RegionCode("52.03.01")]!, totals: totals)
        #expect(summary.id.hasPrefix("Kecamatan Keruak tercatat 0 jiwa dalam 40 keluarga. 25,0% keluarga berada di desil 1"))
        #expect(summary.id.contains("(Kabupaten Lombok Timur: 25,0% di desil 1)"))
        #expect(summary.id.contains("Desa/Kelurahan dengan porsi keluarga desil 1 tertinggi: Tanjung Luar (40,0%), Pijot (10,0%)."))
        #expect(summary.en.contains("25.0% of families are in desil 1"))
        let empty = RegionSummary(region: tree[try RegionCode("52.01")]!, totals: RegionTotals(villages: [:], tree: tree))
        #expect(empty.id == "Belum ada data keluarga untuk Kabupaten Lombok Barat.")
        let lombokTimur = RegionSummary(region: tree[try RegionCode("52.03")]!, totals: totals)
        #expect(lombokTimur.id.contains("Dibanding Provinsi Nusa Tenggara Barat, angkanya lebih tinggi untuk keluarga desil 1 (25,0% vs 18,3%)"))
    }
}
