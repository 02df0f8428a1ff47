import Foundation
import LumbungAnalytics
import LumbungDomain

/// The charts of a region's indicator page and brief, each with its numbers as a table: key rates as bars, people's
/// counts by sex as stacked bars, rates by disability and by age band as grouped bars, the population pyramid (age band × sex) and the families of each desil. Built from the
/// figures as the reader may see them: for partners and viewers every withheld figure is a hatched "<5"/"×" stub.
struct IndicatorCharts {
    struct Block {
        let id: String
        let heading: String
        let svg: String
        let description: String
        let columns: [String]
        let rows: [TableRow]
    }

    struct TableRow {
        let label: String
        let cells: [String]
    }

    let blocks: [Block]

    static let rateIndicators = ["desil1_families", "desil1to4_families", "unfit_housing", "no_safe_water", "no_sanitation",
                                 "no_electricity", "out_of_school", "disability", "no_jkn"]
    static let bySexIndicators = ["children", "elderly", "disability", "desil1_people", "out_of_school", "no_jkn", "needs_verification"]
    /// Rates compared between people with and without a disability, and between age bands.
    static let byDisabilityIndicators = ["desil1_people", "desil1to4_people", "out_of_school", "no_jkn"]
    static let byAgeBandIndicators = ["desil1_people", "disability", "no_jkn", "needs_verification"]

    /// `texts`: the language of the labels and numbers (the brief keeps the Indonesian default).
    init(region: Region, totals: RegionTotals, disclosure: DisclosurePlan?, texts: Catalogue = .of(.id)) {
        let male = texts["chart_male"], female = texts["chart_female"]
        let tally = totals[region.code]
        func value(_ id: String) -> IndicatorValue? {
            guard let indicator = IndicatorCatalogue.indicator(id) else { return nil }
            let value = indicator.value(in: tally)
            return disclosure.map { $0.disclosed(value, in: region.code) } ?? value
        }
        var blocks: [Block] = []
        guard tally.people > 0 || tally.families > 0 else {
            self.blocks = []
            return
        }
        // Key rates.
        let rates = Self.rateIndicators.compactMap { id in value(id).flatMap { v in IndicatorCatalogue.indicator(id).map { (texts.name($0), ChartValue.percent(v, texts: texts)) } } }
        blocks.append(Block(id: "angka", heading: texts["chart_key_rates"],
                            svg: ChartSVG.bars(id: "angka", title: texts("chart_key_rates_title", ["region": region.title]), rows: rates.map { ($0.0, $0.1) }),
                            description: texts["chart_key_rates_note"],
                            columns: [texts["col_indicator"], texts["chart_percent"]], rows: rates.map { TableRow(label: $0.0, cells: [$0.1.text]) }))
        // Counts by sex.
        let bySex = Self.bySexIndicators.compactMap { id -> (String, [ChartValue])? in
            guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
            return (texts.name(indicator), [ChartValue.group(v.group("sex", "male"), texts: texts), ChartValue.group(v.group("sex", "female"), texts: texts)])
        }
        blocks.append(Block(id: "jenis-kelamin", heading: texts["chart_by_sex"],
                            svg: ChartSVG.stacked(id: "jenis-kelamin", title: texts("chart_by_sex_title", ["region": region.title]),
                                                  series: [(male, ChartSVG.maleColour), (female, ChartSVG.femaleColour)],
                                                  rows: bySex.map { ($0.0, $0.1) }),
                            description: texts["chart_by_sex_note"],
                            columns: [texts["col_indicator"], male, female], rows: bySex.map { TableRow(label: $0.0, cells: $0.1.map(\.text)) }))
        // Rates by disability and by age band: one thin bar per group.
        func grouped(_ id: String, heading: String, title: String, description: String, split: String,
                     groups: [(group: String, name: String, colour: String)], indicators: [String]) -> Block {
            let rows = indicators.compactMap { id -> (String, [ChartValue])? in
                guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
                return (texts.name(indicator), groups.map { ChartValue.groupPercent(v.group(split, $0.group), texts: texts) })
            }
            return Block(id: id, heading: heading,
                         svg: ChartSVG.grouped(id: id, title: title, series: groups.map { ($0.name, $0.colour) }, rows: rows.map { ($0.0, $0.1) }),
                         description: description, columns: [texts["col_indicator"]] + groups.map(\.name),
                         rows: rows.map { TableRow(label: $0.0, cells: $0.1.map(\.text)) })
        }
        blocks.append(grouped("disabilitas", heading: texts["chart_by_disability"], title: texts("chart_by_disability_title", ["region": region.title]),
                              description: texts["chart_by_disability_note"], split: "disability",
                              groups: [("with", texts["chart_with_disability"], ChartSVG.disabilityColours[0]), ("without", texts["chart_without_disability"], ChartSVG.disabilityColours[1])],
                              indicators: Self.byDisabilityIndicators))
        blocks.append(grouped("kelompok-umur", heading: texts["chart_by_age"], title: texts("chart_by_age_title", ["region": region.title]),
                              description: texts["chart_by_age_note"], split: "age_band",
                              groups: zip(AgeBand.allCases, ChartSVG.ageBandColours).map { ($0.rawValue, $0.rawValue.replacingOccurrences(of: "-", with: "–"), $1) },
                              indicators: Self.byAgeBandIndicators))
        // The pyramid.
        let bands = AgeBand.allCases.reversed().map { band in
            (texts.isEnglish ? texts["age_band_\(band.rawValue)"] : band.label, band.rawValue.replacingOccurrences(of: "-", with: "–"),
             ChartValue.count(tally.population.count(sex: .male, band: band), disclosure?.suppression(region.code, band: band, sex: .male), texts: texts),
             ChartValue.count(tally.population.count(sex: .female, band: band), disclosure?.suppression(region.code, band: band, sex: .female), texts: texts))
        }
        blocks.append(Block(id: "piramida", heading: texts["chart_pyramid"],
                            svg: ChartSVG.pyramid(id: "piramida", title: texts("chart_pyramid_title", ["region": region.title]),
                                                  bands: bands.map { ($0.0, $0.1, $0.2, $0.3) }, sexes: (male, female)),
                            description: texts["chart_pyramid_note"],
                            columns: [texts["chart_age_band"], male, female],
                            rows: bands.map { TableRow(label: $0.0, cells: [$0.2.text, $0.3.text]) }))
        // The desil distribution.
        let desils = (1...10).map { desil in
            ("Desil \(desil)", ChartValue.count(tally.familiesByDesil[desil - 1].total, disclosure?.suppression(region.code, desil: desil), texts: texts))
        }
        let withoutDesil = tally.families - tally.familiesByDesil.reduce(0) { $0 + $1.total }
        blocks.append(Block(id: "desil", heading: texts["chart_desil"],
                            svg: ChartSVG.columns(id: "desil", title: texts("chart_desil_title", ["region": region.title]),
                                                  columns: desils.map { ("\($0.0.dropFirst(6))", $0.1) }),
                            description: texts["chart_desil_note"]
                                + (withoutDesil > 0 && disclosure == nil ? " " + texts("chart_without_desil", ["count": texts.number(withoutDesil)]) : ""),
                            columns: ["Desil", texts["col_families"]], rows: desils.map { TableRow(label: $0.0, cells: [$0.1.text]) }))
        self.blocks = blocks
    }
}
