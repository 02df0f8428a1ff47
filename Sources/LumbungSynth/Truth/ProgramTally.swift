/// Programme coverage of one region: who is reached, who is missed, who gets the same aid twice.
public struct ProgramTally: Codable, Sendable, Hashable {
    /// Enrolment rows per programme code.
    public var enrollments: [String: Int] = [:]
    /// Families reached per programme code.
    public var familiesReached: [String: Int] = [:]
    /// Families in desil 1–4 reached by no programme at all.
    public var eligibleUnreachedFamilies = 0
    /// Families in desil 6–10 receiving PKH, BPNT or PBI-JK.
    public var inclusionErrorFamilies = 0
    /// Families receiving two programmes of the same kind from different agencies.
    public var duplicatedAidFamilies = 0
    /// Families reached by both programmes of a pair, keyed "A ∩ B" (the two codes in alphabetical order).
    public var overlaps: [String: Int] = [:]
    /// Families in desil 6–10 reached, per programme code.
    public var betterOffFamiliesReached: [String: Int] = [:]
    /// People (the members listed with their family) of the families reached, per programme code. A member whose row carries
    /// an injected error fault is rejected by an import, so with faults the registry holds a few fewer than this.
    public var peopleReached: [String: Int] = [:]

    public init() {}

    mutating func add(_ family: SynthFamily) {
        var codes: Set<String> = []
        for enrollment in family.enrollments {
            enrollments[enrollment.program.code, default: 0] += 1
            codes.insert(enrollment.program.code)
        }
        for code in codes {
            familiesReached[code, default: 0] += 1
            peopleReached[code, default: 0] += family.members.count
            if family.desil >= 6 { betterOffFamiliesReached[code, default: 0] += 1 }
            for other in codes where code < other { overlaps["\(code) ∩ \(other)", default: 0] += 1 }
        }
        if family.desil <= 4 && codes.isEmpty { eligibleUnreachedFamilies += 1 }
        if family.desil >= 6 && !codes.isDisjoint(with: ["PKH", "BPNT", "PBI-JK"]) { inclusionErrorFamilies += 1 }
        let kinds = Dictionary(grouping: Set(family.enrollments.map(\.program)), by: \.kind)
        if kinds.values.contains(where: { Set($0.map(\.agency)).count >= 2 }) { duplicatedAidFamilies += 1 }
    }

    mutating func merge(_ other: ProgramTally) {
        for (code, count) in other.enrollments { enrollments[code, default: 0] += count }
        for (code, count) in other.familiesReached { familiesReached[code, default: 0] += count }
        eligibleUnreachedFamilies += other.eligibleUnreachedFamilies
        inclusionErrorFamilies += other.inclusionErrorFamilies
        duplicatedAidFamilies += other.duplicatedAidFamilies
        for (pair, count) in other.overlaps { overlaps[pair, default: 0] += count }
        for (code, count) in other.betterOffFamiliesReached { betterOffFamiliesReached[code, default: 0] += count }
        for (code, count) in other.peopleReached { peopleReached[code, default: 0] += count }
    }
}
