/// Counts of one region's registry records, the raw material of every indicator.
///
/// A tally is built from records (`add(household:members:…)`) and tallies add up (`merge`), so a
/// kecamatan's tally is the sum of its desa. It counts what the records say: a person whose sex or
/// birth date is unknown is counted in `people` but in no sex or age split.
public struct RegionTally: Sendable, Hashable, Codable {
    /// The format of the stored tallies; raised whenever the fields change, so stored ones are rebuilt.
    public static let format = 2

    /// Every family, by who it includes.
    public var allFamilies = FamilyCounts()
    /// Every person, by sex, age band and disability.
    public var population = PersonCounts()
    /// People with a disability by kind ("fisik", …).
    public var disabledByType: [String: PersonCounts] = [:]
    /// Families whose head (SHDK 1) is a woman.
    public var femaleHeadedFamilies = FamilyCounts()
    /// Families by desil, index 0 for desil 1 … index 9 for desil 10.
    public var familiesByDesil = [FamilyCounts](repeating: FamilyCounts(), count: 10)
    public var peopleInDesil1 = PersonCounts()
    public var peopleInDesil1to4 = PersonCounts()
    public var unfitHousingFamilies = FamilyCounts()
    public var noSafeWaterFamilies = FamilyCounts()
    public var noProperSanitationFamilies = FamilyCounts()
    public var noElectricityFamilies = FamilyCounts()
    public var firewoodCookingFamilies = FamilyCounts()
    /// Children aged 7–18 whose school participation is known, and those of them out of school.
    public var childrenAged7to18 = PersonCounts()
    public var outOfSchool7to18 = PersonCounts()
    /// People whose health insurance is known to be none.
    public var withoutHealthInsurance = PersonCounts()
    /// One-person families whose member is 60 or older.
    public var elderlyLivingAlone = PersonCounts()
    public var pregnant = 0
    public var chronicallyIll = PersonCounts()
    /// People without a NIK, kept for verification.
    public var needsVerification = PersonCounts()

    public init() {}

    public var families: Int { allFamilies.total }
    public var people: Int { population.total }

    /// People with a disability of any kind.
    public var disabled: PersonCounts {
        disabledByType.values.reduce(into: PersonCounts()) { $0.merge($1) }
    }

    /// Adds one family and the person records it holds.
    ///
    /// - Parameters:
    ///   - asOf: the date ages are counted on.
    ///   - rural: whether the family lives in a desa (not a kelurahan), for the sanitation rule.
    /// Only residents count: the dead and those who moved away are left out, and a family none of whose
    /// listed members still lives there is no family of the desa (see `Person.isResident`).
    public mutating func add(household: Household, members listed: [Person], asOf: CalendarDate, rural: Bool) {
        let members = listed.filter(\.isResident)
        if members.isEmpty && !listed.isEmpty { return }
        let ages = members.map { $0.age(on: asOf) }
        let profile = FamilyCounts.Profile(
            headSex: members.first { $0.relationship == .head }?.sex,
            withDisability: members.contains { $0.disability != nil },
            withElderly: ages.contains { ($0 ?? 0) >= 60 },
            withChild: ages.contains { $0.map { $0 < 18 } ?? false })
        allFamilies.add(profile)
        let housing = household.housing
        if housing.isUnfit(members: members.count) { unfitHousingFamilies.add(profile) }
        if housing.hasSafeWater == false { noSafeWaterFamilies.add(profile) }
        if housing.hasProperSanitation(rural: rural) == false { noProperSanitationFamilies.add(profile) }
        if housing.lacksElectricity == true { noElectricityFamilies.add(profile) }
        if housing.cooksWithFirewood == true { firewoodCookingFamilies.add(profile) }
        if let desil = household.desil, (1...10).contains(desil) { familiesByDesil[desil - 1].add(profile) }
        if profile.headSex == .female { femaleHeadedFamilies.add(profile) }
        if members.count == 1, let age = ages[0], age >= 60 {
            elderlyLivingAlone.add(sex: members[0].sex, age: age, disabled: members[0].disability != nil)
        }
        for (person, age) in zip(members, ages) {
            add(person: person, age: age, desil: household.desil)
        }
    }

    private mutating func add(person: Person, age: Int?, desil: Int?) {
        func count(_ counts: inout PersonCounts) { counts.add(sex: person.sex, age: age, disabled: person.disability != nil) }
        count(&population)
        if let disability = person.disability { count(&disabledByType[disability.label.lowercased(), default: PersonCounts()]) }
        if desil == 1 { count(&peopleInDesil1) }
        if let desil, (1...4).contains(desil) { count(&peopleInDesil1to4) }
        if let age, (7...18).contains(age), let participation = person.schoolParticipation {
            count(&childrenAged7to18)
            if participation != .enrolled { count(&outOfSchool7to18) }
        }
        if person.healthInsurance?.isEmpty == true { count(&withoutHealthInsurance) }
        if person.pregnant { pregnant += 1 }
        if let illness = person.chronicIllness, illness > 1 { count(&chronicallyIll) }
        if person.needsVerification { count(&needsVerification) }
    }

    /// Adds another region's counts to these.
    public mutating func merge(_ other: RegionTally) {
        allFamilies.merge(other.allFamilies)
        population.merge(other.population)
        for (kind, counts) in other.disabledByType { disabledByType[kind, default: PersonCounts()].merge(counts) }
        femaleHeadedFamilies.merge(other.femaleHeadedFamilies)
        for index in 0..<10 { familiesByDesil[index].merge(other.familiesByDesil[index]) }
        peopleInDesil1.merge(other.peopleInDesil1)
        peopleInDesil1to4.merge(other.peopleInDesil1to4)
        unfitHousingFamilies.merge(other.unfitHousingFamilies)
        noSafeWaterFamilies.merge(other.noSafeWaterFamilies)
        noProperSanitationFamilies.merge(other.noProperSanitationFamilies)
        noElectricityFamilies.merge(other.noElectricityFamilies)
        firewoodCookingFamilies.merge(other.firewoodCookingFamilies)
        childrenAged7to18.merge(other.childrenAged7to18)
        outOfSchool7to18.merge(other.outOfSchool7to18)
        withoutHealthInsurance.merge(other.withoutHealthInsurance)
        elderlyLivingAlone.merge(other.elderlyLivingAlone)
        pregnant += other.pregnant
        chronicallyIll.merge(other.chronicallyIll)
        needsVerification.merge(other.needsVerification)
    }
}
