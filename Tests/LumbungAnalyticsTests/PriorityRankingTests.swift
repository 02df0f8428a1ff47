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
