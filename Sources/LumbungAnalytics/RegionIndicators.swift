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

        /// The entry with one more value (a figure not computed from the registry tally, such as programme coverage).
        public func appending(_ value: IndicatorValue) -> Entry {
            Entry(code: code, name: name, level: level, values: values + [value])
        }
    }

    public let region: Entry
    public let children: [Entry]
    /// Made for a partner or viewer by `disclosed(by:)`.
    public private(set) var isDisclosed = false

    enum CodingKeys: String, CodingKey { case region, children }

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
    /// The same figures as a partner or viewer sees them: what `plan` withholds is marked (JSON null, "<5" or "×").
    public func disclosed(by plan: DisclosurePlan) -> RegionIndicators {
        func entry(_ entry: Entry) -> Entry {
            guard let code = try? RegionCode(entry.code) else { return entry }
            return Entry(code: entry.code, name: entry.name, level: entry.level, values: entry.values.map { plan.disclosed($0, in: code) })
        }
        var disclosed = RegionIndicators(region: entry(region), children: children.map(entry))
        disclosed.isDisclosed = true
        return disclosed
    }
}
