/// A welfare indicator: a count of people or families over a denominator, computed from a region's tally,
/// and split along the dimensions its records carry (sex, age band, disability for people; the head's
/// sex and the members a family includes for families).
///
/// The catalogue covers the board's questions: who is vulnerable (desil, disability, elderly, children),
/// which areas are poorest (desil 1 and 1–4 shares, housing and services), and data quality.
public struct Indicator: Sendable, Identifiable {
    /// Whether a higher value is worse (most social indicators) or better.
    public enum Direction: String, Sendable, Codable { case higherIsWorse = "higher_is_worse", higherIsBetter = "higher_is_better" }

    /// What the value is.
    public enum Unit: String, Sendable, Codable { case count, percent }

    /// What is counted.
    public enum Subject: String, Sendable, Codable { case people, families }

    public let id: String
    public let nameID: String
    public let nameEN: String
    /// Plain-words definition, e.g. "families in desil 1 / all families".
    public let definition: String
    public let unit: Unit
    public let direction: Direction
    public let subject: Subject
    /// Numerator and denominator from a tally; the denominator is `nil` for a plain count.
    let numerator: @Sendable (RegionTally) -> any Disaggregated
    let denominator: (@Sendable (RegionTally) -> any Disaggregated)?
    /// Splits that say nothing for this indicator (an age split of "elderly 60+"), left out.
    let meaninglessSplits: Set<String>

    /// The splits the indicator supports, e.g. `["sex", "age_band", "disability"]`.
    public var disaggregations: [String] {
        let dimensions = subject == .people ? PersonCounts.dimensions : FamilyCounts.dimensions
        return dimensions.map(\.name).filter { !meaninglessSplits.contains($0) }
    }

    /// The indicator's value in a region, with each split's groups.
    public func value(in tally: RegionTally) -> IndicatorValue {
        let counts = numerator(tally)
        let base = denominator?(tally)
        var splits: [IndicatorValue.Split] = []
        for (index, dimension) in type(of: counts).dimensions.enumerated() where !meaninglessSplits.contains(dimension.name) {
            splits.append(IndicatorValue.Split(by: dimension.name, groups: dimension.groups.enumerated().map { group, name in
                IndicatorValue.Group(group: name, count: counts.count(dimension: index, group: group),
                                     denominator: base?.count(dimension: index, group: group))
            }))
        }
        return IndicatorValue(indicator: id, count: counts.total, denominator: base?.total, splits: splits)
    }
}

/// One indicator's figure for one region: the count, for rates the denominator and percentage, and
/// the same for every group of every split.
public struct IndicatorValue: Sendable, Encodable, Equatable {
    /// One group of a split, e.g. the women among the people of desil 1.
    public struct Group: Sendable, Encodable, Equatable {
        public let group: String
        public let count: Int
        public let denominator: Int?
        public let percent: Double?
        /// Why the figure is withheld for a role that may not see small counts (`DisclosurePlan`), `nil` when shown.
        public internal(set) var suppression: CellSuppression.Reason?
        /// Withheld for a role that may not see small counts.
        public var suppressed: Bool { suppression != nil }

        init(group: String, count: Int, denominator: Int?) {
            self.group = group
            self.count = count
            self.denominator = denominator
            self.percent = IndicatorValue.percent(count, of: denominator)
        }

        enum CodingKeys: String, CodingKey { case group, count, denominator, percent, suppressed, suppression }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try IndicatorValue.encodeFigures(count: count, denominator: denominator, percent: percent, suppression: suppression, into: &container)
        }
    }

    /// A split of the value along one dimension.
    public struct Split: Sendable, Encodable, Equatable {
        public let by: String
        public let groups: [Group]
    }

    public let indicator: String
    public let count: Int
    public let denominator: Int?
    public let percent: Double?
    public internal(set) var splits: [Split]
    /// Why the figure is withheld for a role that may not see small counts (`DisclosurePlan`), `nil` when shown.
    public internal(set) var suppression: CellSuppression.Reason?
    /// Withheld for a role that may not see small counts.
    public var suppressed: Bool { suppression != nil }

    enum CodingKeys: String, CodingKey { case indicator, count, denominator, percent, suppressed, suppression, splits }

    /// A withheld figure is written with `count`, `denominator` and `percent` null, `"suppressed": true` and
    /// `"suppression": "small"` (1–4) or `"complementary"` (hidden so that no sum gives a small one back).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(indicator, forKey: .indicator)
        try Self.encodeFigures(count: count, denominator: denominator, percent: percent, suppression: suppression, into: &container)
        try container.encode(splits, forKey: .splits)
    }

    static func encodeFigures<Key: CodingKey>(count: Int, denominator: Int?, percent: Double?, suppression: CellSuppression.Reason?,
                                               into container: inout KeyedEncodingContainer<Key>) throws {
        let keys = ["count", "denominator", "percent", "suppressed", "suppression"].compactMap { Key(stringValue: $0) }
        if let suppression {
            try container.encodeNil(forKey: keys[0])
            try container.encodeNil(forKey: keys[1])
            try container.encodeNil(forKey: keys[2])
            try container.encode(true, forKey: keys[3])
            try container.encode(suppression.rawValue, forKey: keys[4])
        } else {
            try container.encode(count, forKey: keys[0])
            try container.encodeIfPresent(denominator, forKey: keys[1])
            try container.encodeIfPresent(percent, forKey: keys[2])
        }
    }

    init(indicator: String, count: Int, denominator: Int?, splits: [Split]) {
        self.indicator = indicator
        self.count = count
        self.denominator = denominator
        self.percent = Self.percent(count, of: denominator)
        self.splits = splits
    }

    /// The figure for one group, e.g. `group("sex", "female")`.
    public func group(_ split: String, _ group: String) -> Group? {
        splits.first { $0.by == split }?.groups.first { $0.group == group }
    }

    static func percent(_ count: Int, of denominator: Int?) -> Double? {
        guard let denominator, denominator > 0 else { return nil }
        return 100 * Double(count) / Double(denominator)
    }
}
