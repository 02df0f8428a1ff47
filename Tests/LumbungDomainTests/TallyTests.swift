import LumbungDomain
import Testing

@Suite struct HousingRuleTests {
    @Test func unfit_housing_follows_materials_and_space() {
        #expect(Housing(floor: .earth).isUnfit(members: 2))
        #expect(Housing(wall: .wovenBamboo).isUnfit(members: 2))
        #expect(Housing(roof: .thatch).isUnfit(members: 2))
        #expect(Housing(floorArea: 35, floor: .ceramic, wall: .masonry, roof: .clayTile).isUnfit(members: 4))
        #expect(!Housing(floorArea: 36, floor: .ceramic, wall: .masonry, roof: .clayTile).isUnfit(members: 4))
    }

    @Test func sanitation_needs_a_gooseneck_to_a_septic_tank_and_allows_a_pit_in_a_desa() {
        let pit = Housing(defecationFacility: .own, toiletType: .gooseneck, sewageDisposal: .pitInGround)
        #expect(pit.hasProperSanitation(rural: true) == true)
        #expect(pit.hasProperSanitation(rural: false) == false)
        #expect(Housing(defecationFacility: .publicToilet, toiletType: .gooseneck, sewageDisposal: .septicTank).hasProperSanitation(rural: false) == false)
        #expect(Housing(defecationFacility: .own, toiletType: .pit, sewageDisposal: .septicTank).hasProperSanitation(rural: true) == false)
        #expect(Housing(defecationFacility: .own).hasProperSanitation(rural: true) == nil)
        #expect(Housing().hasProperSanitation(rural: true) == nil)
        #expect(Housing(drinkingWater: .unprotectedSpring).hasSafeWater == false && Housing(drinkingWater: .refill).hasSafeWater == true)
    }
}

@Suite struct RegionTallyTests {
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!
    static let village = try! RegionCode("52.03.01.2001")

    static func person(_ sex: Sex, born year: Int, _ relationship: FamilyRelationship, nik: String? = "x",
                       disability: DisabilityType? = nil, school: SchoolParticipation? = nil, insurance: HealthInsurance? = nil) -> Person {
        Person(nik: nik, name: "n", sex: sex, birthDate: CalendarDate(year: year, month: 1, day: 1), relationship: relationship,
               disability: disability, schoolParticipation: school, healthInsurance: insurance)
    }

    @Test func a_family_is_counted_by_sex_age_disability_desil_and_housing() {
        var tally = RegionTally()
        let members = [
            Self.person(.female, born: 1970, .head, insurance: []),
            Self.person(.male, born: 2010, .child, disability: .sensory, school: .noLonger, insurance: [.pbi]),
            Self.person(.female, born: 2022, .child, nik: nil),
        ]
        tally.add(household: Household(kkNumber: "k", villageCode: Self.village, desil: 1, housing: Housing(floor: .earth, lighting: .notElectric)),
                  members: members, asOf: Self.asOf, rural: true)
        #expect(tally.families == 1 && tally.people == 3)
        #expect(tally.peopleBySex.female == 2 && tally.peopleBySex.male == 1)
        #expect(tally.peopleByAgeBand["18-59"]?.female == 1 && tally.peopleByAgeBand["5-17"]?.male == 1 && tally.peopleByAgeBand["0-4"]?.female == 1)
        #expect(tally.disabledByType["sensorik"]?.male == 1 && tally.disabledByAgeBand["5-17"] == 1)
        #expect(tally.femaleHeadedFamilies == 1)
        #expect(tally.familiesByDesil[0] == 1 && tally.peopleInDesil1.total == 3 && tally.peopleInDesil1to4.total == 3)
        #expect(tally.unfitHousingFamilies == 1 && tally.noElectricityFamilies == 1 && tally.noSafeWaterFamilies == 0)
        #expect(tally.childrenAged7to18.male == 1 && tally.outOfSchool7to18.male == 1)
        #expect(tally.withoutHealthInsurance.female == 1 && tally.withoutHealthInsurance.male == 0)
        #expect(tally.needsVerification == 1)
    }

    @Test func an_elderly_person_alone_is_counted_and_tallies_add_up() {
        var one = RegionTally(), two = RegionTally()
        one.add(household: Household(kkNumber: "a", villageCode: Self.village, desil: 5, housing: Housing()),
                members: [Self.person(.male, born: 1950, .head)], asOf: Self.asOf, rural: true)
        two.add(household: Household(kkNumber: "b", villageCode: Self.village, desil: nil, housing: Housing()),
                members: [Self.person(.female, born: 1940, .head), Self.person(.female, born: 1980, .child)], asOf: Self.asOf, rural: true)
        #expect(one.elderlyLivingAlone.male == 1 && two.elderlyLivingAlone.total == 0)
        var sum = one
        sum.merge(two)
        #expect(sum.families == 2 && sum.people == 3 && sum.peopleByAgeBand["60+"]?.total == 2 && sum.familiesByDesil[4] == 1)
    }
}
