import LumbungDomain

/// The priority ranking of areas (desa/kelurahan or kecamatan) within a region: a weighted composite of
/// min-max normalised indicator rates, transparent component by component, with a stability check.
///
/// Score = 100 × Σ wᵢ·normᵢ / Σ wᵢ, where normᵢ is the area's rate of indicator i scaled between the
/// lowest (0) and highest (1) rate among the areas ranked (an indicator where higher is better is
/// turned around). Rates of small areas swing more: every row also shows the absolute counts.
///
/// **For partners and viewers** (a `DisclosurePlan` given) the ranking is computed only from what they may
/// see, so no score, rank or rank range can be solved back into a hidden count: a component the plan withholds
/// has no rate, no normalised value and no points; the bounds of each indicator are the lowest and highest
/// *visible* rates; and the score of a row with withheld components is taken over its visible components
/// only (Score = 100 × Σ wᵢ·normᵢ / Σ wᵢ, both sums over the visible components, listed in `withheld`).
/// Every number shown is then a function of shown numbers and the weights: the probe's line through two rows'
/// normalised values finds no normalised value for the hidden row, and score minus the visible points is 0.
public struct PriorityRanking: Sendable {
    /// An indicator and how much it counts.
    public struct Weight: Sendable, Codable, Equatable {
        public let indicator: String
        public let weight: Double

        public init(indicator: String, weight: Double) {
            self.indicator = indicator
            self.weight = weight
        }
    }

    /// The documented default: extreme poverty first (desil 1 weighted highest), then the wider poor,
    /// housing and basic services, children out of school and disability.
    public static let defaultWeights: [Weight] = [
        .init(indicator: "desil1_families", weight: 3), .init(indicator: "desil1to4_families", weight: 2),
        .init(indicator: "unfit_housing", weight: 1), .init(indicator: "no_safe_water", weight: 1),
        .init(indicator: "no_sanitation", weight: 1), .init(indicator: "out_of_school", weight: 1),
        .init(indicator: "disability", weight: 1),
    ]

    /// One indicator's part in an area's score.
    public struct Component: Sendable, Encodable {
        public let indicator: String
        /// The rate and the count; both `nil` when withheld for a role that may not see counts under 5.
        public let percent: Double?
        public let count: Int?
        /// The rate shrunk toward the parent's (empirical Bayes), the one scored; `nil` without shrinkage or when withheld.
        public let shrunkPercent: Double?
        /// 0…1 among the areas ranked; `nil` when withheld.
        public let normalized: Double?
        /// Points of the 0–100 score this indicator gives; `nil` when withheld.
        public let contribution: Double?
        /// Why the component is withheld (`DisclosurePlan`), `nil` when shown.
        public let suppression: CellSuppression.Reason?
    }

    public struct Row: Sendable, Encodable {
        public let code: String
        public let name: String
        public let rank: Int
        public let score: Double
        /// `nil` when withheld for a role that may not see counts under 5.
        public let families: Int?
        public let people: Int?
        /// Why `families` or `people` is withheld (`nil` when shown).
        public let familiesSuppression: CellSuppression.Reason?
        public let peopleSuppression: CellSuppression.Reason?
        public let components: [Component]
        /// The indicators withheld in this row, left out of its score (always empty for full-rights roles).
        public let withheld: [String]
        /// The external indicators (`ExternalIndicator`) with no published value for this area, left out of its score:
        /// no value is not 0.
        public let missing: [String]
        /// The best and worst rank the area takes when every weight varies by ±25 %.
        public let rankRange: [Int]

        /// Why the area ranks where it does: the components with a shown rate that give it the most points, largest first
        /// (ties in the weights' order), at most `limit`. Beranda's reasons and the Ringkasan name these.
        public func leadingComponents(_ limit: Int = 2) -> [Component] {
            components.enumerated().filter { ($0.element.contribution ?? 0) > 0 && $0.element.percent != nil }
                .sorted { ($0.element.contribution ?? 0, -$0.offset) > ($1.element.contribution ?? 0, -$1.offset) }
                .prefix(limit).map(\.element)
        }
    }

    public struct Stability: Sendable, Encodable {
        public let trials: Int
        public let weightVariation: Double
        /// How many of the top areas (up to 20) stay among the top in every trial.
        public let top: Int
        public let stayedInTop: Int
    }

    public let rows: [Row]
    public let weights: [Weight]
    /// Whether rates were shrunk toward the parent's before scoring.
    public let shrunk: Bool
    public let stability: Stability

    /// Why weights cannot be used.
    public enum WeightError: Error, Equatable, Sendable {
        case unreadable(String)
        /// A known indicator with a weight that is not a number (`w_desil1_families=abc` on the ranking form).
        case notANumber(String, text: String)
        case unknownIndicator(String)
        case negative(String)
        /// Above `maximumWeight`: sums of such weights overflow to infinity and every score becomes NaN.
        case tooLarge(String)
        case allZero

        public var message: String {
            switch self {
            case .unreadable(let text): "Weight '\(text)' is not indicator:number."
            case .notANumber(let id, let text): "The weight of \(id) is not a number: '\(text)'."
            case .unknownIndicator(let id): "Unknown indicator '\(id)'."
            case .negative(let id): "The weight of \(id) is negative."
            case .tooLarge(let id): "The weight of \(id) is above \(Int(saturating: PriorityRanking.maximumWeight))."
            case .allZero: "All weights are zero."
            }
        }

        public var indonesianMessage: String {
            switch self {
            case .unreadable(let text): "bobot '\(text)' bukan indikator:angka"
            case .notANumber(let id, let text): "bobot \(Self.name(id)) bukan angka: '\(text)'"
            case .unknownIndicator(let id): "indikator '\(id)' tidak dikenal"
            case .negative(let id): "bobot \(Self.name(id)) negatif"
            case .tooLarge(let id): "bobot \(Self.name(id)) lebih dari \(IndonesianNumber.format(Int(saturating: PriorityRanking.maximumWeight)))"
            case .allZero: "semua bobot nol"
            }
        }

        /// The indicator an id names, in words for a message ("“Keluarga desil 1”"), never the internal id.
        static func name(_ id: String) -> String {
            "“\(PriorityRanking.indicator(id)?.nameID ?? id)”"
        }

        /// The indicator whose weight is wrong, if the error is about one.
        public var indicator: String? {
            switch self {
            case .negative(let id), .tooLarge(let id), .notANumber(let id, _): id
            default: nil
            }
        }
    }

    /// The indicators a ranking can weigh: the rates (a count would favour big areas), and programme coverage of
    /// desil-1 families (`CoverageIndicator`, optional: low coverage raises an area).
    public static let rankableIndicators = IndicatorCatalogue.all.filter { $0.unit == .percent } + [CoverageIndicator.indicator]

    /// The indicator a weight names: one of the catalogue's, programme coverage, or one of `external`.
    public static func indicator(_ id: String, external: [ExternalIndicator] = []) -> Indicator? {
        if id == CoverageIndicator.id { return CoverageIndicator.indicator }
        return IndicatorCatalogue.indicator(id) ?? external.first { $0.id == id && $0.unit.isRate }?.rankingIndicator
    }

    /// An external indicator's part in a ranking: the indicator and each area's published rate in percent (an area
    /// without one is missing, not 0).
    public struct GivenRates: Sendable {
        public let indicator: Indicator
        public let percent: [RegionCode: Double]

        public init(_ external: ExternalIndicator, values: [RegionCode: Double]) {
            indicator = external.rankingIndicator
            percent = values.compactMapValues { external.unit.percent($0) }
        }
    }

    /// The largest weight accepted: weights are relative, and far larger ones only serve to overflow.
    public static let maximumWeight = 1_000.0

    /// Parses `desil1_families:3,unfit_housing:1`.
    /// `external`: the stored external indicators a weight may name too (rates only).
    public static func parseWeights(_ text: String, external: [ExternalIndicator] = []) throws(WeightError) -> [Weight] {
        var weights: [Weight] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespaceCompat() }
            guard pair.count == 2, let value = Double(pair[1]), value.isFinite else {
                if pair.count == 2, indicator(pair[0], external: external) != nil { throw .notANumber(pair[0], text: String(pair[1].prefix(40))) }
                throw .unreadable(String(part.prefix(80)))
            }
            guard indicator(pair[0], external: external) != nil else { throw .unknownIndicator(pair[0]) }
            guard value >= 0 else { throw .negative(pair[0]) }
            guard value <= maximumWeight else { throw .tooLarge(pair[0]) }
            weights.append(Weight(indicator: pair[0], weight: value))
        }
        guard weights.contains(where: { $0.weight > 0 }) else { throw .allZero }
        return weights
    }

    /// Ranks `areas` (each with its tally) by the weighted composite; with `disclosure`, as a partner or
    /// viewer may see it (see the type's documentation).
    ///
    /// `shrinkToward`: the parent region's rate (percent) of each indicator; when given, every area's rate is
    /// first shrunk toward it (`RateShrinkage`, empirical Bayes fitted on the shown rates only) and the shrunk
    /// rates are normalised and scored.
    ///
    /// `coverage`: each area's `CoverageIndicator` value (as the reader may see it), needed when a weight names it; an
    /// area without one has no data for it (normalised 0, as any rate without a denominator).
    public init(areas: [(region: Region, tally: RegionTally)], weights: [Weight] = PriorityRanking.defaultWeights,
                trials: Int = 200, variation: Double = 0.25, disclosure: DisclosurePlan? = nil,
                shrinkToward parentRates: [String: Double]? = nil, coverage: [RegionCode: IndicatorValue] = [:],
                given: [String: GivenRates] = [:]) {
        self.weights = weights
        let indicators = weights.compactMap { given[$0.indicator]?.indicator ?? Self.indicator($0.indicator) }
        let values = areas.map { area in
            indicators.map { indicator in
                if given[indicator.id] != nil { return IndicatorValue.given(indicator.id) }
                guard indicator.id == CoverageIndicator.id else { return indicator.value(in: area.tally) }
                return coverage[area.region.code] ?? CoverageIndicator.value(CoverageTally())
            }
        }
        // Published rates of external indicators, and where an area has none (left out of its score, not 0).
        var missing: [[Bool]] = areas.map { _ in indicators.map { _ in false } }
        // What each row may show of each component.
        let hidden: [[CellSuppression.Reason?]] = areas.indices.map { row in
            indicators.indices.map { index in
                indicators[index].id == CoverageIndicator.id
                    ? values[row][index].suppression : disclosure?.suppression(areas[row].region.code, indicator: indicators[index].id)
            }
        }
        // The rate each component is scored on: its own, or shrunk toward the parent's.
        var rates: [[Double?]] = values.map { $0.map(\.percent) }
        for (index, indicator) in indicators.enumerated() {
            guard let published = given[indicator.id] else { continue }
            for row in areas.indices {
                rates[row][index] = published.percent[areas[row].region.code]
                missing[row][index] = rates[row][index] == nil
            }
        }
        if let parentRates {
            for index in indicators.indices {
                guard let parent = parentRates[indicators[index].id], parent.isFinite else { continue }
                let shown = values.indices.compactMap { row -> (count: Int, total: Int)? in
                    guard hidden[row][index] == nil, let total = values[row][index].denominator else { return nil }
                    return (values[row][index].count, total)
                }
                let fit = RateShrinkage(parentRate: parent / 100, areas: shown)
                for row in values.indices {
                    guard let total = values[row][index].denominator, total > 0 else { continue }
                    rates[row][index] = 100 * fit.rate(count: values[row][index].count, total: total)
                }
            }
        }
        self.shrunk = parentRates != nil
        // Min and max of each indicator's shown rates among the areas.
        let bounds: [(Double, Double)] = indicators.indices.map { index in
            let shownRates = values.indices.compactMap { hidden[$0][index] == nil ? rates[$0][index] : nil }
            return (shownRates.min() ?? 0, shownRates.max() ?? 0)
        }
        let normalized: [[Double?]] = values.indices.map { row in
            indicators.indices.map { index in
                guard hidden[row][index] == nil, !missing[row][index] else { return nil }
                guard let rate = rates[row][index] else { return 0 }
                let (low, high) = bounds[index]
                let scaled = high > low ? (rate - low) / (high - low) : 0
                return indicators[index].direction == .higherIsWorse ? scaled : 1 - scaled
            }
        }
        /// The weight each row's score is divided by: the sum over its shown components.
        func totals(_ w: [Double]) -> [Double] {
            normalized.map { row in zip(row, w).reduce(0.0) { $0 + ($1.0 == nil ? 0 : $1.1) } }
        }
        func scores(_ w: [Double]) -> [Double] {
            zip(normalized, totals(w)).map { row, total in
                total > 0 ? 100 * zip(row, w).reduce(0.0) { $0 + ($1.0 ?? 0) * $1.1 } / total : 0
            }
        }
        // Ties go to the lower code: each area's place in code order, worked out once, not compared as text in every trial.
        var codeRank = [Int](repeating: 0, count: areas.count)
        for (position, index) in areas.indices.sorted(by: { areas[$0].region.code < areas[$1].region.code }).enumerated() {
            codeRank[index] = position
        }
        func ranks(_ scores: [Double]) -> [Int] {
            let order = scores.indices.sorted { (scores[$0], codeRank[$1]) > (scores[$1], codeRank[$0]) }
            var rank = [Int](repeating: 0, count: scores.count)
            for (position, index) in order.enumerated() { rank[index] = position + 1 }
            return rank
        }
        let base = weights.map(\.weight)
        let baseScores = scores(base)
        let baseRanks = ranks(baseScores)
        var best = baseRanks, worst = baseRanks
        let top = min(20, areas.count)
        var alwaysTop = Set(baseRanks.indices.filter { baseRanks[$0] <= top })
        var random = RankingRandom(seed: 0x4C_4B4B53)
        for _ in 0..<trials {
            let varied = base.map { $0 * (1 - variation + 2 * variation * random.unit()) }
            let trial = ranks(scores(varied))
            for index in trial.indices {
                best[index] = min(best[index], trial[index])
                worst[index] = max(worst[index], trial[index])
                if trial[index] > top { alwaysTop.remove(index) }
            }
        }
        let rowTotals = totals(base)
        func hides(_ region: Region, _ indicator: String) -> CellSuppression.Reason? {
            disclosure?.suppression(region.code, indicator: indicator)
        }
        rows = areas.indices.sorted { baseRanks[$0] < baseRanks[$1] }.map { index in
            let total = rowTotals[index], region = areas[index].region
            return Row(code: region.code.dotted, name: region.name, rank: baseRanks[index],
                       score: (baseScores[index] * 100).rounded() / 100,
                       families: hides(region, "families") == nil ? areas[index].tally.families : nil,
                       people: hides(region, "people") == nil ? areas[index].tally.people : nil,
                       familiesSuppression: hides(region, "families"), peopleSuppression: hides(region, "people"),
                       components: indicators.indices.map { i in
                           if missing[index][i] {
                               return Component(indicator: indicators[i].id, percent: nil, count: nil, shrunkPercent: nil, normalized: nil, contribution: nil,
                                                suppression: nil)
                           }
                           if given[indicators[i].id] != nil, let norm = normalized[index][i] {
                               return Component(indicator: indicators[i].id, percent: rates[index][i].map { ($0 * 100).rounded() / 100 }, count: nil,
                                                shrunkPercent: nil, normalized: (norm * 1000).rounded() / 1000,
                                                contribution: total > 0 ? (100 * base[i] * norm / total * 100).rounded() / 100 : 0, suppression: nil)
                           }
                           guard let norm = normalized[index][i] else {
                               return Component(indicator: indicators[i].id, percent: nil, count: nil, shrunkPercent: nil, normalized: nil, contribution: nil,
                                                suppression: hidden[index][i])
                           }
                           return Component(indicator: indicators[i].id, percent: values[index][i].percent.map { ($0 * 100).rounded() / 100 },
                                            count: values[index][i].count,
                                            shrunkPercent: parentRates == nil ? nil : rates[index][i].map { ($0 * 100).rounded() / 100 },
                                            normalized: (norm * 1000).rounded() / 1000,
                                            contribution: total > 0 ? (100 * base[i] * norm / total * 100).rounded() / 100 : 0, suppression: nil)
                       },
                       withheld: indicators.indices.filter { hidden[index][$0] != nil }.map { indicators[$0].id },
                       missing: indicators.indices.filter { missing[index][$0] }.map { indicators[$0].id },
                       rankRange: [best[index], worst[index]])
        }
        stability = Stability(trials: trials, weightVariation: variation, top: top, stayedInTop: alwaysTop.count)
    }
}

/// A small deterministic generator, so the stability check gives the same answer every time.
struct RankingRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1.0p-53
    }
}

extension Substring {
    func trimmingWhitespaceCompat() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
