import LumbungDomain
import LumbungStore

extension ProgressReport {
    /// Progress of an indicator another body publishes (`ExternalIndicator`): the trend is its published values in the
    /// region, the realisasi of each region its newest value, measured against the target of the year of the region's
    /// newest value (or of the newest value below it, or `fallbackYear` without any). A region without a value has no
    /// realisasi and no capaian — it is shown as such, never as 0. For a `restricted` reader a value the indicator withholds
    /// (a count of 1–4, `ExternalIndicator.withholds`) is shown as `<5`, with no number, no capaian and no band (a capaian
    /// against a known target would give the value back).
    public init(external: ExternalIndicator, region: Region, tree: RegionTree, values: [ExternalIndicatorStore.StoredValue], plans: [TargetPlan],
                bands: ScoreBands, fallbackYear: Int, restricted: Bool) {
        let indicator = external.monitoringIndicator
        self.indicator = indicator
        self.region = region
        split = .all
        var series: [RegionCode: [(period: ExternalPeriod, value: Double)]] = [:]
        for value in values {
            guard let code = try? RegionCode(value.region), let period = ExternalPeriod(value.period) else { continue }
            series[code, default: []].append((period, value.value))
        }
        for code in series.keys { series[code]?.sort { $0.period < $1.period } }
        let own = series[region.code] ?? []
        year = own.last?.period.year ?? series.values.compactMap { $0.last?.period.year }.max() ?? fallbackYear
        func hidden(_ value: Double) -> Bool { restricted && external.withholds(value) }
        trend = own.map {
            Point(snapshot: $0.period.description, date: $0.period.end.description, value: hidden($0.value) ? nil : $0.value,
                  text: external.show($0.value, restricted: restricted))
        }
        let byRegion = Dictionary(plans.filter { $0.split == .all }.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
        let year = self.year
        func row(_ area: Region) -> Row {
            let plan = byRegion[area.code]
            let latest = series[area.code]?.last
            let target = plan?.target(in: year)
            let shown = latest.flatMap { hidden($0.value) ? nil : $0.value }
            let capaian = shown.flatMap { realised in target.flatMap { Achievement.percent(realisation: realised, target: $0, direction: external.direction) } }
            return Row(code: area.code.dotted, name: area.name, value: shown,
                       valueText: latest.map { external.show($0.value, restricted: restricted) + " (\($0.period))" } ?? "tidak ada data",
                       baseline: plan?.baseline, target: target, capaian: capaian, band: capaian.map(bands.band(of:)))
        }
        plan = byRegion[region.code] ?? TargetPlan(indicator: external.id, region: region.code)
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
