/// The indicators Lumbung computes, in the order the pages show them (definitions: shared/docs/domain.md §4–5).
public enum IndicatorCatalogue {
    private static func rate(_ id: String, _ nameID: String, _ nameEN: String, _ definition: String,
                             _ numerator: @escaping @Sendable (RegionTally) -> Int, over denominator: @escaping @Sendable (RegionTally) -> Int,
                             bySex: (@Sendable (RegionTally) -> RegionTally.BySex)? = nil,
                             direction: Indicator.Direction = .higherIsWorse) -> Indicator {
        Indicator(id: id, nameID: nameID, nameEN: nameEN, definition: definition, unit: .percent, direction: direction,
                  numerator: numerator, denominator: denominator, bySex: bySex)
    }

    private static func count(_ id: String, _ nameID: String, _ nameEN: String, _ definition: String,
                              _ numerator: @escaping @Sendable (RegionTally) -> Int,
                              bySex: (@Sendable (RegionTally) -> RegionTally.BySex)? = nil) -> Indicator {
        Indicator(id: id, nameID: nameID, nameEN: nameEN, definition: definition, unit: .count, direction: .higherIsWorse,
                  numerator: numerator, denominator: nil, bySex: bySex)
    }

    private static func band(_ tally: RegionTally, _ band: AgeBand) -> RegionTally.BySex {
        tally.peopleByAgeBand[band.rawValue] ?? RegionTally.BySex()
    }

    private static func disabled(_ tally: RegionTally, _ kind: DisabilityType) -> RegionTally.BySex {
        tally.disabledByType[kind.label.lowercased()] ?? RegionTally.BySex()
    }

    private static let families: @Sendable (RegionTally) -> Int = { $0.families }
    private static let people: @Sendable (RegionTally) -> Int = { $0.people }

    public static let all: [Indicator] = [
        count("people", "Jumlah penduduk", "People", "person records", { $0.people }, bySex: { $0.peopleBySex }),
        count("families", "Jumlah keluarga", "Families", "family records", { $0.families }),
        rate("children", "Anak 0–17 tahun", "Children aged 0–17", "people aged 0–17 / people",
             { band($0, .under5).total + band($0, .child5to17).total }, over: people,
             bySex: { var s = band($0, .under5); s.male += band($0, .child5to17).male; s.female += band($0, .child5to17).female; return s }),
        rate("under5", "Balita 0–4 tahun", "Children under 5", "people aged 0–4 / people", { band($0, .under5).total }, over: people, bySex: { band($0, .under5) }),
        rate("elderly", "Lansia 60+ tahun", "Elderly 60+", "people aged 60+ / people", { band($0, .elderly60plus).total }, over: people, bySex: { band($0, .elderly60plus) }),
        rate("disability", "Penyandang disabilitas", "People with a disability", "people with a disability / people", { $0.disabled.total }, over: people, bySex: { $0.disabled }),
        rate("disability_physical", "Disabilitas fisik", "Physical disability", "people with a physical disability / people", { disabled($0, .physical).total }, over: people, bySex: { disabled($0, .physical) }),
        rate("disability_intellectual", "Disabilitas intelektual", "Intellectual disability", "… / people", { disabled($0, .intellectual).total }, over: people, bySex: { disabled($0, .intellectual) }),
        rate("disability_mental", "Disabilitas mental", "Mental disability", "… / people", { disabled($0, .mental).total }, over: people, bySex: { disabled($0, .mental) }),
        rate("disability_sensory", "Disabilitas sensorik", "Sensory disability", "… / people", { disabled($0, .sensory).total }, over: people, bySex: { disabled($0, .sensory) }),
        rate("disability_multiple", "Disabilitas ganda", "Multiple disability", "… / people", { disabled($0, .multiple).total }, over: people, bySex: { disabled($0, .multiple) }),
        rate("female_headed", "Keluarga dikepalai perempuan", "Female-headed families", "families whose head is a woman / families", { $0.femaleHeadedFamilies }, over: families),
        rate("desil1_families", "Keluarga desil 1", "Families in desil 1", "families in desil 1 / families", { $0.familiesByDesil[0] }, over: families),
        rate("desil1to4_families", "Keluarga desil 1–4", "Families in desil 1–4", "families in desil 1–4 / families", { $0.familiesByDesil.prefix(4).reduce(0, +) }, over: families),
        rate("desil1_people", "Penduduk desil 1", "People in desil 1", "people of desil-1 families / people", { $0.peopleInDesil1.total }, over: people, bySex: { $0.peopleInDesil1 }),
        rate("desil1to4_people", "Penduduk desil 1–4", "People in desil 1–4", "people of desil 1–4 families / people", { $0.peopleInDesil1to4.total }, over: people, bySex: { $0.peopleInDesil1to4 }),
        rate("unfit_housing", "Rumah tidak layak huni (RTLH)", "Unfit housing", "families in unfit housing / families", { $0.unfitHousingFamilies }, over: families),
        rate("no_safe_water", "Tanpa air minum layak", "No safe drinking water", "families without an improved water source / families", { $0.noSafeWaterFamilies }, over: families),
        rate("no_sanitation", "Tanpa sanitasi layak", "No proper sanitation", "families without proper sanitation / families", { $0.noProperSanitationFamilies }, over: families),
        rate("no_electricity", "Tanpa listrik", "No electricity", "families without electric lighting / families", { $0.noElectricityFamilies }, over: families),
        rate("firewood", "Memasak dengan kayu bakar", "Cooking with firewood", "families cooking with firewood / families", { $0.firewoodCookingFamilies }, over: families),
        rate("out_of_school", "Anak tidak sekolah 7–18", "Out-of-school children 7–18", "children 7–18 not in school / children 7–18 with known schooling",
             { $0.outOfSchool7to18.total }, over: { $0.childrenAged7to18.total }, bySex: { $0.outOfSchool7to18 }),
        rate("no_jkn", "Tanpa jaminan kesehatan", "Without health insurance", "people without JKN / people", { $0.withoutHealthInsurance.total }, over: people, bySex: { $0.withoutHealthInsurance }),
        count("elderly_alone", "Lansia tinggal sendiri", "Elderly living alone", "one-person families aged 60+", { $0.elderlyLivingAlone.total }, bySex: { $0.elderlyLivingAlone }),
        rate("needs_verification", "Data perlu verifikasi (tanpa NIK)", "Records needing verification", "people without a NIK / people", { $0.needsVerification }, over: people),
    ]

    /// The indicator with this id.
    public static func indicator(_ id: String) -> Indicator? { all.first { $0.id == id } }
}
