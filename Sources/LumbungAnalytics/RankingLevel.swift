import LumbungDomain

extension PriorityRanking {
    /// What is ranked: the desa/kelurahan or the kecamatan within a region.
    public enum Level: String, Sendable {
        case desa
        case kecamatan

        /// `desa` (or `kelurahan`) and `kecamatan`; `nil` for anything else.
        public init?(name: String) {
            switch name {
            case "desa", "kelurahan": self = .desa
            case "kecamatan": self = .kecamatan
            default: return nil
            }
        }

        public var depth: Int { self == .desa ? 4 : 3 }

        /// Whether areas of this level lie below `region` (a kecamatan has no kecamatan to rank).
        public func isBelow(_ region: RegionCode) -> Bool { depth > region.depth }
    }

    /// The areas of `level` within `region`, each with the sum of its villages' tallies; with `minimumFamilies`, only
    /// those `ComparableArea` compares at that minimum.
    public static func areas(_ level: Level, within region: RegionCode, totals: RegionTotals,
                             minimumFamilies: Int? = nil) -> [(region: Region, tally: RegionTally)] {
        totals.tree.descendants(of: region, depth: level.depth).map { ($0, totals[$0.code]) }.filter { area in
            minimumFamilies.map { ComparableArea.isCompared(families: area.1.families, minimum: $0) } ?? true
        }
    }
}
