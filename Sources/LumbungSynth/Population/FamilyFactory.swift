import LumbungDomain

/// Makes the families of one village.
///
/// Each family draws a latent welfare level; its desil, size, housing, schooling and aid all follow
/// from it, so poorer families are larger, live in worse houses and keep fewer teenagers in school.
/// The share of families in desil 1 equals the kabupaten's BPS poverty rate P0: welfare `u` is uniform
/// and desil = ⌈10·u^α⌉ with α = ln 0.1 / ln P0.
struct FamilyFactory {
    let village: PopulationPlan.Village
    let regency: PopulationPlan.Regency
    let asOf: CalendarDate
    private let alpha: Double
    private var issuer: IdentityIssuer
    private var familyCount = 0
    /// The dusun names of the village (addresses are `Dusun <name>`).
    let dusuns: [String]
    private let migrantOrigins: [String]

    init(village: PopulationPlan.Village, regency: PopulationPlan.Regency, asOf: CalendarDate,
         migrantOrigins: [String], random: inout SynthRandom) {
        self.village = village
        self.regency = regency
        self.asOf = asOf
        alpha = log(0.1) / log(min(max(regency.povertyRate, 0.02), 0.6))
        issuer = IdentityIssuer(village: village)
        self.migrantOrigins = migrantOrigins
        var names: [String] = []
        for _ in 0..<random.int(2...6) {
            names.append("\(random.pick(Vocabulary.dusunFirst)) \(random.pick(Vocabulary.dusunSecond))")
        }
        dusuns = names
    }

    var rural: Bool { village.region.level == .desa }

    mutating func makeFamily(random: inout SynthRandom) -> SynthFamily {
        familyCount += 1
        let u = max(random.unit(), 1e-9)
        let desil = min(10, max(1, Int(saturating: 10 * pow(u, alpha), rounding: .up)))
        let poverty = Double(10 - desil) / 9
        let size = 1 + random.weighted([
            0.10 - 0.04 * poverty, 0.18 - 0.05 * poverty, 0.22, 0.22 + 0.02 * poverty,
            0.14 + 0.04 * poverty, 0.08 + 0.02 * poverty, 0.04 + 0.01 * poverty, 0.02,
        ])
        let members = makeMembers(size: size, poverty: poverty, random: &random)
        let issueYear = random.int(2008...2024)
        let issueDate = CalendarDate(daysSince1970: CalendarDate(year: issueYear, month: 1, day: 1)!.daysSince1970 + random.int(0...364))
        let kk = issuer.kk(issueDate: min(issueDate, asOf))
        let dusun = random.pick(dusuns)
        let household = Household(
            kkNumber: kk, sourceFamilyID: nil, villageCode: village.region.code, headName: members[0].name,
            address: "Dusun \(dusun)", rt: Self.pad3(random.int(1...8)), rw: Self.pad3(random.int(1...4)),
            desil: desil, housing: Self.makeHousing(members: members.count, poverty: poverty, random: &random))
        return SynthFamily(household: household, members: members, ordinal: familyCount, poverty: poverty)
    }

    // MARK: People

    private mutating func makeMembers(size: Int, poverty: Double, random: inout SynthRandom) -> [Person] {
        let headFemale = random.chance(size == 1 ? 0.5 : 0.11 + 0.08 * poverty)
        let headAge: Int = size == 1 && random.chance(0.45) ? random.int(60...88) : random.int(22...70)
        var people: [(age: Int, sex: Sex, relationship: FamilyRelationship)] = []
        people.append((headAge, headFemale ? .female : .male, .head))
        var slots = size - 1
        if slots > 0 && !headFemale && random.chance(0.93) {
            people.append((max(17, headAge - random.int(0...9)), .female, .wife))
            slots -= 1
        }
        if slots >= 2 && random.chance(0.12) {
            people.append((min(95, headAge + random.int(20...30)), random.chance(0.7) ? .female : .male,
                           random.chance(0.6) ? .parent : .parentInLaw))
            slots -= 1
        }
        let oldestChild = max(0, min(headAge - 18, 32))
        for _ in 0..<slots {
            if headAge >= 50 && random.chance(0.12) {
                people.append((random.int(0...max(0, headAge - 40)), random.chance(0.5) ? .male : .female, .grandchild))
            } else {
                people.append((random.int(0...oldestChild), random.chance(0.51) ? .male : .female, .child))
            }
        }
        let spouse = people.contains { $0.relationship == .wife }
        return people.map { makePerson(age: $0.age, sex: $0.sex, relationship: $0.relationship,
                                        spousePresent: spouse, poverty: poverty, random: &random) }
    }

    private mutating func makePerson(age: Int, sex: Sex, relationship: FamilyRelationship, spousePresent: Bool,
                                     poverty: Double, random: inout SynthRandom) -> Person {
        let birthDate = asOf.adding(days: -(age * 365 + age / 4 + random.int(1...364)))
        let migrant = relationship != .child && relationship != .grandchild && random.chance(0.03)
        let nik = issuer.nik(birthDate: birthDate, sex: sex, origin: migrant ? random.pick(migrantOrigins) : nil)
        let onSumbawa = regency.onSumbawa
        let firstNames = sex == .male
            ? (onSumbawa ? Vocabulary.sumbawaMale : Vocabulary.lombokMale)
            : (onSumbawa ? Vocabulary.sumbawaFemale : Vocabulary.lombokFemale)
        var name = random.pick(firstNames)
        let second = random.pick(onSumbawa ? Vocabulary.sumbawaSecond : Vocabulary.lombokSecond)
        if !second.isEmpty { name += " " + second }
        if !onSumbawa && random.chance(0.06) { name = (sex == .male ? "Lalu " : "Baiq ") + name }
        let realAge = birthDate.age(on: asOf)
        let marital: MaritalStatus
        switch relationship {
        case .head: marital = spousePresent ? .married : (realAge >= 55 || sex == .female ? (random.chance(0.75) ? .widowed : .divorced) : .single)
        case .wife, .husband: marital = .married
        case .parent, .parentInLaw: marital = random.chance(0.7) ? .widowed : .married
        default: marital = realAge >= 19 && random.chance(0.15) ? .married : .single
        }
        let disability: DisabilityType? = random.chance(0.011 + (realAge >= 60 ? 0.05 : 0) + 0.01 * poverty)
            ? DisabilityType(rawValue: 1 + random.weighted([0.35, 0.10, 0.15, 0.30, 0.10]))! : nil
        let pregnant = sex == .female && (18...44).contains(realAge) && marital == .married && random.chance(0.05)
        let chronic = random.chance(0.03 + (realAge >= 60 ? 0.12 : 0)) ? random.int(2...17) : 1
        let school = schoolParticipation(age: realAge, poverty: poverty, random: &random)
        return Person(
            nik: nik, name: name, sex: sex, birthDate: birthDate, birthPlace: birthPlace(migrant: migrant, random: &random),
            relationship: relationship, maritalStatus: marital,
            education: education(age: realAge, poverty: poverty, school: school, random: &random),
            occupation: occupation(age: realAge, sex: sex, relationship: relationship, school: school, poverty: poverty, random: &random),
            motherName: random.pick(onSumbawa ? Vocabulary.sumbawaFemale : Vocabulary.lombokFemale),
            disability: disability, pregnant: pregnant, chronicIllness: chronic, schoolParticipation: school)
    }

    private func birthPlace(migrant: Bool, random: inout SynthRandom) -> String {
        if migrant { return random.pick(Vocabulary.farTowns) }
        return random.chance(0.6) ? village.kecamatan.name : Vocabulary.regencyTowns[regency.region.code.dotted] ?? village.kecamatan.name
    }

    private func schoolParticipation(age: Int, poverty: Double, random: inout SynthRandom) -> SchoolParticipation? {
        switch age {
        case ..<5: return nil
        case 5...6: return random.chance(0.6) ? .enrolled : .never
        case 7...18:
            let stay = 0.985 - 0.10 * poverty - (age >= 16 ? 0.12 + 0.15 * poverty : 0)
            if random.chance(stay) { return .enrolled }
            return random.chance(0.15) ? .never : .noLonger
        case 19...23: return random.chance(0.25 * (1 - poverty)) ? .enrolled : .noLonger
        default: return random.chance(0.04 + 0.06 * poverty) ? .never : .noLonger
        }
    }

    private func education(age: Int, poverty: Double, school: SchoolParticipation?, random: inout SynthRandom) -> Education {
        switch age {
        case ..<7: return .none
        case 7...12: return school == .never ? .none : .primaryIncomplete
        case 13...15: return school == .never ? .none : .primary
        case 16...18: return school == .never ? .none : .juniorSecondary
        default:
            if school == .never { return .none }
            let older = age >= 50 ? 0.25 : 0
            let weights = [0.03 + older / 3, 0.10 + 0.1 * poverty + older / 3, 0.30 + 0.15 * poverty + older / 3,
                           0.20, 0.25 - 0.1 * poverty, 0.02, 0.03 * (1 - poverty), 0.07 * (1 - poverty), 0.01 * (1 - poverty), 0.001]
            return Education(rawValue: 1 + random.weighted(weights))!
        }
    }

    private func occupation(age: Int, sex: Sex, relationship: FamilyRelationship, school: SchoolParticipation?,
                            poverty: Double, random: inout SynthRandom) -> String {
        if age < 5 { return "Belum/Tidak Bekerja" }
        if school == .enrolled { return "Pelajar/Mahasiswa" }
        if age < 15 { return "Belum/Tidak Bekerja" }
        if age >= 65 { return random.chance(0.15) ? "Pensiunan" : (random.chance(0.5) ? "Petani/Pekebun" : "Tidak Bekerja") }
        if sex == .female && relationship != .head && random.chance(0.6) { return "Mengurus Rumah Tangga" }
        if random.chance(0.25 * (1 - poverty)) { return random.pick(Vocabulary.occupationsSecure) }
        return random.pick(Vocabulary.occupationsRural)
    }

    // MARK: Housing

    static func makeHousing(members: Int, poverty: Double, random: inout SynthRandom) -> Housing {
        let q = poverty
        let floor: FloorMaterial = random.chance(0.32 * q * q) ? .earth
            : random.chance(0.03 * q) ? .bamboo
            : random.chance(0.55 - 0.2 * q) ? .ceramic : random.chance(0.8) ? .cement : random.pick([.tile, .wood, .marble])
        let wall: WallMaterial = random.chance(0.22 * q * q) ? .wovenBamboo
            : random.chance(0.04 * q) ? .bamboo : random.chance(0.08) ? .woodBoard : .masonry
        let roof: RoofMaterial = random.chance(0.08 * q * q) ? .thatch
            : random.pick([.clayTile, .clayTile, .zinc, .zinc, .asbestos, .concrete])
        let water: DrinkingWaterSource = random.chance(0.22 * q) ? random.pick([.unprotectedWell, .unprotectedSpring, .surfaceWater])
            : random.pick([.piped, .borehole, .protectedWell, .refill, .refill, .protectedSpring, .bottled])
        let lighting: LightingSource = random.chance(0.03 * q) ? .notElectric
            : random.chance(0.08 * q) ? .plnUnmetered : random.chance(0.01) ? .nonPLN : .plnMetered
        let fuel: CookingFuel = random.chance(0.38 * q) ? .firewood
            : random.chance(0.05) ? random.pick([.lpg12kg, .electricity, .kerosene]) : .lpg3kg
        let facility: DefecationFacility = random.chance(0.14 * q) ? .none
            : random.chance(0.12) ? random.pick([.sharedWithSpecificHouseholds, .communal, .publicToilet]) : .own
        let toilet: ToiletType? = facility == .none ? nil : (random.chance(0.9 - 0.3 * q) ? .gooseneck : random.pick([.squatWithLid, .squatWithoutLid, .pit]))
        let disposal: SewageDisposal? = facility == .none ? random.pick([.pondFieldRiverSea, .beachOpenField])
            : random.chance(0.7 - 0.3 * q) ? .septicTank : random.pick([.pitInGround, .pitInGround, .pondFieldRiverSea, .treatmentPlant])
        let area = max(12, Int(saturating: Double(members) * Double(random.int(6...16)) * (1.4 - 0.5 * q)))
        let ownership: BuildingOwnership = random.chance(0.84) ? .own : random.pick([.rentFree, .rentFree, .rented, .official, .other])
        return Housing(buildingOwnership: ownership, floorArea: area, floor: floor, wall: wall, roof: roof,
                       drinkingWater: water, lighting: lighting, cookingFuel: fuel, defecationFacility: facility,
                       toiletType: toilet, sewageDisposal: disposal)
    }

    static func pad3(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
