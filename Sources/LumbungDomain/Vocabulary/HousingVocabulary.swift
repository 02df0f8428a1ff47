// Housing lists as files write them: the Regsosek 2022 codes (questions 301–310, `shared/docs/domain.md`
// §1.5) in Lumbung, Regsosek and DTSEN files; the PBDT 2015 codes in BDT sheets (§1.4 names the columns —
// `sta_bangunan`, `lantai`, `dinding`, `atap`, `sumber_airminum`, `sumber_penerangan`, `bb_masak`,
// `fasbab`, `kloset`, `buang_tinja` — the codes are those printed on the PBDT 2015 household form; where
// they differ from Regsosek's the list says so); labels of P3KE, BDT and DTSEN files everywhere. Dukcapil
// and the village system have no housing codes; their numbers are read as Regsosek's (the village
// system's DTKS module is the Regsosek form, §1.5).

/// 301a as files write it. Variants: `Sendiri`, `Milik Sendiri`, `Kontrak`, `Sewa`, `Menumpang`
/// (read as *bebas sewa*: living rent-free in another's house), `Rumah Dinas`. BDT codes are Regsosek's.
extension BuildingOwnership: LabelledCodeList {
    public static let labels = index([
        ("Sendiri", .own), ("Milik Pribadi", .own), ("Rumah Sendiri", .own), ("Hak Milik", .own),
        ("Kontrak", .rented), ("Sewa", .rented), ("Sewa/Kontrak", .rented), ("Kos", .rented), ("Kontrakan", .rented),
        ("Menumpang", .rentFree), ("Numpang", .rentFree), ("Bebas Sewa/Menumpang", .rentFree), ("Menumpang/Bebas Sewa", .rentFree),
        ("Rumah Dinas", .official),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> BuildingOwnership? { system == .p3ke ? nil : raw(code) }
}

/// 303 as files write it. BDT codes differ: 1 marmer/granit, 2 keramik, 3 parket/vinil/permadani,
/// 4 ubin/tegel/teraso, 5 kayu/papan kualitas tinggi, 6 semen/bata merah, 7 bambu, 8 kayu/papan kualitas
/// rendah, 9 tanah, 10 lainnya; both wood qualities are *kayu/papan*.
extension FloorMaterial: LabelledCodeList {
    public static let labels = index([
        ("Marmer", .marble), ("Granit", .marble),
        ("Parket/Vinil/Permadani", .parquet), ("Parket", .parquet), ("Vinil", .parquet), ("Karpet", .parquet), ("Permadani", .parquet),
        ("Ubin", .tile), ("Tegel", .tile), ("Teraso", .tile), ("Ubin/Tegel", .tile),
        ("Kayu", .wood), ("Papan", .wood), ("Kayu/Papan Kualitas Tinggi", .wood), ("Kayu/Papan Kualitas Rendah", .wood),
        ("Kayu/Papan Tinggi", .wood), ("Kayu/Papan Rendah", .wood),
        ("Semen", .cement), ("Bata Merah", .cement), ("Plester", .cement), ("Semen/Plester", .cement), ("Sementara/Bata Merah", .cement),
        ("Semen/Bata", .cement), ("Plesteran", .cement),
        ("Lantai Tanah", .earth),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> FloorMaterial? {
        switch system {
        case .p3ke: return nil
        case .bdt:
            let bdt: [FloorMaterial] = [.marble, .ceramic, .parquet, .tile, .wood, .cement, .bamboo, .wood, .earth, .other]
            return bdt.indices.contains(code - 1) ? bdt[code - 1] : nil
        default: return raw(code)
        }
    }
}

/// 304 as files write it. BDT codes are Regsosek's (3 is *kayu*). Variants: `Kayu`, `Papan`, `Bilik`,
/// `Gedek` (woven bamboo).
extension WallMaterial: LabelledCodeList {
    public static let labels = index([
        ("Tembok/Beton", .masonry), ("Beton", .masonry), ("Bata", .masonry), ("Batako", .masonry), ("Tembok Bata", .masonry),
        ("Plesteran Anyaman Bambu", .plasteredBamboo), ("Plesteran Bambu/Kawat", .plasteredBamboo),
        ("Kayu", .woodBoard), ("Papan", .woodBoard), ("Kayu/Papan", .woodBoard), ("Gypsum", .woodBoard), ("GRC", .woodBoard),
        ("Kalsiboard", .woodBoard), ("Kayu/Papan/Gypsum", .woodBoard),
        ("Bilik", .wovenBamboo), ("Gedek", .wovenBamboo), ("Bedek", .wovenBamboo), ("Anyaman Bambu/Bilik", .wovenBamboo),
        ("Kayu Batang", .logs), ("Batang Kayu/Gelondongan", .logs),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> WallMaterial? { system == .p3ke ? nil : raw(code) }
}

/// 305 as files write it. BDT codes differ: 1 beton/genteng beton, 2 genteng keramik, 3 genteng metal,
/// 4 genteng tanah liat, 5 asbes, 6 seng, 7 sirap, 8 bambu, 9 jerami/ijuk/daun-daunan/rumbia, 10 lainnya;
/// every *genteng* but concrete tiles is *genteng*, concrete tiles are *beton*.
extension RoofMaterial: LabelledCodeList {
    public static let labels = index([
        ("Beton/Genteng Beton", .concrete), ("Genteng Beton", .concrete), ("Dak", .concrete), ("Cor", .concrete),
        ("Genteng Keramik", .clayTile), ("Genteng Metal", .clayTile), ("Genteng Tanah Liat", .clayTile), ("Genting", .clayTile),
        ("Genteng Tanah", .clayTile),
        ("Seng/Spandek", .zinc), ("Spandek", .zinc),
        ("Sirap", .woodShingle), ("Kayu", .woodShingle),
        ("Jerami/Ijuk/Daun-daunan/Rumbia", .thatch), ("Jerami", .thatch), ("Ijuk", .thatch), ("Rumbia", .thatch),
        ("Daun", .thatch), ("Daun-daunan", .thatch), ("Alang-alang", .thatch), ("Ilalang", .thatch), ("Daun Lontar", .thatch),
        ("Jerami/Ijuk/Daun-daunan", .thatch), ("Jerami/Ijuk/Rumbia", .thatch),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> RoofMaterial? {
        switch system {
        case .p3ke: return nil
        case .bdt:
            let bdt: [RoofMaterial] = [.concrete, .clayTile, .clayTile, .clayTile, .asbestos, .zinc, .woodShingle, .bamboo, .thatch, .other]
            return bdt.indices.contains(code - 1) ? bdt[code - 1] : nil
        default: return raw(code)
        }
    }
}

/// 306a as files write it. BDT codes differ: 1 kemasan bermerk, 2 isi ulang, 3 leding meteran, 4 leding
/// eceran, 5 sumur bor/pompa, 6 sumur terlindung, 7 sumur tak terlindung, 8 mata air terlindung, 9 mata air
/// tak terlindung, 10 air sungai/danau/waduk, 11 air hujan, 12 lainnya; both leding are *leding*.
extension DrinkingWaterSource: LabelledCodeList {
    public static let labels = index([
        ("Air Kemasan", .bottled), ("Kemasan Bermerk", .bottled), ("Air Kemasan Bermerek", .bottled), ("Air Mineral Kemasan", .bottled),
        ("Isi Ulang", .refill), ("Air Isi Ulang/Galon", .refill), ("Galon Isi Ulang", .refill),
        ("Leding Meteran", .piped), ("Leding Eceran", .piped), ("PDAM", .piped), ("Air Leding", .piped), ("Perpipaan", .piped),
        ("Leding/PDAM", .piped), ("Pamsimas", .piped),
        ("Sumur Bor", .borehole), ("Pompa", .borehole), ("Sumur Pompa", .borehole), ("Sumur Bor/Pompa Listrik", .borehole),
        ("Sumur Tidak Terlindung", .unprotectedWell),
        ("Mata Air Tidak Terlindung", .unprotectedSpring),
        ("Air Permukaan", .surfaceWater), ("Air Sungai/Danau/Waduk", .surfaceWater), ("Sungai", .surfaceWater),
        ("Air Sungai", .surfaceWater), ("Sungai/Danau/Waduk", .surfaceWater), ("Air Sungai/Danau/Waduk/Kolam/Irigasi", .surfaceWater),
        ("Hujan", .rainwater), ("Penampungan Air Hujan", .rainwater),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> DrinkingWaterSource? {
        switch system {
        case .p3ke: return nil
        case .bdt:
            let bdt: [DrinkingWaterSource] = [.bottled, .refill, .piped, .piped, .borehole, .protectedWell, .unprotectedWell,
                                              .protectedSpring, .unprotectedSpring, .surfaceWater, .rainwater, .other]
            return bdt.indices.contains(code - 1) ? bdt[code - 1] : nil
        default: return raw(code)
        }
    }
}

/// 307a as files write it. BDT codes differ: 1 listrik PLN, 2 listrik non-PLN, 3 bukan listrik.
/// Choice: PLN electricity without a word on the meter (`Listrik PLN`, `PLN`, BDT 1) is read as *PLN with a
/// meter*, the common case, and so is a bare `Listrik`; no indicator tells them apart (only "no electricity" counts).
extension LightingSource: LabelledCodeList {
    public static let labels = index([
        ("PLN dengan Meteran", .plnMetered), ("Listrik PLN", .plnMetered), ("PLN", .plnMetered), ("Listrik PLN Meteran", .plnMetered),
        ("PLN Meteran", .plnMetered), ("Listrik", .plnMetered),
        ("PLN tanpa Meteran", .plnUnmetered), ("Listrik PLN Tanpa Meteran/Menumpang", .plnUnmetered), ("PLN Menumpang", .plnUnmetered),
        ("Listrik Non PLN", .nonPLN), ("Non PLN", .nonPLN), ("Non-PLN", .nonPLN), ("Genset", .nonPLN), ("Tenaga Surya", .nonPLN),
        ("Listrik Tenaga Surya", .nonPLN), ("PLTS", .nonPLN), ("Listrik Desa", .nonPLN), ("Panel Surya", .nonPLN),
        ("Tidak Ada Listrik", .notElectric), ("Pelita", .notElectric), ("Pelita/Sentir/Obor", .notElectric), ("Lampu Minyak", .notElectric),
        ("Petromak", .notElectric), ("Obor", .notElectric), ("Lilin", .notElectric), ("Sentir", .notElectric),
    ])

    public static func value(code: Int, system: CodeSystem) -> LightingSource? {
        switch system {
        case .p3ke: nil
        case .bdt: [1: .plnMetered, 2: .nonPLN, 3: .notElectric][code]
        default: raw(code)
        }
    }
}

/// 308 as files write it. BDT codes differ: 1 listrik, 2 gas > 3 kg, 3 gas 3 kg, 4 gas kota/biogas,
/// 5 minyak tanah, 6 briket, 7 arang, 8 kayu bakar, 9 tidak memasak di rumah.
/// Choices: gas over 3 kg (`Gas > 3 kg`, BDT 2) is read as *elpiji 12 kg*, *gas kota/biogas* as *gas kota*;
/// gas without a size (`Gas`, `Elpiji`, `LPG`) as *elpiji 3 kg*, the subsidised cylinder most households use.
/// No indicator tells gas kinds apart (only firewood counts).
extension CookingFuel: LabelledCodeList {
    public static let labels = index([
        ("Listrik/Kompor Listrik", .electricity), ("Kompor Listrik", .electricity),
        ("Elpiji 5,5 kg", .lpg5kg), ("Elpiji 5.5 kg", .lpg5kg), ("LPG 5,5 kg", .lpg5kg), ("Bright Gas", .lpg5kg), ("Blue Gaz", .lpg5kg),
        ("Gas 5,5 kg", .lpg5kg),
        ("LPG 12 kg", .lpg12kg), ("Gas 12 kg", .lpg12kg), ("Gas > 3 kg", .lpg12kg), ("Gas Lebih dari 3 kg", .lpg12kg),
        ("Elpiji 12 kg/Gas > 3 kg", .lpg12kg), ("12 kg", .lpg12kg),
        ("Gas 3 kg", .lpg3kg), ("LPG 3 kg", .lpg3kg), ("Gas Elpiji 3 kg", .lpg3kg), ("Gas LPG 3 kg", .lpg3kg), ("Gas Melon", .lpg3kg),
        ("Elpiji", .lpg3kg), ("LPG", .lpg3kg), ("Gas", .lpg3kg), ("Gas Elpiji", .lpg3kg), ("Gas LPG", .lpg3kg), ("3 kg", .lpg3kg),
        ("Gas Kota", .cityGas), ("Gas Kota/Biogas", .cityGas), ("PGN", .cityGas), ("Jargas", .cityGas),
        ("Minyak", .kerosene),
        ("Kayu", .firewood), ("Kayu Bakar/Ranting", .firewood),
        ("Tidak Memasak", .noCooking), ("Tidak Masak", .noCooking),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> CookingFuel? {
        switch system {
        case .p3ke: return nil
        case .bdt:
            let bdt: [CookingFuel] = [.electricity, .lpg12kg, .lpg3kg, .cityGas, .kerosene, .briquette, .charcoal, .firewood, .noCooking]
            return bdt.indices.contains(code - 1) ? bdt[code - 1] : nil
        default: return raw(code)
        }
    }
}

/// 309a as files write it. BDT codes differ: 1 sendiri, 2 bersama, 3 umum, 4 tidak ada.
/// Choices: `Bersama` (shared with other households) is *digunakan bersama keluarga tertentu*; `Umum` is
/// *MCK umum*.
extension DefecationFacility: LabelledCodeList {
    public static let labels = index([
        ("Sendiri", .own), ("Milik Sendiri", .own), ("Jamban Sendiri", .own), ("Ada, Sendiri", .own), ("Ada, Milik Sendiri", .own),
        ("Bersama", .sharedWithSpecificHouseholds), ("Jamban Bersama", .sharedWithSpecificHouseholds), ("Ada, Bersama", .sharedWithSpecificHouseholds),
        ("Komunal", .communal), ("MCK Komunal", .communal),
        ("Umum", .publicToilet), ("MCK Umum", .publicToilet), ("Jamban Umum", .publicToilet), ("Ada, Umum", .publicToilet),
        ("Ada Tapi Tidak Digunakan", .presentButUnused), ("Ada, Tidak Digunakan", .presentButUnused),
        ("Tidak Ada", .none), ("Tidak Punya", .none), ("Tidak Memiliki", .none), ("Tidak Ada Jamban", .none),
        ("Tidak", .none), ("BAB Sembarangan", .none), ("Tidak Ada Fasilitas BAB", .none),
    ])

    public static func value(code: Int, system: CodeSystem) -> DefecationFacility? {
        switch system {
        case .p3ke: nil
        case .bdt: [1: .own, 2: .sharedWithSpecificHouseholds, 3: .publicToilet, 4: DefecationFacility.none][code]
        default: raw(code)
        }
    }
}

/// 309b as files write it. BDT codes differ: 1 leher angsa, 2 plengsengan, 3 cemplung/cubluk, 4 tidak
/// pakai. Choice: a bare `Plengsengan` (BDT 2) is *plengsengan tanpa tutup*; "no toilet" (`Tidak Pakai`,
/// BDT 4) is blank — the facility question says there is none.
extension ToiletType: LabelledCodeList {
    public static let labels = index([
        ("Kloset Leher Angsa", .gooseneck), ("Leher Angsa/Duduk", .gooseneck), ("Kloset Duduk", .gooseneck), ("WC Duduk", .gooseneck),
        ("Plengsengan", .squatWithoutLid), ("Plengsengan Tanpa Tutup", .squatWithoutLid),
        ("Plengsengan dengan Tutup", .squatWithLid),
        ("Cemplung", .pit), ("Cubluk", .pit), ("Cemplung/Cubluk/Lubang", .pit),
    ])

    public static func value(code: Int, system: CodeSystem) -> ToiletType? {
        switch system {
        case .p3ke: nil
        case .bdt: [1: .gooseneck, 2: .squatWithoutLid, 3: .pit][code]
        default: raw(code)
        }
    }

    /// Reads `text` like ``match(_:system:)``, with "no toilet" as blank.
    public static func matchOrNoToilet(_ text: String, system: CodeSystem) -> CodeMatch<ToiletType> {
        let trimmed = CodeText.trimmed(text)
        if noToilet.value(forLabel: trimmed) != nil { return .blank }
        if system == .bdt, CodeText.integer(trimmed) == 4 { return .blank }
        return match(trimmed, system: system)
    }

    static let noToilet = LabelIndex<Bool>([("Tidak Pakai", true), ("Tidak Ada", true), ("Tidak Punya", true), ("Tidak Ada Kloset", true)])
}

/// 310 as files write it. BDT codes differ: 1 tangki, 2 SPAL, 3 lubang tanah, 4 kolam/sawah/sungai/
/// danau/laut, 5 pantai/tanah lapang/kebun, 6 lainnya. Choice: BDT's *SPAL* (a sewer) is read as *IPAL*.
extension SewageDisposal: LabelledCodeList {
    public static let labels = index([
        ("Tangki", .septicTank), ("Septic Tank", .septicTank), ("Septictank", .septicTank), ("Septik Tank", .septicTank),
        ("Tangki Septik/SPAL", .septicTank),
        ("SPAL", .treatmentPlant), ("Instalasi Pengolahan Air Limbah", .treatmentPlant),
        ("Kolam/Sawah/Sungai/Danau/Laut", .pondFieldRiverSea), ("Sungai", .pondFieldRiverSea), ("Kolam/Sawah", .pondFieldRiverSea),
        ("Laut", .pondFieldRiverSea), ("Kolam", .pondFieldRiverSea), ("Sawah", .pondFieldRiverSea),
        ("Lubang", .pitInGround), ("Lubang Galian", .pitInGround),
        ("Pantai/Tanah Lapang/Kebun", .beachOpenField), ("Kebun", .beachOpenField), ("Tanah Lapang", .beachOpenField), ("Pantai", .beachOpenField),
        ("Lain-lain", .other),
    ])

    public static func value(code: Int, system: CodeSystem) -> SewageDisposal? {
        switch system {
        case .p3ke: nil
        case .bdt: [1: .septicTank, 2: .treatmentPlant, 3: .pitInGround, 4: .pondFieldRiverSea, 5: .beachOpenField, 6: .other][code]
        default: raw(code)
        }
    }
}
