import LumbungDomain

/// The one rule every list of "the poorest areas" follows unless the reader changes it on the ranking page: the
/// default weights, areas of at least `ComparableArea.minimumFamilies` families, and every rate shrunk toward the
/// parent region's (`RateShrinkage`, empirical Bayes). The ranking's default, Beranda's priority areas and the
/// Ringkasan's priority sentence are all made here, so they name the same poorest area.
///
/// Why shrinkage is on by default: the minimum keeps areas of 2 or 3 families out, but an area just above it
/// (30–60 families) still swings by several points with each family, and a reader who lowers the minimum would
/// otherwise see tiny areas on top again. Shrinking moves a large area's rate hardly at all (a desa of 400
/// families keeps ≥ 90 % of its own rate whenever the areas really differ) and a small one most of the way to
/// its region's rate, so a ranking the board defends does not hinge on one or two families.
extension PriorityRanking {
    /// Whether rates are shrunk when the reader says nothing (`penyusutan` absent).
    public static let shrinksByDefault = true

    /// The rates a ranking within `region` shrinks toward: the region's own rate of each weighted indicator, without
    /// those `disclosure` withholds from the reader.
    public static func parentRates(of region: RegionCode, weights: [Weight], totals: RegionTotals,
                                   disclosure: DisclosurePlan? = nil) -> [String: Double] {
        var rates: [String: Double] = [:]
        for weight in weights {
            guard disclosure?.suppression(region, indicator: weight.indicator) == nil,
                  let rate = IndicatorCatalogue.indicator(weight.indicator)?.value(in: totals[region]).percent else { continue }
            rates[weight.indicator] = rate
        }
        return rates
    }

    /// The default ranking of `areas` (already held to the minimum) within `region`: default weights, shrinkage.
    public static func standard(_ areas: [(region: Region, tally: RegionTally)], within region: RegionCode, totals: RegionTotals,
                                disclosure: DisclosurePlan? = nil, trials: Int = 0) -> PriorityRanking {
        PriorityRanking(areas: areas, weights: defaultWeights, trials: trials, disclosure: disclosure,
                        shrinkToward: shrinksByDefault ? parentRates(of: region, weights: defaultWeights, totals: totals, disclosure: disclosure) : nil)
    }

    /// The default ranking of the regions one level below `region` (kabupaten of the province, kecamatan of a
    /// kabupaten, desa of a kecamatan) with at least `ComparableArea.minimumFamilies` families.
    public static func standardOfChildren(_ region: RegionCode, totals: RegionTotals, disclosure: DisclosurePlan? = nil) -> PriorityRanking {
        let areas = totals.tree.children(of: region).map { ($0, totals[$0.code]) }
            .filter { ComparableArea.isCompared(families: $0.1.families) }
        return standard(areas, within: region, totals: totals, disclosure: disclosure)
    }
}
