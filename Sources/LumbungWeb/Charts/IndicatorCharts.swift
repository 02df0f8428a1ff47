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

    init(region: Region, totals: RegionTotals, disclosure: DisclosurePlan?) {
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
        let rates = Self.rateIndicators.compactMap { id in value(id).flatMap { v in IndicatorCatalogue.indicator(id).map { ($0.nameID, ChartValue.percent(v)) } } }
        blocks.append(Block(id: "angka", heading: "Angka utama",
                            svg: ChartSVG.bars(id: "angka", title: "Angka utama \(region.title) (persen)", rows: rates.map { ($0.0, $0.1) }),
                            description: "Persentase keluarga atau penduduk menurut indikator.",
                            columns: ["Indikator", "Persen"], rows: rates.map { TableRow(label: $0.0, cells: [$0.1.text]) }))
        // Counts by sex.
        let bySex = Self.bySexIndicators.compactMap { id -> (String, [ChartValue])? in
            guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
            return (indicator.nameID, [ChartValue.group(v.group("sex", "male")), ChartValue.group(v.group("sex", "female"))])
        }
        blocks.append(Block(id: "jenis-kelamin", heading: "Menurut jenis kelamin",
                            svg: ChartSVG.stacked(id: "jenis-kelamin", title: "Jumlah orang menurut jenis kelamin, \(region.title)",
                                                  series: [("Laki-laki", ChartSVG.maleColour), ("Perempuan", ChartSVG.femaleColour)],
                                                  rows: bySex.map { ($0.0, $0.1) }),
                            description: "Jumlah orang per indikator, laki-laki dan perempuan bertumpuk.",
                            columns: ["Indikator", "Laki-laki", "Perempuan"], rows: bySex.map { TableRow(label: $0.0, cells: $0.1.map(\.text)) }))
        // Rates by disability and by age band: one thin bar per group.
        func grouped(_ id: String, heading: String, title: String, description: String, split: String,
                     groups: [(group: String, name: String, colour: String)], indicators: [String]) -> Block {
            let rows = indicators.compactMap { id -> (String, [ChartValue])? in
                guard let indicator = IndicatorCatalogue.indicator(id), let v = value(id) else { return nil }
                return (indicator.nameID, groups.map { ChartValue.groupPercent(v.group(split, $0.group)) })
            }
            return Block(id: id, heading: heading,
                         svg: ChartSVG.grouped(id: id, title: title, series: groups.map { ($0.name, $0.colour) }, rows: rows.map { ($0.0, $0.1) }),
                         description: description, columns: ["Indikator"] + groups.map(\.name),
                         rows: rows.map { TableRow(label: $0.0, cells: $0.1.map(\.text)) })
        }
        blocks.append(grouped("disabilitas", heading: "Menurut disabilitas", title: "Persentase menurut disabilitas, \(region.title)",
                              description: "Persentase di antara penyandang disabilitas dan di antara yang bukan.", split: "disability",
                              groups: [("with", "Disabilitas", ChartSVG.disabilityColours[0]), ("without", "Non-disabilitas", ChartSVG.disabilityColours[1])],
                              indicators: Self.byDisabilityIndicators))
        blocks.append(grouped("kelompok-umur", heading: "Menurut kelompok umur", title: "Persentase menurut kelompok umur, \(region.title)",
                              description: "Persentase di dalam tiap kelompok umur (mis. balita desil 1 ÷ semua balita).", split: "age_band",
                              groups: zip(AgeBand.allCases, ChartSVG.ageBandColours).map { ($0.rawValue, $0.rawValue.replacingOccurrences(of: "-", with: "–"), $1) },
                              indicators: Self.byAgeBandIndicators))
        // The pyramid.
        let bands = AgeBand.allCases.reversed().map { band in
            (band.label, band.rawValue.replacingOccurrences(of: "-", with: "–"),
             ChartValue.count(tally.population.count(sex: .male, band: band), disclosure?.suppression(region.code, band: band, sex: .male)),
             ChartValue.count(tally.population.count(sex: .female, band: band), disclosure?.suppression(region.code, band: band, sex: .female)))
        }
        blocks.append(Block(id: "piramida", heading: "Piramida penduduk",
                            svg: ChartSVG.pyramid(id: "piramida", title: "Piramida penduduk \(region.title) menurut kelompok umur dan jenis kelamin",
                                                  bands: bands.map { ($0.0, $0.1, $0.2, $0.3) }),
                            description: "Penduduk per kelompok umur: laki-laki di kiri, perempuan di kanan.",
                            columns: ["Kelompok umur", "Laki-laki", "Perempuan"],
                            rows: bands.map { TableRow(label: $0.0, cells: [$0.2.text, $0.3.text]) }))
        // The desil distribution.
        let desils = (1...10).map { desil in
            ("Desil \(desil)", ChartValue.count(tally.familiesByDesil[desil - 1].total, disclosure?.suppression(region.code, desil: desil)))
        }
        let withoutDesil = tally.families - tally.familiesByDesil.reduce(0) { $0 + $1.total }
        blocks.append(Block(id: "desil", heading: "Sebaran keluarga menurut desil",
                            svg: ChartSVG.columns(id: "desil", title: "Jumlah keluarga per desil, \(region.title)",
                                                  columns: desils.map { ("\($0.0.dropFirst(6))", $0.1) }),
                            description: "Desil 1 adalah 10% keluarga termiskin secara nasional."
                                + (withoutDesil > 0 && disclosure == nil ? " \(IndonesianNumber.format(withoutDesil)) keluarga belum memiliki desil." : ""),
                            columns: ["Desil", "Keluarga"], rows: desils.map { TableRow(label: $0.0, cells: [$0.1.text]) }))
        self.blocks = blocks
    }
}
