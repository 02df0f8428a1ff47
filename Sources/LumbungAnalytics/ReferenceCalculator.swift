import LumbungDomain

/// A deliberately plain second calculation of every indicator, straight from family and person records,
/// with no tallies and no merging: one predicate per indicator, counted over the records, group by group.
/// Tests check that it agrees with `RegionIndicators` (computed from the stored village tallies) so a
/// slip in either shows up as a difference.
public enum ReferenceCalculator {
    /// A family with its members, as the registry holds it.
    public struct Family: Sendable {
        public let household: Household
        /// The members who live there (the dead and those who moved away are left out).
        public let members: [Person]
        /// Whether every listed member left: such a family is no family of the desa.
        public let noneResident: Bool
        /// Whether the family lives in a desa (not a kelurahan), for the sanitation rule.
        public let rural: Bool

        public init(household: Household, members: [Person], rural: Bool) {
            self.household = household
            self.members = members.filter(\.isResident)
            self.noneResident = !members.isEmpty && self.members.isEmpty
            self.rural = rural
        }
    }

    /// Every figure of every indicator, keyed `indicator`, `indicator/split/group`, each as (count, denominator).
    public static func figures(of listed: [Family], asOf: CalendarDate) -> [String: Figure] {
        let families = listed.filter { !$0.noneResident }
        var figures: [String: Figure] = [:]
        let people = families.flatMap { family in family.members.map { (person: $0, family: family) } }
        for (id, rule) in personRules {
            count(id, people, figures: &figures, numerator: { rule.numerator($0.person, $0.person.age(on: asOf), $0.family) },
                  denominator: rule.denominator.map { d in { d($0.person, $0.person.age(on: asOf), $0.family) } },
                  groups: personGroups(asOf: asOf), excluded: rule.excluded)
        }
        for (id, rule) in familyRules {
            count(id, families, figures: &figures, numerator: { rule.numerator($0, asOf) },
                  denominator: rule.denominator.map { d in { d($0, asOf) } }, groups: familyGroups(asOf: asOf), excluded: rule.excluded)
        }
        return figures
    }

    /// A count and, for rates, its denominator.
    public struct Figure: Sendable, Equatable {
        public var count = 0
        public var denominator: Int?

        /// Nothing counted: a group no record falls in (the tallies list it, the reference leaves it out).
        public var isEmpty: Bool { count == 0 && (denominator ?? 0) == 0 }
    }

    /// `IndicatorValue`s flattened the same way, to compare with `figures(of:asOf:)`.
    public static func figures(of values: [IndicatorValue]) -> [String: Figure] {
        var figures: [String: Figure] = [:]
        for value in values {
            figures[value.indicator] = Figure(count: value.count, denominator: value.denominator)
            for split in value.splits {
                for group in split.groups {
                    figures["\(value.indicator)/\(split.by)/\(group.group)"] = Figure(count: group.count, denominator: group.denominator)
                }
            }
        }
        return figures
    }

    private typealias PersonRule = (numerator: @Sendable (Person, Int?, Family) -> Bool, denominator: (@Sendable (Person, Int?, Family) -> Bool)?, excluded: Set<String>)
    private typealias FamilyRule = (numerator: @Sendable (Family, CalendarDate) -> Bool, denominator: (@Sendable (Family, CalendarDate) -> Bool)?, excluded: Set<String>)

    private static let everyone: @Sendable (Person, Int?, Family) -> Bool = { _, _, _ in true }
    private static let everyFamily: @Sendable (Family, CalendarDate) -> Bool = { _, _ in true }
    private static let age: Set<String> = ["age_band"], disability: Set<String> = ["disability"]

    private static func disabled(_ kind: DisabilityType) -> PersonRule { ({ p, _, _ in p.disability == kind }, everyone, disability) }

    private static let personRules: [(String, PersonRule)] = [
        ("people", ({ _, _, _ in true }, nil, [])),
        ("children", ({ _, age, _ in age.map { $0 < 18 } ?? false }, everyone, age)),
        ("under5", ({ _, age, _ in age.map { $0 < 5 } ?? false }, everyone, age)),
        ("elderly", ({ _, age, _ in age.map { $0 >= 60 } ?? false }, everyone, age)),
        ("disability", ({ p, _, _ in p.disability != nil }, everyone, disability)),
        ("disability_physical", disabled(.physical)), ("disability_intellectual", disabled(.intellectual)),
        ("disability_mental", disabled(.mental)), ("disability_sensory", disabled(.sensory)), ("disability_multiple", disabled(.multiple)),
        ("disability_unspecified", disabled(.unspecified)),
        ("desil1_people", ({ _, _, f in f.household.desil == 1 }, everyone, [])),
        ("desil1to4_people", ({ _, _, f in (1...4).contains(f.household.desil ?? 0) }, everyone, [])),
        ("out_of_school", ({ p, age, _ in (7...18).contains(age ?? -1) && p.schoolParticipation != nil && p.schoolParticipation != .enrolled },
                           { p, age, _ in (7...18).contains(age ?? -1) && p.schoolParticipation != nil }, age)),
        ("no_jkn", ({ p, _, _ in p.healthInsurance?.isEmpty == true }, everyone, [])),
        ("elderly_alone", ({ _, age, f in f.members.count == 1 && (age ?? 0) >= 60 }, nil, age)),
        ("needs_verification", ({ p, _, _ in p.nik == nil }, everyone, [])),
    ]

    private static let familyRules: [(String, FamilyRule)] = [
        ("families", ({ _, _ in true }, nil, [])),
        ("female_headed", ({ f, _ in f.members.contains { $0.relationship == .head && $0.sex == .female } }, everyFamily, ["head_sex"])),
        ("desil1_families", ({ f, _ in f.household.desil == 1 }, everyFamily, [])),
        ("desil1to4_families", ({ f, _ in (1...4).contains(f.household.desil ?? 0) }, everyFamily, [])),
        ("unfit_housing", ({ f, _ in f.household.housing.isUnfit(members: f.members.count) }, everyFamily, [])),
        ("no_safe_water", ({ f, _ in f.household.housing.hasSafeWater == false }, everyFamily, [])),
        ("no_sanitation", ({ f, _ in f.household.housing.hasProperSanitation(rural: f.rural) == false }, everyFamily, [])),
        ("no_electricity", ({ f, _ in f.household.housing.lacksElectricity == true }, everyFamily, [])),
        ("firewood", ({ f, _ in f.household.housing.cooksWithFirewood == true }, everyFamily, [])),
    ]

    private typealias Grouping<Record> = (split: String, groupOf: (Record) -> String?)

    private static func personGroups(asOf: CalendarDate) -> [Grouping<(person: Person, family: Family)>] {
        [("sex", { $0.person.sex.map { $0 == .male ? "male" : "female" } }),
         ("age_band", { $0.person.age(on: asOf).map { AgeBand(age: $0).rawValue } }),
         ("disability", { $0.person.disability == nil ? "without" : "with" })]
    }

    private static func familyGroups(asOf: CalendarDate) -> [Grouping<Family>] {
        [("head_sex", { $0.members.first { $0.relationship == .head }?.sex.map { $0 == .male ? "male" : "female" } }),
         ("member_with_disability", { $0.members.contains { $0.disability != nil } ? "with" : "without" }),
         ("elderly_member", { $0.members.contains { ($0.age(on: asOf) ?? 0) >= 60 } ? "with" : "without" }),
         ("child_member", { $0.members.contains { ($0.age(on: asOf) ?? 99) < 18 } ? "with" : "without" })]
    }

    private static func count<Record>(_ id: String, _ records: [Record], figures: inout [String: Figure],
                                      numerator: (Record) -> Bool, denominator: ((Record) -> Bool)?,
                                      groups: [Grouping<Record>], excluded: Set<String>) {
        let used = groups.filter { !excluded.contains($0.split) }
        figures[id] = Figure(count: 0, denominator: denominator == nil ? nil : 0)
        for record in records {
            let counted = numerator(record), inBase = denominator?(record) ?? false
            guard counted || inBase else { continue }
            var keys = [id]
            for grouping in used {
                if let group = grouping.groupOf(record) { keys.append("\(id)/\(grouping.split)/\(group)") }
            }
            for key in keys {
                if counted { figures[key, default: Figure(denominator: denominator == nil ? nil : 0)].count += 1 }
                if inBase { figures[key, default: Figure(denominator: 0)].denominator! += 1 }
            }
        }
    }
}
