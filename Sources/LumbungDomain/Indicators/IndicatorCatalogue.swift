/// The indicators Lumbung computes, in the order the pages show them (definitions: shared/docs/domain.md §4–5).
public enum IndicatorCatalogue {
    private typealias People = @Sendable (RegionTally) -> PersonCounts
    private typealias Families = @Sendable (RegionTally) -> FamilyCounts

    private static func people(_ id: String, _ nameID: String, _ nameEN: String, _ definition: String, _ numerator: @escaping People,
                               over denominator: People? = { $0.population }, without splits: Set<String> = []) -> Indicator {
        Indicator(id: id, nameID: nameID, nameEN: nameEN, definition: definition, unit: denominator == nil ? .count : .percent,
                  direction: .higherIsWorse, subject: .people, numerator: { numerator($0) }, denominator: erase(denominator),
                  meaninglessSplits: splits)
    }

    private static func families(_ id: String, _ nameID: String, _ nameEN: String, _ definition: String, _ numerator: @escaping Families,
                                 over denominator: Families? = { $0.allFamilies }, without splits: Set<String> = []) -> Indicator {
        Indicator(id: id, nameID: nameID, nameEN: nameEN, definition: definition, unit: denominator == nil ? .count : .percent,
                  direction: .higherIsWorse, subject: .families, numerator: { numerator($0) }, denominator: erase(denominator),
                  meaninglessSplits: splits)
    }

    private static func erase<Counts: Disaggregated>(_ counts: (@Sendable (RegionTally) -> Counts)?) -> (@Sendable (RegionTally) -> any Disaggregated)? {
        guard let counts else { return nil }
        return { tally in counts(tally) }
    }

    /// The people of the given age bands.
    private static func aged(_ bands: AgeBand...) -> People {
        { tally in
            var counts = PersonCounts()
            for band in bands { counts.merge(tally.population.only(band: band)) }
            return counts
        }
    }

    private static func disabled(_ kind: DisabilityType) -> People {
        { $0.disabledByType[kind.label.lowercased()] ?? PersonCounts() }
    }

    private static let age: Set<String> = ["age_band"], disability: Set<String> = ["disability"]

    public static let all: [Indicator] = [
        people("people", "Jumlah penduduk", "People", "person records", { $0.population }, over: nil),
        families("families", "Jumlah keluarga", "Families", "family records", { $0.allFamilies }, over: nil),
        people("children", "Anak 0–17 tahun", "Children aged 0–17", "people aged 0–17 / people", aged(.under5, .child5to17), without: age),
        people("under5", "Balita 0–4 tahun", "Children under 5", "people aged 0–4 / people", aged(.under5), without: age),
        people("elderly", "Lansia 60+ tahun", "Elderly 60+", "people aged 60+ / people", aged(.elderly60plus), without: age),
        people("disability", "Penyandang disabilitas", "People with a disability", "people with a disability / people", { $0.disabled }, without: disability),
        people("disability_physical", "Disabilitas fisik", "Physical disability", "people with a physical disability / people", disabled(.physical), without: disability),
        people("disability_intellectual", "Disabilitas intelektual", "Intellectual disability", "people with an intellectual disability / people", disabled(.intellectual), without: disability),
        people("disability_mental", "Disabilitas mental", "Mental disability", "people with a mental disability / people", disabled(.mental), without: disability),
        people("disability_sensory", "Disabilitas sensorik", "Sensory disability", "people with a sensory disability / people", disabled(.sensory), without: disability),
        people("disability_multiple", "Disabilitas ganda", "Multiple disability", "people with multiple disabilities / people", disabled(.multiple), without: disability),
        people("disability_unspecified", "Disabilitas tanpa ragam disebut", "Disability of no stated kind",
               "people with a disability whose kind the source does not name / people", disabled(.unspecified), without: disability),
        families("female_headed", "Keluarga dikepalai perempuan", "Female-headed families", "families whose head is a woman / families", { $0.femaleHeadedFamilies }, without: ["head_sex"]),
        families("desil1_families", "Keluarga desil 1", "Families in desil 1", "families in desil 1 / families", { $0.familiesByDesil[0] }),
        families("desil1to4_families", "Keluarga desil 1–4", "Families in desil 1–4", "families in desil 1–4 / families",
                 { $0.familiesByDesil.prefix(4).reduce(into: FamilyCounts()) { $0.merge($1) } }),
        people("desil1_people", "Penduduk desil 1", "People in desil 1", "people of desil-1 families / people", { $0.peopleInDesil1 }),
        people("desil1to4_people", "Penduduk desil 1–4", "People in desil 1–4", "people of desil 1–4 families / people", { $0.peopleInDesil1to4 }),
        families("unfit_housing", "Rumah tidak layak huni (RTLH)", "Unfit housing", "families in unfit housing / families", { $0.unfitHousingFamilies }),
        families("no_safe_water", "Tanpa air minum layak", "No safe drinking water", "families without an improved water source / families", { $0.noSafeWaterFamilies }),
        families("no_sanitation", "Tanpa sanitasi layak", "No proper sanitation", "families without proper sanitation / families", { $0.noProperSanitationFamilies }),
        families("no_electricity", "Tanpa listrik", "No electricity", "families without electric lighting / families", { $0.noElectricityFamilies }),
        families("firewood", "Memasak dengan kayu bakar", "Cooking with firewood", "families cooking with firewood / families", { $0.firewoodCookingFamilies }),
        people("out_of_school", "Anak tidak sekolah 7–18", "Out-of-school children 7–18", "children 7–18 not in school / children 7–18 with known schooling",
               { $0.outOfSchool7to18 }, over: { $0.childrenAged7to18 }, without: age),
        people("no_jkn", "Tanpa jaminan kesehatan", "Without health insurance", "people without JKN / people", { $0.withoutHealthInsurance }),
        people("elderly_alone", "Lansia tinggal sendiri", "Elderly living alone", "one-person families aged 60+", { $0.elderlyLivingAlone }, over: nil, without: age),
        people("needs_verification", "Data perlu verifikasi (tanpa NIK)", "Records needing verification", "people without a NIK / people", { $0.needsVerification }),
    ]

    /// The indicator with this id.
    public static func indicator(_ id: String) -> Indicator? { all.first { $0.id == id } }
}
