import LumbungDomain

/// Programme coverage of one region, as the command line, API and pages give it.
///
/// `familiesReached`, `duplicatedAidFamilies`, `eligibleUnreachedFamilies` and `inclusionErrorFamilies` follow
/// `CoverageRules` (the definitions `truth.json`'s `programs` uses); the rest helps read them.
public struct RegionCoverage: Sendable, Codable, Equatable {
    public let code: String
    public let name: String
    public let families: Int
    /// Families in desil 1–4 and in desil 1.
    public let eligibleFamilies: Int
    public let desil1Families: Int
    public let familiesReached: [String: Int]
    /// The residents of the families reached, per programme code.
    public let peopleReached: [String: Int]
    public let duplicatedAidFamilies: Int
    public let eligibleUnreachedFamilies: Int
    public let desil1UnreachedFamilies: Int
    /// The desil from which a family counts as better off (`CoverageRules.inclusionThresholds`, 6 unless chosen).
    public let inclusionThreshold: Int
    /// Families in desil ≥ `inclusionThreshold` receiving PKH, BPNT or PBI-JK.
    public let inclusionErrorFamilies: Int
    /// Families in desil ≥ `inclusionThreshold` reached, per programme code (the leakage of each programme).
    public let betterOffFamiliesReached: [String: Int]
    /// Programme pairs reaching the same families, most first.
    public let programmePairs: [PairCount]

    /// Two programmes and the families both reach.
    public struct PairCount: Sendable, Codable, Equatable {
        public let programmes: [String]
        public let families: Int
    }

    public init(code: RegionCode, name: String, tally: CoverageTally, threshold: Int = CoverageRules.inclusionErrorDesil) {
        self.code = code.dotted
        self.name = name
        families = tally.families.reduce(0, +)
        eligibleFamilies = tally.eligibleFamilies
        desil1Families = tally.families[0]
        familiesReached = tally.familiesReached
        peopleReached = tally.peopleReached
        duplicatedAidFamilies = tally.duplicatedAidFamilies
        eligibleUnreachedFamilies = tally.eligibleUnreachedFamilies
        desil1UnreachedFamilies = tally.desil1UnreachedFamilies
        inclusionThreshold = threshold
        inclusionErrorFamilies = tally.inclusionErrorFamilies(from: threshold)
        betterOffFamiliesReached = tally.betterOffFamiliesReached(from: threshold)
        programmePairs = tally.overlaps.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { PairCount(programmes: [$0.key.first, $0.key.second], families: $0.value) }
    }

    /// Share of desil-1 families some programme reaches, in percent; `nil` without desil-1 families.
    public var desil1CoveragePercent: Double? {
        desil1Families == 0 ? nil : Double(desil1Families - desil1UnreachedFamilies) * 100 / Double(desil1Families)
    }

    /// The families of a pair ("PKH", "BPNT" in either order); 0 when they share none.
    public func families(of first: String, and second: String) -> Int {
        let pair = [first, second].sorted()
        return programmePairs.first { $0.programmes == pair }?.families ?? 0
    }
}

/// Sums desa coverage up the region tree and lists the regions of one level.
public enum CoverageReport {
    /// The levels a coverage report lists.
    public enum Level: String, Sendable, CaseIterable {
        case kabupaten, kecamatan, desa

        /// Depth in the region tree (kabupaten and kota 2, kecamatan 3, desa and kelurahan 4).
        public var depth: Int {
            switch self {
            case .kabupaten: 2
            case .kecamatan: 3
            case .desa: 4
            }
        }
    }

    /// Every region of the tree with the sum of its desa.
    public static func totals(_ villages: [RegionCode: CoverageTally], tree: RegionTree) -> [RegionCode: CoverageTally] {
        RegionRollUp.sums(villages, over: tree, empty: CoverageTally()) { $0.merge($1) }
    }

    /// The regions of `level` within `region` (the region itself when it is of that level), in code order.
    public static func regions(_ totals: [RegionCode: CoverageTally], tree: RegionTree, within region: RegionCode, level: Level,
                               threshold: Int = CoverageRules.inclusionErrorDesil) -> [RegionCoverage] {
        tree.all.filter { $0.code.depth == level.depth && region.contains($0.code) }
            .sorted { $0.code < $1.code }
            .map { RegionCoverage(code: $0.code, name: $0.name, tally: totals[$0.code] ?? CoverageTally(), threshold: threshold) }
    }
}
