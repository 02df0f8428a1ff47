import Foundation
import LumbungDomain

/// The words real files use for coded values, beyond the official labels: Dukcapil's and Regsosek's labels,
/// P3KE's and BDT's, village systems' and SIAK's, with the usual abbreviations. Keys are `LabelWords.key`.
enum LabelWords {
    /// A label reduced for matching: lower case, accents folded, letters and digits only, and the filler
    /// word "sederajat" dropped ("Tamat SD/Sederajat" = "TAMAT SD").
    static func key(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        for character in folded where character.isLetter || character.isNumber { out.append(character) }
        for filler in ["sederajat", "sedrajat"] { out = out.replacingOccurrences(of: filler, with: "") }
        return out
    }

    static func variants<L: CodeList>(_: L.Type) -> [String: L] {
        let table: Any = switch L.self {
        case is Sex.Type: sex
        case is FamilyRelationship.Type: relationship
        case is MaritalStatus.Type: marital
        case is Education.Type: education
        case is Religion.Type: religion
        case is FloorMaterial.Type: floor
        case is WallMaterial.Type: wall
        case is RoofMaterial.Type: roof
        case is BuildingOwnership.Type: ownership
        case is LightingSource.Type: lighting
        case is CookingFuel.Type: cookingFuel
        case is DrinkingWaterSource.Type: water
        case is DefecationFacility.Type: defecation
        case is ToiletType.Type: toilet
        case is SewageDisposal.Type: sewage
        default: [String: L]()
        }
        return table as? [String: L] ?? [:]
    }

    static func keyed<L>(_ pairs: [(String, L)]) -> [String: L] {
        Dictionary(pairs.map { (key($0.0), $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    static let sex: [String: Sex] = keyed([
        ("L", .male), ("LK", .male), ("Laki-laki", .male), ("Laki Laki", .male), ("Pria", .male), ("M", .male), ("Male", .male),
        ("P", .female), ("PR", .female), ("Perempuan", .female), ("Wanita", .female), ("W", .female), ("F", .female), ("Female", .female),
    ])

    static let relationship: [String: FamilyRelationship] = keyed([
        ("Kepala Keluarga", .head), ("KK", .head), ("Kepala Rumah Tangga", .head), ("KRT", .head), ("Kepala", .head),
        ("Istri", .wife), ("Isteri", .wife), ("Suami", .husband), ("Anak", .child), ("Anak Kandung", .child), ("Anak Tiri", .child),
        ("Anak Angkat", .child), ("Menantu", .childInLaw), ("Cucu", .grandchild), ("Orang Tua", .parent), ("Orangtua", .parent),
        ("Ayah", .parent), ("Ibu", .parent), ("Mertua", .parentInLaw), ("Famili Lain", .otherRelative), ("Famili Lainnya", .otherRelative),
        ("Famili", .otherRelative), ("Saudara", .otherRelative), ("Pembantu", .helper), ("Pembantu/Sopir", .helper), ("Lainnya", .other),
        ("Lain-lain", .other), ("Lain", .other),
    ])

    static let marital: [String: MaritalStatus] = keyed([
        ("Belum Kawin", .single), ("Belum Menikah", .single), ("Lajang", .single), ("Kawin", .married), ("Menikah", .married),
        ("Kawin Tercatat", .married), ("Kawin Belum Tercatat", .married), ("Kawin Tidak Tercatat", .married), ("Cerai Hidup", .divorced),
        ("Cerai", .divorced), ("Cerai Mati", .widowed), ("Janda", .widowed), ("Duda", .widowed),
    ])

    static let education: [String: Education] = keyed([
        ("Tidak/Belum Sekolah", .none), ("Tidak Sekolah", .none), ("Belum Sekolah", .none), ("Tidak Pernah Sekolah", .none),
        ("Belum Tamat SD/Sederajat", .primaryIncomplete), ("Tidak Tamat SD/Sederajat", .primaryIncomplete), ("Tidak Tamat SD", .primaryIncomplete),
        ("Masih SD/Sederajat", .primaryIncomplete), ("Tamat SD/Sederajat", .primary), ("SD", .primary), ("SD/MI", .primary), ("MI", .primary),
        ("Tamat SD", .primary), ("SLTP/Sederajat", .juniorSecondary), ("SLTP", .juniorSecondary), ("SMP", .juniorSecondary),
        ("SMP/MTs", .juniorSecondary), ("MTs", .juniorSecondary), ("Tamat SLTP/Sederajat", .juniorSecondary), ("Masih SLTP/Sederajat", .primary),
        ("SLTA/Sederajat", .seniorSecondary), ("SLTA", .seniorSecondary), ("SMA", .seniorSecondary), ("SMK", .seniorSecondary),
        ("SMA/SMK/MA", .seniorSecondary), ("MA", .seniorSecondary), ("Tamat SLTA/Sederajat", .seniorSecondary), ("Masih SLTA/Sederajat", .juniorSecondary),
        ("Diploma I/II", .diploma1or2), ("D1", .diploma1or2), ("D2", .diploma1or2), ("Akademi/Diploma III/Sarjana Muda", .diploma3),
        ("Diploma III", .diploma3), ("D3", .diploma3), ("Diploma IV/Strata I", .bachelor), ("Diploma IV", .bachelor), ("D4", .bachelor),
        ("S1", .bachelor), ("Strata I", .bachelor), ("Sarjana", .bachelor), ("Strata II", .master), ("S2", .master), ("Strata III", .doctorate),
        ("S3", .doctorate), ("Masih PT/Akademi", .seniorSecondary), ("Tamat Perguruan Tinggi", .bachelor),
    ])

    static let religion: [String: Religion] = keyed([
        ("Islam", .islam), ("Kristen", .protestant), ("Protestan", .protestant), ("Kristen Protestan", .protestant), ("Katholik", .catholic),
        ("Katolik", .catholic), ("Kristen Katolik", .catholic), ("Hindu", .hindu), ("Budha", .buddhist), ("Buddha", .buddhist),
        ("Khonghucu", .confucian), ("Konghucu", .confucian), ("Kepercayaan", .indigenousFaith),
        ("Kepercayaan Terhadap Tuhan YME", .indigenousFaith), ("Kepercayaan Terhadap Tuhan Yang Maha Esa", .indigenousFaith),
    ])

    static let floor: [String: FloorMaterial] = keyed([
        ("Kayu/Papan", .wood), ("Kayu", .wood), ("Papan", .wood), ("Kayu/Papan Kualitas Rendah", .wood), ("Kayu/Papan Kualitas Tinggi", .wood),
        ("Tanah", .earth), ("Bambu", .bamboo), ("Semen/Bata Merah", .cement), ("Semen", .cement), ("Plesteran", .cement),
        ("Keramik", .ceramic), ("Marmer/Granit", .marble), ("Ubin/Tegel/Teraso", .tile), ("Ubin", .tile), ("Tegel", .tile),
        ("Parket/Vinil/Karpet", .parquet), ("Lainnya", .other),
    ])

    static let wall: [String: WallMaterial] = keyed([
        ("Tembok", .masonry), ("Plesteran Anyaman Bambu/Kawat", .plasteredBamboo), ("Kayu/Papan/Gypsum/GRC/Calciboard", .woodBoard),
        ("Kayu", .woodBoard), ("Kayu/Papan", .woodBoard), ("Papan", .woodBoard), ("Anyaman Bambu", .wovenBamboo), ("Batang Kayu", .logs), ("Bambu", .bamboo),
        ("Lainnya", .other),
    ])

    static let roof: [String: RoofMaterial] = keyed([
        ("Beton", .concrete), ("Genteng", .clayTile), ("Seng", .zinc), ("Asbes", .asbestos), ("Kayu/Sirap", .woodShingle), ("Sirap", .woodShingle),
        ("Bambu", .bamboo), ("Jerami/Ijuk/Daun-daunan/Rumbia", .thatch), ("Jerami/Ijuk/Daun/Rumbia", .thatch), ("Ijuk", .thatch),
        ("Rumbia", .thatch), ("Lainnya", .other),
    ])

    static let ownership: [String: BuildingOwnership] = keyed([
        ("Milik Sendiri", .own), ("Sendiri", .own), ("Kontrak/Sewa", .rented), ("Kontrak", .rented), ("Sewa", .rented),
        ("Bebas Sewa", .rentFree), ("Menumpang", .rentFree), ("Dinas", .official), ("Rumah Dinas", .official), ("Lainnya", .other),
    ])

    static let lighting: [String: LightingSource] = keyed([
        ("Listrik PLN", .plnMetered), ("PLN", .plnMetered), ("Listrik PLN dengan Meteran", .plnMetered), ("PLN dengan Meteran", .plnMetered),
        ("Listrik PLN Tanpa Meteran", .plnUnmetered), ("PLN Tanpa Meteran", .plnUnmetered), ("Listrik Non PLN", .nonPLN),
        ("Non PLN", .nonPLN), ("Listrik Non-PLN", .nonPLN), ("Bukan Listrik", .notElectric), ("Pelita/Sentir/Obor", .notElectric),
    ])

    static let cookingFuel: [String: CookingFuel] = keyed([
        ("Listrik", .electricity), ("Kayu Bakar", .firewood), ("Kayu", .firewood), ("Minyak Tanah", .kerosene), ("Elpiji 3 kg", .lpg3kg), ("Gas 3 kg", .lpg3kg), ("LPG 3 kg", .lpg3kg),
        ("Gas Elpiji 3 kg", .lpg3kg), ("Elpiji 12 kg", .lpg12kg), ("Gas 12 kg", .lpg12kg), ("Arang", .charcoal), ("Briket", .briquette), ("Biogas", .biogas), ("Lainnya", .other),
        ("Tidak Memasak", .noCooking), ("Tidak Memasak di Rumah", .noCooking),
    ])

    static let water: [String: DrinkingWaterSource] = keyed([
        ("Air Kemasan Bermerk", .bottled), ("Air Kemasan", .bottled), ("Air Isi Ulang", .refill), ("Isi Ulang", .refill),
        ("Leding", .piped), ("Ledeng", .piped), ("PDAM", .piped), ("Sumur Bor/Pompa", .borehole), ("Sumur Bor", .borehole),
        ("Sumur Terlindung", .protectedWell), ("Sumur Tak Terlindung", .unprotectedWell), ("Sumur Tidak Terlindung", .unprotectedWell),
        ("Mata Air Terlindung", .protectedSpring), ("Mata Air Tak Terlindung", .unprotectedSpring), ("Mata Air Tidak Terlindung", .unprotectedSpring),
        ("Air Permukaan", .surfaceWater), ("Air Sungai/Danau/Waduk", .surfaceWater), ("Sungai", .surfaceWater), ("Air Hujan", .rainwater), ("Lainnya", .other),
    ])

    static let defecation: [String: DefecationFacility] = keyed([
        ("Sendiri", .own), ("Milik Sendiri", .own), ("Ada, Milik Sendiri", .own), ("Bersama", .sharedWithSpecificHouseholds), ("MCK Komunal", .communal),
        ("Umum", .publicToilet), ("MCK Umum", .publicToilet), ("Tidak Ada", .none), ("Tidak Punya", .none),
    ])

    static let toilet: [String: ToiletType] = keyed([
        ("Leher Angsa", .gooseneck), ("Plengsengan", .squatWithoutLid), ("Cemplung", .pit), ("Cubluk", .pit), ("Cemplung/Cubluk", .pit),
    ])

    static let sewage: [String: SewageDisposal] = keyed([
        ("Tangki Septik", .septicTank), ("Septic Tank", .septicTank), ("Septik Tank", .septicTank), ("IPAL", .treatmentPlant),
        ("Kolam/Sawah/Sungai/Danau/Laut", .pondFieldRiverSea), ("Sungai", .pondFieldRiverSea), ("Lubang Tanah", .pitInGround),
        ("Pantai/Tanah Lapang/Kebun", .beachOpenField), ("Lainnya", .other),
    ])

    static let disability: [String: DisabilityType] = keyed([
        ("Fisik", .physical), ("Cacat Fisik", .physical), ("Disabilitas Fisik", .physical), ("Tuna Daksa", .physical), ("Tunadaksa", .physical),
        ("Cacat Tubuh", .physical), ("Intelektual", .intellectual), ("Disabilitas Intelektual", .intellectual), ("Tuna Grahita", .intellectual),
        ("Tunagrahita", .intellectual), ("Grahita", .intellectual), ("Mental", .mental), ("Disabilitas Mental", .mental), ("Cacat Mental", .mental),
        ("Mental/Jiwa", .mental), ("Jiwa", .mental), ("Cacat Jiwa", .mental), ("Sensorik", .sensory), ("Disabilitas Sensorik", .sensory),
        ("Tuna Netra", .sensory), ("Tunanetra", .sensory), ("Netra", .sensory), ("Netra/Buta", .sensory), ("Buta", .sensory),
        ("Tuna Rungu", .sensory), ("Tunarungu", .sensory), ("Tuna Wicara", .sensory), ("Tunawicara", .sensory), ("Rungu/Wicara", .sensory),
        ("Tuna Rungu Wicara", .sensory), ("Bisu", .sensory), ("Tuli", .sensory), ("Ganda", .multiple), ("Disabilitas Ganda", .multiple),
        ("Multi", .multiple), ("Fisik dan Mental", .multiple), ("Cacat Fisik dan Mental", .multiple),
        ("Rungu", .sensory), ("Wicara", .sensory), ("Tubuh", .physical), ("Daksa", .physical), ("Lumpuh", .physical), ("Laras", .mental),
        ("Tuna Laras", .mental), ("Tunalaras", .mental), ("Autis", .mental), ("Psikososial", .mental), ("Ganda/Multi", .multiple),
    ])

    static let noDisability: Set<String> = Set(["Tidak", "Tidak Ada", "Tidak Cacat", "Bukan Penyandang Disabilitas", "Non Disabilitas",
                                                "Tidak Disabilitas", "Normal", "-", "Tidak Memiliki"].map(key))

    static let residentStatus: [String: ResidentStatus] = keyed([
        ("Hidup", .alive), ("Tinggal", .alive), ("Tinggal Bersama Keluarga", .alive), ("Ada", .alive), ("ART Baru", .alive), ("Aktif", .alive),
        ("Mati", .dead), ("Meninggal", .dead), ("Meninggal Dunia", .dead), ("Wafat", .dead), ("Pindah", .movedOut),
        ("Pindah Dalam Negeri", .movedOut), ("Pindah Luar Negeri", .movedOut), ("Hilang", .missing), ("Tidak Ditemukan", .missing),
        ("Pergi", .gone), ("Tidak Valid", .invalid),
    ])

    /// Welfare-status words used for desil 1–4 in P3KE-era files.
    static let welfareStatus: [String: Int] = keyed([
        ("Sangat Miskin", 1), ("Miskin Ekstrem", 1), ("Miskin Ekstrim", 1), ("Miskin", 2), ("Hampir Miskin", 3), ("Rentan Miskin", 4), ("Rentan", 4),
    ])
}
