import Foundation
import LumbungDomain
import LumbungStore

/// Hand-made village tallies for the map, chart, dashboard and export tests: every family has one head, a man
/// aged 40, unless the figures say otherwise; the expected figures in the tests are worked out from these by hand.
enum DashboardFixtures {
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!

    /// One family per entry: (desil, head's sex, head's age, extra members as (sex, age)).
    struct Family {
        var desil: Int? = 5
        var sex: Sex = .male
        var age = 40
        var members: [(Sex, Int)] = []
        var disability: DisabilityType? = nil
    }

    static func tally(_ families: [Family]) throws -> RegionTally {
        let village = try RegionCode("52.03.01.2001")
        var tally = RegionTally()
        for (index, family) in families.enumerated() {
            var people = [Person(nik: "520301010101\(String(format: "%04d", index))", name: "Kepala", sex: family.sex,
                                 birthDate: CalendarDate(year: 2025 - family.age, month: 1, day: 1), relationship: .head,
                                 disability: family.disability)]
            for (sex, age) in family.members {
                people.append(Person(nik: nil, name: "Anggota", sex: sex, birthDate: CalendarDate(year: 2025 - age, month: 1, day: 1),
                                     relationship: .child))
            }
            tally.add(household: Household(kkNumber: "\(index)", villageCode: village, desil: family.desil,
                                           housing: Housing()),
                      members: people, asOf: asOf, rural: true)
        }
        return tally
    }

    /// `families` families, the first `desil1` of them in desil 1 and the rest in desil 5.
    static func village(families: Int, desil1: Int) throws -> RegionTally {
        try tally((0..<families).map { Family(desil: $0 < desil1 ? 1 : 5) })
    }

    /// Keruak (52.03.01): Tanjung Luar 1 of 10 families in desil 1 (10 %), Pijot 2 of 10 (20 %), Selebung Ketangga
    /// 25 of 50 (50 %), Sepit 8 of 40 (20 %); its other desa have no records.
    static func keruak() throws -> [RegionCode: RegionTally] {
        [try RegionCode("52.03.01.2001"): try village(families: 10, desil1: 1),
         try RegionCode("52.03.01.2002"): try village(families: 10, desil1: 2),
         try RegionCode("52.03.01.2003"): try village(families: 50, desil1: 25),
         try RegionCode("52.03.01.2004"): try village(families: 40, desil1: 8)]
    }
}
