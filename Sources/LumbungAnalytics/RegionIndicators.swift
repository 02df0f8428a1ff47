import LumbungDomain

/// Indicators of a region and of each region one level down, summed from village tallies: any region
/// at any level costs O(villages), never O(people).
public struct RegionIndicators: Sendable, Encodable {
    /// One region's figures.
    public struct Entry: Sendable, Encodable {
        public let code: String
        public let name: String
        public let level: String
        public let values: [IndicatorValue]
    }

    public let region: Entry
    public let children: [Entry]

    /// Sums the tallies of the villages under `region` (and under each child) and evaluates every indicator.
    public static func compute(for region: Region, tree: RegionTree, villages: [RegionCode: RegionTally],
                               indicators: [Indicator] = IndicatorCatalogue.all) -> RegionIndicators {
        let totals = RegionRollUp.sums(villages, over: tree, empty: RegionTally()) { $0.merge($1) }
        func entry(_ region: Region) -> Entry {
            let tally = totals[region.code] ?? RegionTally()
            return Entry(code: region.code.dotted, name: region.name, level: region.level.rawValue,
                         values: indicators.map { $0.value(in: tally) })
        }
        return RegionIndicators(region: entry(region), children: tree.children(of: region.code).map(entry))
    }

    /// The sum of the tallies of the villages at or below `code`.
    public static func total(under code: RegionCode, villages: [RegionCode: RegionTally]) -> RegionTally {
        var sum = RegionTally()
        for (village, tally) in villages where code.contains(village) { sum.merge(tally) }
        return sum
    }
}
