import LumbungDomain
import Testing

/// Finding 4 of issue 12: primary and complementary suppression (`ComplementarySuppression`, `DisclosurePlan`).
@Suite struct ComplementarySuppressionTests {
    /// `[total, parts…]` with the figures' values in order, relation over all of them.
    static func hidden(_ values: [Int], _ relations: [[Int]]? = nil) -> [CellSuppression.Reason?] {
        ComplementarySuppression.suppress(values, relations: relations ?? [Array(values.indices)])
    }

    @Test func eight_families_seven_headed_by_men_hide_the_men_too_and_keep_the_total() {
        // 8 families = 7 headed by men + 1 headed by a woman: 8 − 7 would give the 1.
        #expect(Self.hidden([8, 7, 1]) == [nil, .complementary, .small])
    }

    @Test func the_next_smallest_group_is_hidden_not_a_zero_or_a_bigger_one() {
        // Age bands: 40 = 0 + 3 + 12 + 25 → the 3 and the 12 go, the zero and the 25 stay.
        #expect(Self.hidden([40, 0, 3, 12, 25]) == [nil, nil, .small, .complementary, nil])
        // Two small groups already protect each other.
        #expect(Self.hidden([9, 2, 3, 4]) == [nil, .small, .small, .small])
        #expect(Self.hidden([30, 2, 3, 25]) == [nil, .small, .small, nil])
    }

    @Test func a_small_total_hides_a_group_so_no_split_gives_it_back() {
        // Total 3, all of them in one group: both small. Total 4 of unknown sex (groups 0, 0): one zero goes too.
        #expect(Self.hidden([3, 3, 0]) == [.small, .small, nil])
        #expect(Self.hidden([4, 0, 0]) == [.small, .complementary, nil])
        // A hidden group whose only visible companions are zero: the total goes.
        #expect(Self.hidden([12, 0, 3], [[0, 1, 2]]) == [.complementary, nil, .small])
    }

    @Test func suppression_spreads_across_linked_tables_until_no_sum_has_one_hidden_term() {
        // Two desa (rows) × sex (columns), with the kecamatan row and the totals:
        //      men women total
        // A     7    1     8      figures 0 1 2
        // B    20   10    30      figures 3 4 5
        // kec  27   11    38      figures 6 7 8
        let values = [7, 1, 8, 20, 10, 30, 27, 11, 38]
        let relations = [[2, 0, 1], [5, 3, 4], [8, 6, 7], [6, 0, 3], [7, 1, 4], [8, 2, 5]]
        let reasons = Self.hidden(values, relations)
        #expect(reasons[1] == .small)
        for relation in relations {
            #expect(relation.filter { reasons[$0] != nil }.count != 1, "\(relation) must not have exactly one hidden term")
        }
        // The woman in A is protected by A's men, B's women and B's men: a rectangle, the totals stay.
        #expect(reasons == [.complementary, .small, nil, .complementary, .complementary, nil, nil, nil, nil])
    }
}

/// The plan over a region tree: one decision for every page.
@Suite struct DisclosurePlanTests {
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!

    /// `families` families in `village`, the first `women` of them headed by a woman, each head aged 40.
    static func tally(_ village: String, families: Int, women: Int) throws -> RegionTally {
        var tally = RegionTally()
        for index in 0..<families {
            let head = Person(nik: nil, name: "Kepala \(index)", sex: index < women ? .female : .male,
                              birthDate: CalendarDate(year: 1985, month: 1, day: 1), relationship: .head)
            tally.add(household: Household(kkNumber: "\(index)", villageCode: try RegionCode(village), desil: 1, housing: Housing()),
                      members: [head], asOf: asOf, rural: true)
        }
        return tally
    }

    @Test func a_village_hidden_among_its_neighbours_is_hidden_on_its_own_page_too() throws {
        let tree = RegionTree([
            Region(code: try RegionCode("52"), name: "Nusa Tenggara Barat", level: .provinsi),
            Region(code: try RegionCode("52.03"), name: "Lombok Timur", level: .kabupaten),
            Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan),
            Region(code: try RegionCode("52.03.01.2001"), name: "Tanjung Luar", level: .desa),
            Region(code: try RegionCode("52.03.01.2002"), name: "Pijot", level: .desa),
            Region(code: try RegionCode("52.03.01.2003"), name: "Sepit", level: .desa),
        ])
        let villages = [("52.03.01.2001", 8, 1), ("52.03.01.2002", 30, 12), ("52.03.01.2003", 40, 15)]
        var tallies: [RegionCode: RegionTally] = [:]
        for (code, families, women) in villages { tallies[try RegionCode(code)] = try Self.tally(code, families: families, women: women) }
        func total(_ code: RegionCode) -> RegionTally {
            tallies.filter { code.contains($0.key) }.values.reduce(into: RegionTally()) { $0.merge($1) }
        }
        let plan = DisclosurePlan(tree: tree, root: try RegionCode("52"), tally: total)
        let tanjung = try RegionCode("52.03.01.2001"), pijot = try RegionCode("52.03.01.2002"), keruak = try RegionCode("52.03.01")
        // Tanjung Luar: 8 families, 7 headed by men, 1 by a woman.
        #expect(plan.suppression(tanjung, indicator: "families", split: "head_sex", group: "female") == .small)
        #expect(plan.suppression(tanjung, indicator: "female_headed") == .small, "the same count under another indicator")
        #expect(plan.suppression(tanjung, indicator: "families", split: "head_sex", group: "male") == .complementary)
        #expect(plan.suppression(tanjung, indicator: "families") == nil, "the total stays")
        // Keruak's women heads (28) minus the other desa's would give Tanjung Luar's 1: a neighbour's goes too.
        #expect(plan.suppression(keruak, indicator: "female_headed") == nil)
        #expect(plan.suppression(pijot, indicator: "female_headed") == .complementary)
        // The value as JSON writes it for a viewer.
        let value = IndicatorCatalogue.indicator("families")!.value(in: tallies[tanjung]!)
        let shown = plan.disclosed(value, in: tanjung)
        #expect(!shown.suppressed && shown.group("head_sex", "female")?.suppressed == true && shown.group("head_sex", "male")?.suppressed == true)
    }
}
