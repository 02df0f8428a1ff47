import LumbungDomain
import Testing

/// The figures charts draw beyond the indicators' own (the pyramid's age band × sex, each desil) are planned with
/// every other figure, so no bar of a chart and no sum of bars gives a withheld count back.
@Suite struct ChartDisclosureTests {
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!

    /// One-person families: (sex, age, desil) each.
    static func tally(_ village: String, _ people: [(Sex, Int, Int)]) throws -> RegionTally {
        var tally = RegionTally()
        for (index, (sex, age, desil)) in people.enumerated() {
            let head = Person(nik: nil, name: "Kepala \(index)", sex: sex, birthDate: CalendarDate(year: 2025 - age, month: 1, day: 1),
                              relationship: .head)
            tally.add(household: Household(kkNumber: "\(index)", villageCode: try RegionCode(village), desil: desil, housing: Housing()),
                      members: [head], asOf: asOf, rural: true)
        }
        return tally
    }

    @Test func a_small_pyramid_bar_or_desil_is_withheld_and_no_sum_gives_it_back() throws {
        let tree = RegionTree([
            Region(code: try RegionCode("52"), name: "Nusa Tenggara Barat", level: .provinsi),
            Region(code: try RegionCode("52.03"), name: "Lombok Timur", level: .kabupaten),
            Region(code: try RegionCode("52.03.01"), name: "Keruak", level: .kecamatan),
            Region(code: try RegionCode("52.03.01.2001"), name: "Tanjung Luar", level: .desa),
            Region(code: try RegionCode("52.03.01.2002"), name: "Pijot", level: .desa),
        ])
        // Tanjung Luar: 10 men aged 40 in desil 5 and one woman aged 70 in desil 2.
        // Pijot: 20 men aged 40 in desil 5 and 6 women aged 70 in desil 2.
        let tanjung = try RegionCode("52.03.01.2001"), pijot = try RegionCode("52.03.01.2002"), keruak = try RegionCode("52.03.01")
        let tallies = [
            tanjung: try Self.tally("52.03.01.2001", Array(repeating: (.male, 40, 5), count: 10) + [(.female, 70, 2)]),
            pijot: try Self.tally("52.03.01.2002", Array(repeating: (.male, 40, 5), count: 20) + Array(repeating: (.female, 70, 2), count: 6)),
        ]
        func total(_ code: RegionCode) -> RegionTally {
            tallies.filter { code.contains($0.key) }.values.reduce(into: RegionTally()) { $0.merge($1) }
        }
        // The tally counts what the pyramid draws.
        #expect(tallies[pijot]?.population.count(sex: .female, band: .elderly60plus) == 6)
        #expect(tallies[pijot]?.population.count(sex: .male, band: .adult18to59) == 20)
        #expect(tallies[pijot]?.population.count(sex: .male, band: .elderly60plus) == 0)

        let plan = DisclosurePlan(tree: tree, root: try RegionCode("52"), tally: total)
        // The woman of 70 in Tanjung Luar is a pyramid bar of 1, and her family a desil-2 bar of 1.
        #expect(plan.suppression(tanjung, band: .elderly60plus, sex: .female) == .small)
        #expect(plan.suppression(tanjung, desil: 2) == .small)
        // Zero bars stay, big ones stay unless a sum needs them.
        #expect(plan.suppression(tanjung, band: .under5, sex: .male) == nil)
        #expect(plan.suppression(pijot, band: .elderly60plus, sex: .female) != .small)
        // Families = desil 1–4 + desil 5…10: 11 = 1 + 10 in Tanjung Luar, so its desil 5 (10) goes with desil 1–4 (1).
        #expect(plan.suppression(tanjung, indicator: "desil1to4_families") == .small)
        #expect(plan.suppression(tanjung, desil: 5) == .complementary)
        // Keruak's desil 2 (7) minus Pijot's (6) would give Tanjung Luar's 1: one of them goes too.
        let keruakDesil2 = plan.suppression(keruak, desil: 2), pijotDesil2 = plan.suppression(pijot, desil: 2)
        #expect(keruakDesil2 != nil || pijotDesil2 != nil)
        // Elderly women: the band 60+ of Tanjung Luar is the one woman (1), the same count as the pyramid's bar.
        #expect(plan.suppression(tanjung, indicator: "people", split: "age_band", group: "60+") == .small)
        // Out of range.
        #expect(plan.suppression(tanjung, desil: 11) == .complementary)
        #expect(plan.suppression(try RegionCode("52.01"), desil: 5) == .complementary, "a region the plan does not know")
    }
}
