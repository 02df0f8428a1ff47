/// Agama — Dukcapil's list (`shared/docs/domain.md` §1.11 `agama_id`, the same codes in SIAK extracts
/// and the village system): 1 Islam, 2 Kristen, 3 Katholik, 4 Hindu, 5 Budha, 6 Khonghucu,
/// 7 Kepercayaan terhadap Tuhan YME. Raw values are Dukcapil's codes.
///
/// Variants: `Kristen Protestan`/`Protestan`, `Katolik`/`Kristen Katolik`, `Buddha`, `Konghucu`/`Kong Hu
/// Cu`, `Penghayat Kepercayaan`, and the village system's `Kepercayaan Terhadap Tuhan YME / Lainnya`. A bare
/// `Lainnya` is not read as code 7 (it is unknown): the list has no "other" religion.
public enum Religion: Int, CodeList {
    case islam = 1, protestant, catholic, hindu, buddhist, confucian, indigenousBelief

    public var label: String {
        switch self {
        case .islam: "Islam"
        case .protestant: "Kristen"
        case .catholic: "Katholik"
        case .hindu: "Hindu"
        case .buddhist: "Budha"
        case .confucian: "Khonghucu"
        case .indigenousBelief: "Kepercayaan terhadap Tuhan YME"
        }
    }
}

extension Religion: LabelledCodeList {
    public static let labels = index([
        ("Moslem", .islam), ("Muslim", .islam),
        ("Kristen Protestan", .protestant), ("Protestan", .protestant), ("Nasrani", .protestant),
        ("Katolik", .catholic), ("Kristen Katolik", .catholic), ("Kristen Katholik", .catholic), ("Katholic", .catholic),
        ("Hindhu", .hindu),
        ("Buddha", .buddhist), ("Budhha", .buddhist),
        ("Konghucu", .confucian), ("Kong Hu Cu", .confucian), ("Khong Hu Cu", .confucian), ("Khong Hu Chu", .confucian),
        ("Konghuchu", .confucian), ("Confucius", .confucian),
        ("Kepercayaan", .indigenousBelief), ("Penghayat Kepercayaan", .indigenousBelief), ("Penghayat", .indigenousBelief),
        ("Kepercayaan Terhadap Tuhan Yang Maha Esa", .indigenousBelief), ("Kepercayaan kepada Tuhan YME", .indigenousBelief),
        ("Kepercayaan Terhadap Tuhan YME/Lainnya", .indigenousBelief),
        ("Kepercayaan kepada Tuhan Yang Maha Esa", .indigenousBelief),
    ])

    /// Dukcapil's 1–7 everywhere but P3KE (labels only).
    public static func value(code: Int, system: CodeSystem) -> Religion? {
        system == .p3ke ? nil : raw(code)
    }
}
