import LumbungDomain

/// Issues NIKs and KK numbers for the people of one village, unique across the whole province.
///
/// A NIK or KK number issued in the village's own kecamatan gets the serial `VVCC`: VV the village's
/// position in its kecamatan, CC a counter per date within the village, so two villages never
/// collide. Migrants carry a NIK from a kecamatan outside NTB with the village's province-wide
/// position as serial, checked for uniqueness within the village.
struct IdentityIssuer {
    private let district: String
    private let villageOrdinal: Int
    private let provinceOrdinal: Int
    private var nikCounters: [Int: Int] = [:]
    private var kkCounters: [Int: Int] = [:]
    private var migrantNIKs: Set<String> = []

    init(village: PopulationPlan.Village) {
        precondition(village.ordinalInKecamatan <= 99, "a kecamatan with more than 99 villages needs another serial scheme")
        district = village.kecamatan.code.compact
        villageOrdinal = village.ordinalInKecamatan
        provinceOrdinal = village.ordinalInProvince
    }

    /// A NIK for a person born on `birthDate`; `origin` is a kecamatan outside NTB for migrants.
    mutating func nik(birthDate: CalendarDate, sex: Sex, origin: String?) -> String {
        if let origin {
            let nik = NIK.compose(district: origin, birthDate: birthDate, sex: sex, serial: provinceOrdinal)
            if migrantNIKs.insert(nik).inserted { return nik }
        }
        let counter = (nikCounters[birthDate.daysSince1970] ?? 0) + 1
        nikCounters[birthDate.daysSince1970] = counter
        precondition(counter <= 99, "more than 99 people of one village born on one day")
        return NIK.compose(district: district, birthDate: birthDate, sex: sex, serial: villageOrdinal * 100 + counter)
    }

    /// A KK number issued on `issueDate` in the village's kecamatan.
    mutating func kk(issueDate: CalendarDate) -> String {
        let counter = (kkCounters[issueDate.daysSince1970] ?? 0) + 1
        kkCounters[issueDate.daysSince1970] = counter
        precondition(counter <= 99, "more than 99 KK of one village issued on one day")
        return KKNumber.compose(district: district, issueDate: issueDate, serial: villageOrdinal * 100 + counter)
    }
}
