import Foundation

/// Programme coverage as an indicator: the share of desil-1 families that at least one programme reaches. Its counts
/// come from the enrolments (`CoverageTally`), not from a region's registry tally, so it is no member of
/// `IndicatorCatalogue`: the map and the priority ranking ask for it by its id and are given its values.
/// Higher is better: in a ranking, low coverage ("cakupan rendah") raises an area.
public enum CoverageIndicator {
    public static let id = "desil1_coverage"

    public static let indicator = Indicator(
        id: id, nameID: "Cakupan program keluarga desil 1", nameEN: "Desil-1 families reached by a programme",
        definition: "families in desil 1 reached by at least one programme / families in desil 1", unit: .percent,
        direction: .higherIsBetter, subject: .families, numerator: { _ in FamilyCounts() }, denominator: { _ in FamilyCounts() },
        meaninglessSplits: Set(FamilyCounts.dimensions.map(\.name)))

    /// The value of an area: its desil-1 families some programme reaches, of its desil-1 families.
    public static func value(_ tally: CoverageTally) -> IndicatorValue {
        IndicatorValue(indicator: id, count: tally.families[0] - tally.desil1UnreachedFamilies, denominator: tally.families[0], splits: [])
    }

    /// The values of `areas` as a reader may see them: exact, or (`restricted`, for partners and viewers) each withheld
    /// whose reached or unreached count is under 5, or could be worked out from `parent` and the other areas
    /// (`CellSuppression.complementary`, as the coverage API does).
    public static func values(_ areas: [RegionCode: CoverageTally], parent: CoverageTally, restricted: Bool) -> [RegionCode: IndicatorValue] {
        var values: [RegionCode: IndicatorValue] = [:]
        for (code, tally) in areas { values[code] = value(tally) }
        guard restricted else { return values }
        let codes = areas.keys.sorted()
        func hidden(_ figure: (CoverageTally) -> Int) -> [CellSuppression.Reason?] {
            let figures = [figure(parent)] + codes.map { figure(areas[$0] ?? CoverageTally()) }
            return Array(ComplementarySuppression.suppress(figures, relations: [Array(figures.indices)]).dropFirst())
        }
        let reached = hidden { $0.families[0] - $0.desil1UnreachedFamilies }
        let unreached = hidden(\.desil1UnreachedFamilies)
        for (index, code) in codes.enumerated() {
            guard let reason = reached[index] ?? unreached[index] else { continue }
            values[code]?.suppression = reason
        }
        return values
    }
}
