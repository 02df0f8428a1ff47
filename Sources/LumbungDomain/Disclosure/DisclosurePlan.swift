/// What a partner or viewer may see of the aggregates of one region tree (a province and everything below
/// it): the one place that decides it, used by every page, API answer and summary that shows aggregates.
///
/// Every count any page can show — each indicator's count and denominator, in total and per group of each
/// split, for every region — is a figure (`FigureName`). The figures are tied by sums: the groups of a split
/// add up to the total, the regions one level down add up to their parent, the kinds of disability add up to
/// all disability, children are balita plus anak 5–17. `ComplementarySuppression` hides every figure of 1–4
/// and, across all of these sums at once, enough other figures that none of them gives a hidden figure back.
/// The plan is made once per province for all pages, so a figure hidden on one page (a desa among its
/// neighbours) is hidden on every other (the desa's own page).
///
/// A withheld figure carries no derived value either: no rate, no normalised score, no points in a ranking,
/// no sentence of a summary (callers ask `suppression(…)` before they print anything).
public struct DisclosurePlan: Sendable {
    private let regionIndex: [RegionCode: Int]
    private let nameIndex: [String: Int]
    private let reasons: [CellSuppression.Reason?]

    /// Plans what roles without `exactSmallCounts` see of every region at or below `root`.
    ///
    /// - Parameters:
    ///   - tree: the region hierarchy (parents are the sums of their children).
    ///   - root: usually the province: every page a user can reach shows only regions of one province.
    ///   - tally: each region's counts (empty for a region without records).
    public init(tree: RegionTree, root: RegionCode, tally: (RegionCode) -> RegionTally) {
        var regions: [RegionCode] = tree[root] == nil ? [] : [root]
        var next = 0
        while next < regions.count {
            regions.append(contentsOf: tree.children(of: regions[next]).map(\.code))
            next += 1
        }
        var names: [String: Int] = [:]
        func id(_ name: String) -> Int {
            if let known = names[name] { return known }
            names[name] = names.count
            return names.count - 1
        }
        let layouts = FigureName.layouts
        // Name ids of each indicator's figures, and the sums within one region (as name ids).
        var localSums = Set<[Int]>()
        for layout in layouts {
            _ = id(layout.total.numerator)
            if let denominator = layout.total.denominator { _ = id(denominator) }
            for split in layout.groups {
                localSums.insert([id(layout.total.numerator)] + split.groups.map { id($0.part.numerator) })
                if let denominator = layout.total.denominator {
                    localSums.insert([id(denominator)] + split.groups.map { id($0.part.denominator ?? denominator) })
                }
            }
        }
        let dimensions = PersonCounts.dimensions
        for sum in FigureName.crossSums {
            var within: [[String]] = [[]]
            for split in sum.within {
                within += dimensions.first { $0.name == split }.map { dimension in dimension.groups.map { ["\(split)=\($0)"] } } ?? []
            }
            for extra in within {
                let terms = ([sum.total] + sum.parts).map { names[FigureName.name(sum.subject, $0 + extra)] }
                if terms.allSatisfy({ $0 != nil }) { localSums.insert(terms.compactMap { $0 }) }
            }
        }
        for figure in FigureName.chartFigures { _ = id(figure.name) }
        for sum in FigureName.chartSums {
            let terms = sum.compactMap { names[$0] }
            if terms.count == sum.count { localSums.insert(terms) }
        }
        let width = names.count
        var values = [Int](repeating: 0, count: regions.count * width)
        for (position, code) in regions.enumerated() {
            let tally = tally(code)
            let base = position * width
            for layout in layouts {
                let value = layout.indicator.value(in: tally)
                values[base + names[layout.total.numerator]!] = value.count
                if let denominator = layout.total.denominator, let count = value.denominator { values[base + names[denominator]!] = count }
                for split in layout.groups {
                    for (group, part) in split.groups {
                        guard let figure = value.group(split.split, group) else { continue }
                        values[base + names[part.numerator]!] = figure.count
                        if let denominator = part.denominator, let count = figure.denominator { values[base + names[denominator]!] = count }
                    }
                }
            }
            for figure in FigureName.chartFigures { values[base + names[figure.name]!] = figure.count(tally) }
        }
        let index = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, $0) })
        var relations: [[Int]] = []
        for position in regions.indices {
            let base = position * width
            relations += localSums.map { sum in sum.map { base + $0 } }
            let children = tree.children(of: regions[position]).compactMap { index[$0.code] }
            guard !children.isEmpty else { continue }
            for name in 0..<width { relations.append([base + name] + children.map { $0 * width + name }) }
        }
        regionIndex = index
        nameIndex = names
        reasons = ComplementarySuppression.suppress(values, relations: relations)
    }

    /// Why a figure of `region` is withheld, `nil` when it may be shown: the indicator's value (`split` and
    /// `group` nil) or one group of a split; a rate is withheld when its count or its denominator is. A figure
    /// the plan does not know (another province, an unknown indicator or group) is withheld.
    public func suppression(_ region: RegionCode, indicator: String, split: String? = nil, group: String? = nil) -> CellSuppression.Reason? {
        guard let layout = FigureName.layouts.first(where: { $0.indicator.id == indicator }),
              let part = layout.part(split: split, group: group) else { return .complementary }
        return suppression(region, part)
    }

    private func suppression(_ region: RegionCode, _ part: FigureName.Layout.Part) -> CellSuppression.Reason? {
        guard let position = regionIndex[region] else { return .complementary }
        let width = nameIndex.count
        let reasons = ([part.numerator] + (part.denominator.map { [$0] } ?? [])).compactMap { name in
            nameIndex[name].flatMap { self.reasons[position * width + $0] }
        }
        return reasons.contains(.small) ? .small : reasons.first
    }

    /// Why the count of people of one age band and one sex (a bar of the population pyramid) is withheld, `nil` when shown.
    public func suppression(_ region: RegionCode, band: AgeBand, sex: Sex) -> CellSuppression.Reason? {
        suppression(region, FigureName.Layout.Part(numerator: FigureName.pyramid(band, sex), denominator: nil))
    }

    /// Why the count of families of one desil (1–10) is withheld, `nil` when shown.
    public func suppression(_ region: RegionCode, desil: Int) -> CellSuppression.Reason? {
        guard (1...10).contains(desil) else { return .complementary }
        return suppression(region, FigureName.Layout.Part(numerator: FigureName.desil(desil), denominator: nil))
    }

    /// The value as a partner or viewer sees it: every withheld figure marked (JSON writes it as null).
    public func disclosed(_ value: IndicatorValue, in region: RegionCode) -> IndicatorValue {
        var copy = value
        copy.suppression = suppression(region, indicator: value.indicator)
        copy.splits = value.splits.map { split in
            IndicatorValue.Split(by: split.by, groups: split.groups.map { group in
                var hidden = group
                hidden.suppression = suppression(region, indicator: value.indicator, split: split.by, group: group.group)
                return hidden
            })
        }
        return copy
    }
}
