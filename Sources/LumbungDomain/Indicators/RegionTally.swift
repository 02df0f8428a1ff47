/// Counts of one region's registry records, the raw material of every indicator.
///
/// A tally is built from records (`add(household:members:…)`) and tallies add up (`merge`), so a
/// kecamatan's tally is the sum of its desa. It counts what the records say: a person whose sex or
/// birth date is unknown is counted in `people` but in no sex or age split.
public struct RegionTally: Sendable, Hashable, Codable {
    /// A count split by sex.
    public struct BySex: Sendable, Hashable, Codable {
        public var male = 0
        public var female = 0
        public init() {}
        public var total: Int { male + female }
        mutating func add(_ sex: Sex?) {
            switch sex {
            case .male: male += 1
            case .female: female += 1
            case nil: break
            }
        }
        mutating func merge(_ other: BySex) {
            male += other.male
            female += other.female
        }
    }

    public var families = 0
    public var people = 0
    public var peopleBySex = BySex()
    /// People by age band ("0-4", "5-17", "18-59", "60+") and sex.
    public var peopleByAgeBand: [String: BySex] = [:]
    public var disabled = BySex()
    /// People with a disability by kind ("fisik", …) and sex.
    public var disabledByType: [String: BySex] = [:]
    /// People with a disability by age band.
    public var disabledByAgeBand: [String: Int] = [:]
    /// Families whose head (SHDK 1) is a woman.
    public var femaleHeadedFamilies = 0
    /// Families by desil, index 0 for desil 1 … index 9 for desil 10.
    public var familiesByDesil = [Int](repeating: 0, count: 10)
    public var peopleInDesil1 = BySex()
    public var peopleInDesil1to4 = BySex()
    public var unfitHousingFamilies = 0
    public var noSafeWaterFamilies = 0
    public var noProperSanitationFamilies = 0
    public var noElectricityFamilies = 0
    public var firewoodCookingFamilies = 0
    /// Children aged 7–18 whose school participation is known, and those of them out of school.
    public var childrenAged7to18 = BySex()
    public var outOfSchool7to18 = BySex()
    /// People whose health insurance is known to be none.
    public var withoutHealthInsurance = BySex()
    /// One-person families whose member is 60 or older.
    public var elderlyLivingAlone = BySex()
    public var pregnant = 0
    public var chronicallyIll = BySex()
    /// People without a NIK, kept for verification.
    public var needsVerification = 0

    public init() {}

    /// Adds one family and the person records it holds.
    ///
    /// - Parameters:
    ///   - asOf: the date ages are counted on.
    ///   - rural: whether the family lives in a desa (not a kelurahan), for the sanitation rule.
    public mutating func add(household: Household, members: [Person], asOf: CalendarDate, rural: Bool) {
        families += 1
        let housing = household.housing
        if housing.isUnfit(members: members.count) { unfitHousingFamilies += 1 }
        if housing.hasSafeWater == false { noSafeWaterFamilies += 1 }
        if housing.hasProperSanitation(rural: rural) == false { noProperSanitationFamilies += 1 }
        if housing.lacksElectricity == true { noElectricityFamilies += 1 }
        if housing.cooksWithFirewood == true { firewoodCookingFamilies += 1 }
        if let desil = household.desil, (1...10).contains(desil) { familiesByDesil[desil - 1] += 1 }
        if members.contains(where: { $0.relationship == .head && $0.sex == .female }) { femaleHeadedFamilies += 1 }
        if members.count == 1, let age = members[0].age(on: asOf), age >= 60 { elderlyLivingAlone.add(members[0].sex) }
        for person in members {
            add(person: person, desil: household.desil, asOf: asOf)
        }
    }

    private mutating func add(person: Person, desil: Int?, asOf: CalendarDate) {
        people += 1
        peopleBySex.add(person.sex)
        let age = person.age(on: asOf)
        if let age { peopleByAgeBand[AgeBand(age: age).rawValue, default: BySex()].add(person.sex) }
        if let disability = person.disability {
            disabled.add(person.sex)
            disabledByType[disability.label.lowercased(), default: BySex()].add(person.sex)
            if let age { disabledByAgeBand[AgeBand(age: age).rawValue, default: 0] += 1 }
        }
        if desil == 1 { peopleInDesil1.add(person.sex) }
        if let desil, (1...4).contains(desil) { peopleInDesil1to4.add(person.sex) }
        if let age, (7...18).contains(age), let participation = person.schoolParticipation {
            childrenAged7to18.add(person.sex)
            if participation != .enrolled { outOfSchool7to18.add(person.sex) }
        }
        if person.healthInsurance?.isEmpty == true { withoutHealthInsurance.add(person.sex) }
        if person.pregnant { pregnant += 1 }
        if let illness = person.chronicIllness, illness > 1 { chronicallyIll.add(person.sex) }
        if person.needsVerification { needsVerification += 1 }
    }

    /// Adds another region's counts to these.
    public mutating func merge(_ other: RegionTally) {
        families += other.families
        people += other.people
        peopleBySex.merge(other.peopleBySex)
        for (band, counts) in other.peopleByAgeBand { peopleByAgeBand[band, default: BySex()].merge(counts) }
        disabled.merge(other.disabled)
        for (kind, counts) in other.disabledByType { disabledByType[kind, default: BySex()].merge(counts) }
        for (band, count) in other.disabledByAgeBand { disabledByAgeBand[band, default: 0] += count }
        femaleHeadedFamilies += other.femaleHeadedFamilies
        for index in 0..<10 { familiesByDesil[index] += other.familiesByDesil[index] }
        peopleInDesil1.merge(other.peopleInDesil1)
        peopleInDesil1to4.merge(other.peopleInDesil1to4)
        unfitHousingFamilies += other.unfitHousingFamilies
        noSafeWaterFamilies += other.noSafeWaterFamilies
        noProperSanitationFamilies += other.noProperSanitationFamilies
        noElectricityFamilies += other.noElectricityFamilies
        firewoodCookingFamilies += other.firewoodCookingFamilies
        childrenAged7to18.merge(other.childrenAged7to18)
        outOfSchool7to18.merge(other.outOfSchool7to18)
        withoutHealthInsurance.merge(other.withoutHealthInsurance)
        elderlyLivingAlone.merge(other.elderlyLivingAlone)
        pregnant += other.pregnant
        chronicallyIll.merge(other.chronicallyIll)
        needsVerification += other.needsVerification
    }
}
