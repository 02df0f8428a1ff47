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

    /// Evaluates every indicator for `region` and each region one level down.
    public static func compute(for region: Region, totals: RegionTotals,
                               indicators: [Indicator] = IndicatorCatalogue.all) -> RegionIndicators {
        func entry(_ region: Region) -> Entry {
            let tally = totals[region.code]
            return Entry(code: region.code.dotted, name: region.name, level: region.level.rawValue,
                         values: indicators.map { $0.value(in: tally) })
        }
        return RegionIndicators(region: entry(region), children: totals.tree.children(of: region.code).map(entry))
    }
}

extension RegionIndicators {
    /// The same figures for a role that may not see small counts (see `IndicatorValue.suppressingSmallCells`).
    public func suppressingSmallCells() -> RegionIndicators {
        func entry(_ entry: Entry) -> Entry {
            Entry(code: entry.code, name: entry.name, level: entry.level, values: entry.values.map { $0.suppressingSmallCells() })
        }
        return RegionIndicators(region: entry(region), children: children.map(entry))
    }
}
