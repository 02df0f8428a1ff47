/// A baseline (tahun dasar): the value an indicator had in a region in a year, and where it comes from.
public struct Baseline: Sendable, Equatable, Codable {
    public let value: Double
    public let year: Int
    public let source: String

    public init(value: Double, year: Int, source: String) {
        self.value = value
        self.year = year
        self.source = source
    }
}

/// What a region aims for with one indicator: its baseline and a target per year.
///
/// Values are in the indicator's unit: percent for rates (12.5 means 12,5 %), people or families for counts.
public struct TargetPlan: Sendable, Equatable {
    public let indicator: String
    public let region: RegionCode
    /// The part of the indicator the plan is about (`all`, or one group of one of its splits).
    public let split: TargetSplit
    public var baseline: Baseline?
    /// Year → target value.
    public var targets: [Int: Double]

    public init(indicator: String, region: RegionCode, split: TargetSplit = .all, baseline: Baseline? = nil, targets: [Int: Double] = [:]) {
        self.indicator = indicator
        self.region = region
        self.split = split
        self.baseline = baseline
        self.targets = targets
    }

    /// The problems of this plan as a whole: a baseline year after a target year, a negative value.
    public var problems: [MonitoringProblem] {
        var problems: [MonitoringProblem] = []
        if let baseline {
            if baseline.value < 0 { problems.append(.valueNegative(baseline.value)) }
            if let first = targets.keys.min(), first < baseline.year { problems.append(.baselineAfterTarget(baselineYear: baseline.year, targetYear: first)) }
        }
        for (_, value) in targets.sorted(by: { $0.key < $1.key }) where value < 0 { problems.append(.valueNegative(value)) }
        return problems
    }

    /// The target of `year`, if one is set.
    public func target(in year: Int) -> Double? { targets[year] }

    /// Targets derived from the baseline: "turun `percent` % per tahun", compounded — each year's target is the
    /// previous year's times (1 − percent/100), starting from the baseline value in its year; for years after
    /// the baseline year up to `lastYear`.
    public static func derived(from baseline: Baseline, reducingBy percent: Double, through lastYear: Int) throws(MonitoringProblem) -> [Int: Double] {
        guard percent >= 0, percent <= 100, percent.isFinite else { throw .reductionOutOfRange(percent) }
        guard TargetYear.range.contains(lastYear) else { throw .yearOutOfRange(lastYear) }
        var targets: [Int: Double] = [:]
        var value = baseline.value
        var year = baseline.year
        while year < lastYear {
            year += 1
            value *= 1 - percent / 100
            targets[year] = value
        }
        return targets
    }
}

extension IndonesianNumber {
    /// `12,5`, `1.234`, `0,33` — at most two decimals, decimal comma, thousands with dots.
    public static func decimal(_ value: Double) -> String {
        decimal(value, whole: format, point: ",")
    }

    /// `12.5`, `1,234`, `0.33` — the same in English.
    public static func decimalEnglish(_ value: Double) -> String {
        decimal(value, whole: formatEnglish, point: ".")
    }

    private static func decimal(_ value: Double, whole format: (Int) -> String, point: String) -> String {
        guard value.isFinite else { return "–" }
        let hundredths = Int(saturating: abs(value) * 100, rounding: .toNearestOrAwayFromZero)
        let whole = format(hundredths / 100)
        let fraction = hundredths % 100
        let sign = value < 0 && hundredths > 0 ? "-" : ""
        if fraction == 0 { return sign + whole }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return sign + whole + point + digits
    }
}

extension TargetPlan {
    /// The plan as the command line and the API write it:
    /// `{"indicator": …, "region": "52.03", "split": "all" | "sex=female", "baseline": {"value": …, "year": …, "source": …} | null, "targets": [{"year": …, "value": …}]}`.
    public struct Document: Sendable, Encodable, Equatable {
        public struct YearValue: Sendable, Encodable, Equatable {
            public let year: Int
            public let value: Double
        }
        public let indicator: String
        public let region: String
        public let split: String
        public let baseline: Baseline?
        public let targets: [YearValue]

        enum CodingKeys: String, CodingKey { case indicator, region, split, baseline, targets }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(indicator, forKey: .indicator)
            try container.encode(region, forKey: .region)
            try container.encode(split, forKey: .split)
            try container.encode(baseline, forKey: .baseline)
            try container.encode(targets, forKey: .targets)
        }
    }

    public var document: Document {
        Document(indicator: indicator, region: region.dotted, split: split.key, baseline: baseline,
                 targets: targets.sorted { $0.key < $1.key }.map { Document.YearValue(year: $0.key, value: $0.value) })
    }
}
