import Foundation

/// The coordination rules, once: who is eligible and missed, who receives aid meant for poorer families,
/// who receives the same kind of aid twice. Every page, API, command and export counts with these.
///
/// - **Eligible, reached by nothing**: a family in desil 1–4 that no programme reaches.
/// - **Inclusion error**: a family in desil 6 or above (the threshold) that receives one of the national
///   targeted programmes — PKH, BPNT (Program Sembako) or PBI-JK — which are meant for the poorest deciles.
/// - **Duplicated aid**: a family receiving programmes of the same sector (kind of aid) from two or more
///   different organisations (PKH of Kemensos and BLT Dana Desa of the village: both cash).
/// A family without a desil is neither eligible nor an inclusion error: it is not ranked.
public enum CoverageRules {
    /// The desil a family must be in to count as eligible (the DTSEN/P3KE target deciles).
    public static let eligibleDesil = 1...4
    /// The desil from which a family receiving a targeted programme is an inclusion error, unless the reader chooses
    /// another threshold (`inclusionThresholds`).
    public static let inclusionErrorDesil = 6
    /// The thresholds a reader may choose: from desil 5 (just above the eligible 1–4) to desil 10.
    public static let inclusionThresholds = 5...10

    /// The threshold a reader wrote ("7"), or `nil` when it is no whole desil in `inclusionThresholds`.
    public static func inclusionThreshold(_ text: String) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), inclusionThresholds.contains(value) else { return nil }
        return value
    }
    /// The national targeted programmes whose receipt by a better-off family is an inclusion error.
    public static let targetedProgrammes: Set<String> = ["PKH", "BPNT", "PBI-JK"]

    /// One programme a family receives, as the rules need it.
    public struct Receipt: Sendable, Hashable {
        public let programme: String
        public let organisation: Int
        public let sectors: [Sector]

        public init(programme: String, organisation: Int, sectors: [Sector]) {
            self.programme = programme
            self.organisation = organisation
            self.sectors = sectors
        }
    }

    public static func isEligible(desil: Int?) -> Bool {
        desil.map { eligibleDesil.contains($0) } ?? false
    }

    /// A family in desil 1–4 that nothing reaches.
    public static func isEligibleUnreached(desil: Int?, receipts: some Collection<Receipt>) -> Bool {
        isEligible(desil: desil) && receipts.isEmpty
    }

    /// A family better off than the programmes' target: desil `threshold` or above. A family without a desil is not.
    public static func isBetterOff(desil: Int?, threshold: Int = inclusionErrorDesil) -> Bool {
        desil.map { $0 >= threshold } ?? false
    }

    /// A better-off family (desil ≥ `threshold`) receiving a targeted programme.
    public static func isInclusionError(desil: Int?, receipts: some Sequence<Receipt>, threshold: Int = inclusionErrorDesil) -> Bool {
        isBetterOff(desil: desil, threshold: threshold) && receivesTargeted(receipts)
    }

    /// Whether one of `receipts` is a national targeted programme (PKH, BPNT, PBI-JK).
    public static func receivesTargeted(_ receipts: some Sequence<Receipt>) -> Bool {
        receipts.contains { targetedProgrammes.contains($0.programme) }
    }

    /// The sectors in which a family receives aid from two or more organisations.
    public static func duplicatedSectors(_ receipts: some Sequence<Receipt>) -> [Sector] {
        var organisations: [Sector: Set<Int>] = [:]
        for receipt in receipts {
            for sector in Set(receipt.sectors) { organisations[sector, default: []].insert(receipt.organisation) }
        }
        return organisations.filter { $0.value.count >= 2 }.keys.sorted()
    }

    public static func hasDuplicatedAid(_ receipts: some Sequence<Receipt>) -> Bool {
        !duplicatedSectors(receipts).isEmpty
    }
}

/// A programme pair that reaches the same families ("PKH ∩ SEMBAKO-PEMDA").
public struct ProgrammePair: Sendable, Hashable, Codable, Comparable {
    public let first: String
    public let second: String

    public init(_ a: String, _ b: String) {
        first = min(a, b)
        second = max(a, b)
    }

    public static func < (lhs: ProgrammePair, rhs: ProgrammePair) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
}

/// An organisation's work in one sector (a row of the 4W matrix).
public struct OrganisationSector: Sendable, Hashable, Codable, Comparable {
    public let organisation: Int
    public let sector: Sector

    public init(organisation: Int, sector: Sector) {
        self.organisation = organisation
        self.sector = sector
    }

    public static func < (lhs: OrganisationSector, rhs: OrganisationSector) -> Bool {
        (lhs.organisation, Sector.allCases.firstIndex(of: lhs.sector) ?? 0) < (rhs.organisation, Sector.allCases.firstIndex(of: rhs.sector) ?? 0)
    }
}

/// Programme coverage of one region, counted in families with `CoverageRules`: families by desil (all, and
/// those some programme reaches), families reached per programme and per organisation × sector, pairs of
/// programmes reaching the same families, duplicated aid and inclusion errors. Regions add up: a kecamatan's
/// tally is the sum of its desa.
public struct CoverageTally: Sendable, Equatable, Codable {
    /// Families of the registry by desil (index 0 = desil 1 … 9 = desil 10, 10 = no desil).
    public var families = Array(repeating: 0, count: 11)
    /// Families reached by at least one programme, by desil (same indices).
    public var reachedFamilies = Array(repeating: 0, count: 11)
    /// Families reached per programme code.
    public var familiesReached: [String: Int] = [:]
    /// Families reached per organisation × sector.
    public var familiesReachedByOrganisationSector: [OrganisationSector: Int] = [:]
    /// Families reached by both programmes of a pair.
    public var overlaps: [ProgrammePair: Int] = [:]
    /// Families reached per programme code, by desil (same indices as `families`): the leakage of a programme at any
    /// threshold.
    public var familiesReachedByDesil: [String: [Int]] = [:]
    /// Families receiving a targeted programme (`CoverageRules.targetedProgrammes`), by desil: inclusion errors at any
    /// threshold.
    public var targetedFamilies = Array(repeating: 0, count: 11)
    /// People reached (the residents of the families reached) per programme code and per organisation × sector.
    public var peopleReached: [String: Int] = [:]
    public var peopleReachedByOrganisationSector: [OrganisationSector: Int] = [:]
    public var duplicatedAidFamilies = 0

    public init() {}

    static func index(of desil: Int?) -> Int {
        guard let desil, (1...10).contains(desil) else { return 10 }
        return desil - 1
    }

    /// `count` families of the registry with this desil (reached or not).
    public mutating func addFamilies(desil: Int?, count: Int) {
        families[Self.index(of: desil)] += count
    }

    /// `count` families with this desil that receive exactly `receipts` (each programme once), `people` residents
    /// among them.
    public mutating func addReached(desil: Int?, receipts: [CoverageRules.Receipt], count: Int = 1, people: Int = 0) {
        guard !receipts.isEmpty else { return }
        let slot = Self.index(of: desil)
        reachedFamilies[slot] += count
        let codes = Set(receipts.map(\.programme))
        for code in codes {
            familiesReached[code, default: 0] += count
            familiesReachedByDesil[code, default: Array(repeating: 0, count: 11)][slot] += count
            peopleReached[code, default: 0] += people
        }
        var cells = Set<OrganisationSector>()
        for receipt in receipts {
            for sector in receipt.sectors { cells.insert(OrganisationSector(organisation: receipt.organisation, sector: sector)) }
        }
        for cell in cells {
            familiesReachedByOrganisationSector[cell, default: 0] += count
            peopleReachedByOrganisationSector[cell, default: 0] += people
        }
        let sorted = codes.sorted()
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...] { overlaps[ProgrammePair(a, b), default: 0] += count }
        }
        if CoverageRules.hasDuplicatedAid(receipts) { duplicatedAidFamilies += count }
        if CoverageRules.receivesTargeted(receipts) { targetedFamilies[slot] += count }
    }

    /// Families in desil `threshold` or above receiving a targeted programme (`CoverageRules.isInclusionError`).
    public func inclusionErrorFamilies(from threshold: Int = CoverageRules.inclusionErrorDesil) -> Int {
        (1...10).reduce(0) { CoverageRules.isBetterOff(desil: $1, threshold: threshold) ? $0 + targetedFamilies[$1 - 1] : $0 }
    }

    /// Families in desil 6 or above receiving a targeted programme.
    public var inclusionErrorFamilies: Int { inclusionErrorFamilies() }

    /// Families reached while in desil `threshold` or above, per programme code (programmes without any left out).
    public func betterOffFamiliesReached(from threshold: Int = CoverageRules.inclusionErrorDesil) -> [String: Int] {
        var result: [String: Int] = [:]
        for (code, byDesil) in familiesReachedByDesil {
            let count = (1...10).reduce(0) { CoverageRules.isBetterOff(desil: $1, threshold: threshold) && $1 <= byDesil.count ? $0 + byDesil[$1 - 1] : $0 }
            if count > 0 { result[code] = count }
        }
        return result
    }

    /// Families in desil 1–4 reached by nothing.
    public var eligibleUnreachedFamilies: Int {
        CoverageRules.eligibleDesil.reduce(0) { $0 + families[$1 - 1] - reachedFamilies[$1 - 1] }
    }

    /// Families in desil 1–4.
    public var eligibleFamilies: Int { CoverageRules.eligibleDesil.reduce(0) { $0 + families[$1 - 1] } }

    /// Families in desil 1 reached by nothing.
    public var desil1UnreachedFamilies: Int { families[0] - reachedFamilies[0] }

    /// Families reached by any programme.
    public var anyReachedFamilies: Int { reachedFamilies.reduce(0, +) }

    public mutating func merge(_ other: CoverageTally) {
        for index in families.indices {
            families[index] += other.families[index]
            reachedFamilies[index] += other.reachedFamilies[index]
        }
        for (key, value) in other.familiesReached { familiesReached[key, default: 0] += value }
        for (key, value) in other.familiesReachedByOrganisationSector { familiesReachedByOrganisationSector[key, default: 0] += value }
        for (key, value) in other.overlaps { overlaps[key, default: 0] += value }
        for (key, value) in other.familiesReachedByDesil {
            var sum = familiesReachedByDesil[key] ?? Array(repeating: 0, count: 11)
            for index in sum.indices where index < value.count { sum[index] += value[index] }
            familiesReachedByDesil[key] = sum
        }
        for index in targetedFamilies.indices where index < other.targetedFamilies.count { targetedFamilies[index] += other.targetedFamilies[index] }
        for (key, value) in other.peopleReached { peopleReached[key, default: 0] += value }
        for (key, value) in other.peopleReachedByOrganisationSector { peopleReachedByOrganisationSector[key, default: 0] += value }
        duplicatedAidFamilies += other.duplicatedAidFamilies
    }
}
