/// The file layouts Lumbung recognises, each read into families, people, or both.
public enum ImportLayout: String, Sendable, CaseIterable, Codable {
    /// DTSEN/Regsosek-style family records (also Lumbung's own family template).
    case dtsenFamily = "dtsen-keluarga"
    /// DTSEN/Regsosek-style person records, linked to families by No. KK (also Lumbung's own person template).
    case dtsenPerson = "dtsen-individu"
    /// P3KE family sheet (desil 1–4), keyed by P3KE's own family id.
    case p3keFamily = "p3ke-keluarga"
    /// P3KE member sheet.
    case p3kePerson = "p3ke-individu"
    /// SIKS-NG usulan (proposal) list: one person per row with their KK and region names.
    case siksng = "siksng-usulan"

    /// The fields a file must have to be read in this layout.
    public var required: [ImportField] {
        switch self {
        case .dtsenFamily: [.kkNumber]
        case .dtsenPerson: [.kkNumber, .nik, .name]
        case .p3keFamily: [.sourceFamilyID, .villageCode]
        case .p3kePerson: [.sourceFamilyID, .nik, .name]
        case .siksng: [.nik, .kkNumber, .name]
        }
    }

    /// Whether rows create families, people, or (SIKS-NG) both.
    public var makesFamilies: Bool { self != .dtsenPerson && self != .p3kePerson }
    public var makesPeople: Bool { self != .dtsenFamily && self != .p3keFamily }

    /// DTSEN/Regsosek files give education as Dukcapil codes; P3KE's BKKBN bands are not mapped.
    var readsEducation: Bool { self == .dtsenPerson || self == .siksng }

    /// P3KE writes dates month first (`8/5/1992 0:00`); the others day first.
    var monthFirstDates: Bool { self == .p3keFamily || self == .p3kePerson }

    /// The layout a header's fields point to, or `nil`.
    public static func detect(_ fields: Set<ImportField>) -> ImportLayout? {
        if fields.contains(.personSourceID) && fields.contains(.sourceFamilyID) { return .p3kePerson }
        if fields.contains(.sourceFamilyID) { return .p3keFamily }
        if fields.contains(.program) && fields.contains(.nik) && fields.contains(.kkNumber) { return .siksng }
        if fields.contains(.kkNumber) && fields.contains(.nik) && fields.contains(.name) { return .dtsenPerson }
        if fields.contains(.kkNumber) && (fields.contains(.villageCode) || fields.contains(.villageName)) && !fields.contains(.nik) {
            return .dtsenFamily
        }
        return nil
    }

    /// Resolves a `--layout` choice (`auto`, `siksng`, `p3ke`, `dtsen`, `lumbung`, or a full layout name)
    /// against a header's fields.
    public static func choose(_ choice: String, fields: Set<ImportField>) throws(ImportError) -> ImportLayout? {
        let detected = detect(fields)
        switch choice.lowercased() {
        case "auto", "": return detected
        case "siksng": return .siksng
        case "p3ke": return fields.contains(.personSourceID) || fields.contains(.name) && !fields.contains(.headName) ? .p3kePerson : .p3keFamily
        case "dtsen", "lumbung": return fields.contains(.nik) ? .dtsenPerson : .dtsenFamily
        default:
            guard let layout = ImportLayout(rawValue: choice.lowercased()) else { throw .unknownLayout(choice) }
            return layout
        }
    }
}
