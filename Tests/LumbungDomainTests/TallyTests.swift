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

    @Test func a_family_is_counted_by_sex_age_disability_desil_and_housing() throws {
        var tally = RegionTally()
        let members = [
            Self.person(.female, born: 1970, .head, insurance: []),
            Self.person(.male, born: 2010, .child, disability: .sensory, school: .noLonger, insurance: [.pbi]),
            Self.person(.female, born: 2022, .child, nik: nil),
        ]
        tally.add(household: Household(kkNumber: "k", villageCode: Self.village, desil: 1, housing: Housing(floor: .earth, lighting: .notElectric)),
                  members: members, asOf: Self.asOf, rural: true)
        #expect(tally.families == 1 && tally.people == 3)
        #expect(tally.population.female == 2 && tally.population.male == 1)
        #expect(tally.population.only(band: .adult18to59).female == 1 && tally.population.only(band: .child5to17).male == 1)
        #expect(tally.population.only(band: .under5).female == 1 && tally.population.count(band: .elderly60plus) == 0)
        let sensory = try #require(tally.disabledByType["sensorik"])
        #expect(sensory.male == 1 && sensory.count(band: .child5to17) == 1 && tally.disabled.total == 1)
        // Disability is a dimension of every person count: the disabled boy is among the desil-1 people "with".
        #expect(tally.peopleInDesil1.count(dimension: 2, group: 1) == 1 && tally.peopleInDesil1.count(dimension: 2, group: 0) == 2)
        #expect(tally.femaleHeadedFamilies.total == 1)
        #expect(tally.familiesByDesil[0].total == 1 && tally.peopleInDesil1.total == 3 && tally.peopleInDesil1to4.total == 3)
        #expect(tally.unfitHousingFamilies.total == 1 && tally.noElectricityFamilies.total == 1 && tally.noSafeWaterFamilies.total == 0)
        // The family's profile: female head, a member with a disability, children, no elderly.
        let family = tally.allFamilies
        #expect(family.count(dimension: 0, group: 1) == 1 && family.count(dimension: 1, group: 1) == 1)
        #expect(family.count(dimension: 2, group: 0) == 1 && family.count(dimension: 3, group: 1) == 1)
        #expect(tally.childrenAged7to18.male == 1 && tally.outOfSchool7to18.male == 1)
        #expect(tally.withoutHealthInsurance.female == 1 && tally.withoutHealthInsurance.male == 0)
        #expect(tally.needsVerification.total == 1 && tally.needsVerification.count(band: .under5) == 1)
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
        #expect(sum.families == 2 && sum.people == 3 && sum.population.count(band: .elderly60plus) == 2 && sum.familiesByDesil[4].total == 1)
    }
}
