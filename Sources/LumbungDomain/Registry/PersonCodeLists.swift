/// Jenis kelamin (Dukcapil and Regsosek 405): 1 laki-laki, 2 perempuan.
public enum Sex: Int, CodeList {
    case male = 1
    case female = 2

    public var label: String { self == .male ? "Laki-laki" : "Perempuan" }
}

/// SHDK — *status hubungan dalam keluarga*, a person's relationship to the head of the family
/// card (KK), in Dukcapil's 11 codes. Regsosek (8 codes) and P3KE (4 values) are mapped onto it.
public enum FamilyRelationship: Int, CodeList {
    case head = 1, husband, wife, child, childInLaw, grandchild, parent, parentInLaw, otherRelative, helper, other

    public var label: String {
        switch self {
        case .head: "Kepala Keluarga"
        case .husband: "Suami"
        case .wife: "Istri"
        case .child: "Anak"
        case .childInLaw: "Menantu"
        case .grandchild: "Cucu"
        case .parent: "Orang Tua"
        case .parentInLaw: "Mertua"
        case .otherRelative: "Famili Lain"
        case .helper: "Pembantu"
        case .other: "Lainnya"
        }
    }
}

/// Status kawin (Dukcapil and Regsosek 408).
public enum MaritalStatus: Int, CodeList {
    case single = 1, married, divorced, widowed

    public var label: String {
        switch self {
        case .single: "Belum Kawin"
        case .married: "Kawin"
        case .divorced: "Cerai Hidup"
        case .widowed: "Cerai Mati"
        }
    }
}

/// Pendidikan dalam KK (Dukcapil's 10 codes for the highest education completed).
public enum Education: Int, CodeList {
    case none = 1, primaryIncomplete, primary, juniorSecondary, seniorSecondary, diploma1or2, diploma3, bachelor, master, doctorate

    public var label: String {
        switch self {
        case .none: "Tidak/Belum Sekolah"
        case .primaryIncomplete: "Belum Tamat SD/Sederajat"
        case .primary: "Tamat SD/Sederajat"
        case .juniorSecondary: "SLTP/Sederajat"
        case .seniorSecondary: "SLTA/Sederajat"
        case .diploma1or2: "Diploma I/II"
        case .diploma3: "Akademi/Diploma III/Sarjana Muda"
        case .bachelor: "Diploma IV/Strata I"
        case .master: "Strata II"
        case .doctorate: "Strata III"
        }
    }
}

/// Partisipasi sekolah (Regsosek 412).
public enum SchoolParticipation: Int, CodeList {
    case never = 1, enrolled, noLonger

    public var label: String {
        switch self {
        case .never: "Tidak/Belum Pernah Sekolah"
        case .enrolled: "Masih Sekolah"
        case .noLonger: "Tidak Sekolah Lagi"
        }
    }
}

/// Ragam disabilitas under UU 8/2016. Lumbung's own codes; sources map onto them (legacy
/// "cacat" lists and Regsosek 428 functional difficulties, Washington Group cut-off).
/// `unspecified` (6) is a disability the source names no ragam for (legacy *cacat* 6 "lainnya", "Ya",
/// Regsosek self-care or remembering only): the person counts among people with a disability.
public enum DisabilityType: Int, CodeList {
    case physical = 1, intellectual, mental, sensory, multiple, unspecified

    public var label: String {
        switch self {
        case .physical: "Fisik"
        case .intellectual: "Intelektual"
        case .mental: "Mental"
        case .sensory: "Sensorik"
        case .multiple: "Ganda"
        case .unspecified: "Ragam tidak disebut"
        }
    }
}

/// Health-insurance (JKN) membership (Regsosek 431a is a sum of these codes; 0 means none).
public struct HealthInsurance: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// PBI-JK: contribution paid by the state.
    public static let pbi = HealthInsurance(rawValue: 1)
    public static let selfPaid = HealthInsurance(rawValue: 2)
    public static let employer = HealthInsurance(rawValue: 4)
    public static let other = HealthInsurance(rawValue: 8)
}

