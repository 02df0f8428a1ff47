/// The canonical name of a count that pages show, so the same number reached two ways gets one name and is
/// hidden or shown alike everywhere: "elderly 60+" is the people's age group 60+, "people with a disability
/// aged 60+" is "elderly with a disability", every rate over all people has the people's count as its
/// denominator, and its women group the count of women.
///
/// A name is the population (`people`, `families`) and the sorted conditions on it, e.g.
/// `people|age_band=60+,disability=with`.
enum FigureName {
    /// The conditions an indicator's numerator puts on its population.
    static func conditions(of indicator: Indicator) -> [String] {
        switch indicator.id {
        case "people", "families": []
        case "under5": ["age_band=0-4"]
        case "elderly": ["age_band=60+"]
        case "disability": ["disability=with"]
        case "female_headed": ["head_sex=female"]
        default: [indicator.id]
        }
    }

    /// The conditions of an indicator's denominator, `nil` for a plain count.
    static func denominatorConditions(of indicator: Indicator) -> [String]? {
        guard indicator.unit == .percent else { return nil }
        return indicator.id == "out_of_school" ? ["children_7_18"] : []
    }

    static func name(_ subject: Indicator.Subject, _ conditions: [String]) -> String {
        subject.rawValue + "|" + Set(conditions).sorted().joined(separator: ",")
    }

    /// The figures of one indicator: its numerator and denominator, in total and for every group of every split.
    struct Layout {
        struct Part {
            let numerator: String
            let denominator: String?
        }

        let indicator: Indicator
        let total: Part
        /// By split name, then group name.
        let groups: [(split: String, groups: [(group: String, part: Part)])]

        init(_ indicator: Indicator) {
            self.indicator = indicator
            let numerator = FigureName.conditions(of: indicator), denominator = FigureName.denominatorConditions(of: indicator)
            func part(_ extra: [String]) -> Part {
                Part(numerator: FigureName.name(indicator.subject, numerator + extra),
                     denominator: denominator.map { FigureName.name(indicator.subject, $0 + extra) })
            }
            total = part([])
            let dimensions = indicator.subject == .people ? PersonCounts.dimensions : FamilyCounts.dimensions
            groups = dimensions.filter { indicator.disaggregations.contains($0.name) }.map { dimension in
                (split: dimension.name, groups: dimension.groups.map { (group: $0, part: part(["\(dimension.name)=\($0)"])) })
            }
        }

        func part(split: String?, group: String?) -> Part? {
            guard let split, let group else { return total }
            return groups.first { $0.split == split }?.groups.first { $0.group == group }?.part
        }
    }

    /// Every indicator's layout, in catalogue order.
    static let layouts = IndicatorCatalogue.all.map(Layout.init)

    /// Sums that hold between indicators, beyond each split: a total and its parts, as condition lists, each
    /// also within every group of the given splits.
    static let crossSums: [(subject: Indicator.Subject, total: [String], parts: [[String]], within: [String])] = [
        (.people, ["disability=with"], ["disability_physical", "disability_intellectual", "disability_mental", "disability_sensory",
                                        "disability_multiple", "disability_unspecified"].map { [$0] }, ["sex", "age_band"]),
        (.people, ["children"], [["age_band=0-4"], ["age_band=5-17"]], ["sex", "disability"]),
    ]

    /// Figures that charts show beyond the indicators' own, each with how to count it in a tally: people of one
    /// age band and one sex (the population pyramid) and families of each desil (the desil distribution). Most
    /// share a name with an indicator's figure (balita laki-laki is `under5` of men; desil 1 is `desil1_families`).
    static let chartFigures: [(name: String, count: @Sendable (RegionTally) -> Int)] = {
        var figures: [(name: String, count: @Sendable (RegionTally) -> Int)] = []
        for band in AgeBand.allCases {
            for sex in [Sex.male, .female] {
                figures.append((FigureName.pyramid(band, sex), { $0.population.count(sex: sex, band: band) }))
            }
        }
        for desil in 1...10 {
            figures.append((FigureName.desil(desil), { $0.familiesByDesil[desil - 1].total }))
        }
        return figures
    }()

    /// Sums between the chart figures and the indicators' figures, as names: each band is its men plus its women,
    /// each sex the sum of its bands, desil 1–4 the sum of desil 1 to 4, all families desil 1–4 plus 5 to 10.
    static var chartSums: [[String]] {
        var sums: [[String]] = []
        for band in AgeBand.allCases {
            sums.append([name(.people, ["age_band=\(band.rawValue)"]), pyramid(band, .male), pyramid(band, .female)])
        }
        for (sex, group) in [(Sex.male, "male"), (.female, "female")] {
            sums.append([name(.people, ["sex=\(group)"])] + AgeBand.allCases.map { pyramid($0, sex) })
        }
        sums.append([name(.families, ["desil1to4_families"])] + (1...4).map(desil))
        sums.append([name(.families, [])] + [name(.families, ["desil1to4_families"])] + (5...10).map(desil))
        return sums
    }

    /// People of one age band and one sex.
    static func pyramid(_ band: AgeBand, _ sex: Sex) -> String {
        name(.people, ["age_band=\(band.rawValue)", "sex=\(sex == .male ? "male" : "female")"])
    }

    /// Families of one desil (1 and 1–4 are the indicators' own names).
    static func desil(_ desil: Int) -> String {
        desil == 1 ? name(.families, ["desil1_families"]) : name(.families, ["desil=\(desil)"])
    }
}

