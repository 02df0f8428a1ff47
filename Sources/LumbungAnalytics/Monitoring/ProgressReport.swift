import LumbungDomain

/// Progress of one indicator in one region and the regions one level down (the Pemantauan page, its XLSX and API):
/// the value at each snapshot (realisasi), the baseline and the targets, and the capaian of the latest snapshot
/// against the target of its year, graded by score bands.
///
/// Values are the indicator's percent for rates and its count for counts, as the reader may see them: a figure the
/// disclosure plan withholds has no value and so no capaian.
public struct ProgressReport: Sendable {
    /// One snapshot's figures, as the reader may see them.
    public struct Release: Sendable {
        public let name: String
        public let date: CalendarDate
        public let totals: RegionTotals
        public let disclosure: DisclosurePlan?

        public init(name: String, date: CalendarDate, totals: RegionTotals, disclosure: DisclosurePlan?) {
            self.name = name
            self.date = date
            self.totals = totals
            self.disclosure = disclosure
        }
    }

    /// The value of the indicator at one snapshot.
    public struct Point: Sendable, Encodable, Equatable {
        public let snapshot: String
        public let date: String
        /// `nil` when withheld or undefined (a rate over nobody).
        public let value: Double?
        /// What the reader sees: `12,5%`, `1.234`, `<5`, `×` or `–`.
        public let text: String
    }

    /// One region's line of the table.
    public struct Row: Sendable, Encodable {
        public let code: String
        public let name: String
        /// The latest snapshot's value, and as text.
        public let value: Double?
        public let valueText: String
        public let baseline: Baseline?
        /// The target of `year`.
        public let target: Double?
        public let capaian: Double?
        public let band: ScoreBands.Band?
    }

    public let indicator: Indicator
    public let region: Region
    /// The part of the indicator followed: all, or one group of a split (values, baselines and targets are that group's).
    public let split: TargetSplit
    /// The year the capaian is measured for: the latest snapshot's (or `fallbackYear` without snapshots).
    public let year: Int
    public let trend: [Point]
    public let plan: TargetPlan
    public let overall: Row
    /// Regions one level down, lowest capaian first (those without one last, by code).
    public let children: [Row]

    /// - Parameters:
    ///   - releases: the snapshots, oldest first.
    ///   - plans: the stored plans of the indicator at or below `region` (those of other splits are left aside).
    ///   - split: all, or the group of a split whose values (`IndicatorValue.group`) are followed.
    public init(indicator: Indicator, region: Region, tree: RegionTree, releases: [Release], plans: [TargetPlan], bands: ScoreBands,
                fallbackYear: Int, split: TargetSplit = .all) {
        self.indicator = indicator
        self.region = region
        self.split = split
        let latest = releases.last
        year = latest?.date.year ?? fallbackYear
        let byRegion = Dictionary(plans.filter { $0.split == split }.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
        func figure(_ release: Release, _ code: RegionCode) -> (Double?, String) {
            var value = indicator.value(in: release.totals[code])
            if let plan = release.disclosure { value = plan.disclosed(value, in: code) }
            var (count, percent, suppression) = (value.count, value.percent, value.suppression)
            if let name = split.split, let groupName = split.group {
                guard let group = value.group(name, groupName) else { return (nil, "–") }
                (count, percent, suppression) = (group.count, group.percent, group.suppression ?? suppression)
            }
            if let suppression { return (nil, suppression.text) }
            switch indicator.unit {
            case .percent: return (percent, IndonesianNumber.percent(percent))
            case .count: return (Double(count), IndonesianNumber.format(count))
            }
        }
        trend = releases.map { release in
            let (value, text) = figure(release, region.code)
            return Point(snapshot: release.name, date: release.date.description, value: value, text: text)
        }
        let year = self.year
        func row(_ area: Region) -> Row {
            let plan = byRegion[area.code]
            let (value, text) = latest.map { figure($0, area.code) } ?? (nil, "–")
            let target = plan?.target(in: year)
            let capaian = value.flatMap { realised in target.flatMap { Achievement.percent(realisation: realised, target: $0, direction: indicator.direction) } }
            return Row(code: area.code.dotted, name: area.name, value: value, valueText: text, baseline: plan?.baseline, target: target,
                       capaian: capaian, band: capaian.map(bands.band(of:)))
        }
        plan = byRegion[region.code] ?? TargetPlan(indicator: indicator.id, region: region.code, split: split)
        overall = row(region)
        children = tree.children(of: region.code).map(row).sorted { a, b in
            switch (a.capaian, b.capaian) {
            case let (x?, y?): x != y ? x < y : a.code < b.code
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.code < b.code
            }
        }
    }
}
