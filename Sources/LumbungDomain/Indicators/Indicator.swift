/// A welfare indicator: a count of people or families over a denominator, computed from a region's tally.
///
/// The catalogue covers the board's questions: who is vulnerable (desil, disability, elderly, children),
/// which areas are poorest (desil 1 and 1–4 shares, housing and services), and data quality.
public struct Indicator: Sendable, Identifiable {
    /// Whether a higher value is worse (most social indicators) or better.
    public enum Direction: String, Sendable, Codable { case higherIsWorse = "higher_is_worse", higherIsBetter = "higher_is_better" }

    /// What the value is.
    public enum Unit: String, Sendable, Codable { case count, percent }

    public let id: String
    public let nameID: String
    public let nameEN: String
    /// Plain-words definition, e.g. "families in desil 1 / all families".
    public let definition: String
    public let unit: Unit
    public let direction: Direction
    /// Numerator and denominator from a tally; the denominator is `nil` for a plain count.
    let numerator: @Sendable (RegionTally) -> Int
    let denominator: (@Sendable (RegionTally) -> Int)?
    /// The numerator split by sex, where the records allow it.
    let bySex: (@Sendable (RegionTally) -> RegionTally.BySex)?

    /// The splits the indicator supports (`sex` where the records allow it).
    public var disaggregations: [String] { bySex == nil ? [] : ["sex"] }

    /// The indicator's value in a region.
    public func value(in tally: RegionTally) -> IndicatorValue {
        let count = numerator(tally)
        let base = denominator?(tally)
        let rate = base.map { $0 > 0 ? 100 * Double(count) / Double($0) : nil } ?? nil
        return IndicatorValue(indicator: id, count: count, denominator: base, percent: rate,
                              male: bySex?(tally).male, female: bySex?(tally).female)
    }
}

/// One indicator's figure for one region: the count, and for rates the denominator and percentage.
public struct IndicatorValue: Sendable, Codable, Equatable {
    public let indicator: String
    public let count: Int
    public let denominator: Int?
    public let percent: Double?
    public let male: Int?
    public let female: Int?
}
