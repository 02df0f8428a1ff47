import LumbungDomain

/// Every region's tally, summed once from the village tallies: what every analysis reads, so a region at
/// any level costs one lookup after one O(villages) pass.
public struct RegionTotals: Sendable {
    public let tree: RegionTree
    private let totals: [RegionCode: RegionTally]

    /// Sums each village's tally into the village and every region above it.
    public init(villages: [RegionCode: RegionTally], tree: RegionTree) {
        var totals: [RegionCode: RegionTally] = [:]
        for (code, tally) in villages {
            for level in code.ancestors + [code] { totals[level, default: RegionTally()].merge(tally) }
        }
        self.tree = tree
        self.totals = totals
    }

    /// The region's tally (empty where it holds no records).
    public subscript(code: RegionCode) -> RegionTally { totals[code] ?? RegionTally() }
}

extension DisclosurePlan {
    /// The plan for the province of `code`, from its regions' totals.
    public init(totals: RegionTotals, province code: RegionCode) {
        self.init(tree: totals.tree, root: code.province, tally: { totals[$0] })
    }
}
