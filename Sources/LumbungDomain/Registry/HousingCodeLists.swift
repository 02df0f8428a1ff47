// Housing code lists of the Regsosek 2022 family form (REGSOSEK2022.K, questions 301–310),
// which DTSEN inherits. Raw values are the form's codes.

/// 301a Status kepemilikan bangunan tempat tinggal.
public enum BuildingOwnership: Int, CodeList {
    case own = 1, rented, rentFree, official, other

    public var label: String {
        switch self {
        case .own: "Milik Sendiri"
        case .rented: "Kontrak/Sewa"
        case .rentFree: "Bebas Sewa"
        case .official: "Dinas"
        case .other: "Lainnya"
        }
    }
}

/// 303 Jenis lantai terluas.
public enum FloorMaterial: Int, CodeList {
    case marble = 1, ceramic, parquet, tile, wood, cement, bamboo, earth, other

    public var label: String {
        switch self {
        case .marble: "Marmer/Granit"
        case .ceramic: "Keramik"
        case .parquet: "Parket/Vinil/Karpet"
        case .tile: "Ubin/Tegel/Teraso"
        case .wood: "Kayu/Papan"
        case .cement: "Semen/Bata Merah"
        case .bamboo: "Bambu"
        case .earth: "Tanah"
        case .other: "Lainnya"
        }
    }
}

/// 304 Jenis dinding terluas.
public enum WallMaterial: Int, CodeList {
    case masonry = 1, plasteredBamboo, woodBoard, wovenBamboo, logs, bamboo, other

    public var label: String {
        switch self {
        case .masonry: "Tembok"
        case .plasteredBamboo: "Plesteran Anyaman Bambu/Kawat"
        case .woodBoard: "Kayu/Papan/Gypsum/GRC/Calciboard"
        case .wovenBamboo: "Anyaman Bambu"
        case .logs: "Batang Kayu"
        case .bamboo: "Bambu"
        case .other: "Lainnya"
        }
    }
}

/// 305 Jenis atap terluas.
public enum RoofMaterial: Int, CodeList {
    case concrete = 1, clayTile, zinc, asbestos, woodShingle, bamboo, thatch, other

    public var label: String {
        switch self {
        case .concrete: "Beton"
        case .clayTile: "Genteng"
        case .zinc: "Seng"
        case .asbestos: "Asbes"
        case .woodShingle: "Kayu/Sirap"
        case .bamboo: "Bambu"
        case .thatch: "Jerami/Ijuk/Daun/Rumbia"
        case .other: "Lainnya"
        }
    }
}

/// 306a Sumber air minum utama.
public enum DrinkingWaterSource: Int, CodeList {
    case bottled = 1, refill, piped, borehole, protectedWell, unprotectedWell, protectedSpring, unprotectedSpring, surfaceWater, rainwater, other

    public var label: String {
        switch self {
        case .bottled: "Air Kemasan Bermerk"
        case .refill: "Air Isi Ulang"
        case .piped: "Leding"
        case .borehole: "Sumur Bor/Pompa"
        case .protectedWell: "Sumur Terlindung"
        case .unprotectedWell: "Sumur Tak Terlindung"
        case .protectedSpring: "Mata Air Terlindung"
        case .unprotectedSpring: "Mata Air Tak Terlindung"
        case .surfaceWater: "Air Permukaan (Sungai/Danau/Waduk)"
        case .rainwater: "Air Hujan"
        case .other: "Lainnya"
        }
    }
}

/// 307a Sumber penerangan utama.
public enum LightingSource: Int, CodeList {
    case plnMetered = 1, plnUnmetered, nonPLN, notElectric

    public var label: String {
        switch self {
        case .plnMetered: "Listrik PLN dengan Meteran"
        case .plnUnmetered: "Listrik PLN tanpa Meteran"
        case .nonPLN: "Listrik Non-PLN"
        case .notElectric: "Bukan Listrik"
        }
    }
}

/// 308 Bahan bakar/energi utama untuk memasak.
public enum CookingFuel: Int, CodeList {
    case electricity = 1, lpg5kg, lpg12kg, lpg3kg, cityGas, biogas, kerosene, briquette, charcoal, firewood, other, noCooking

    public var label: String {
        switch self {
        case .electricity: "Listrik"
        case .lpg5kg: "Elpiji 5,5 kg/Blue Gaz"
        case .lpg12kg: "Elpiji 12 kg"
        case .lpg3kg: "Elpiji 3 kg"
        case .cityGas: "Gas Kota/Meteran PGN"
        case .biogas: "Biogas"
        case .kerosene: "Minyak Tanah"
        case .briquette: "Briket"
        case .charcoal: "Arang"
        case .firewood: "Kayu Bakar"
        case .other: "Lainnya"
        case .noCooking: "Tidak Memasak di Rumah"
        }
    }
}

/// 309a Kepemilikan dan penggunaan fasilitas tempat buang air besar.
public enum DefecationFacility: Int, CodeList {
    case own = 1, sharedWithSpecificHouseholds, communal, publicToilet, presentButUnused, none

    public var label: String {
        switch self {
        case .own: "Ada, Digunakan Hanya Anggota Keluarga Sendiri"
        case .sharedWithSpecificHouseholds: "Ada, Digunakan Bersama Anggota Keluarga dari Keluarga Tertentu"
        case .communal: "Ada, di MCK Komunal"
        case .publicToilet: "Ada, di MCK Umum/Siapapun Menggunakan"
        case .presentButUnused: "Ada, Anggota Keluarga Tidak Menggunakan"
        case .none: "Tidak Ada Fasilitas"
        }
    }
}

/// 309b Jenis kloset.
public enum ToiletType: Int, CodeList {
    case gooseneck = 1, squatWithLid, squatWithoutLid, pit

    public var label: String {
        switch self {
        case .gooseneck: "Leher Angsa"
        case .squatWithLid: "Plengsengan dengan Tutup"
        case .squatWithoutLid: "Plengsengan tanpa Tutup"
        case .pit: "Cemplung/Cubluk"
        }
    }
}

/// 310 Tempat pembuangan akhir tinja.
public enum SewageDisposal: Int, CodeList {
    case septicTank = 1, treatmentPlant, pondFieldRiverSea, pitInGround, beachOpenField, other

    public var label: String {
        switch self {
        case .septicTank: "Tangki Septik"
        case .treatmentPlant: "IPAL"
        case .pondFieldRiverSea: "Kolam/Sawah/Sungai/Danau/Laut"
        case .pitInGround: "Lubang Tanah"
        case .beachOpenField: "Pantai/Tanah Lapang/Kebun"
        case .other: "Lainnya"
        }
    }
}
