/// What a table's rows are: one family each, or one person each (who may carry their family's columns).
public enum TableRole: String, Sendable, Codable {
    case families, people
}

/// The layouts Lumbung names in reports. A layout is a name for what the columns show — decided from the
/// headers (and, for people vs families, the data), never from the file name; every layout goes through
/// the same reading, and person rows that carry a No. KK or family id build their families themselves.
public enum ImportLayout: String, Sendable, CaseIterable, Codable {
    /// Family rows keyed by No. KK (DTSEN/Regsosek family sheets, BDT ruta tables, Lumbung's own family template).
    case dtsenFamily = "dtsen-keluarga"
    /// Person rows keyed by No. KK (DTSEN/DTKS ART extracts, SIAK and village-system population exports, BDT ART tables).
    case dtsenPerson = "dtsen-individu"
    /// P3KE family rows, keyed by P3KE's own family id.
    case p3keFamily = "p3ke-keluarga"
    /// P3KE person rows (the family's columns repeated on each row).
    case p3kePerson = "p3ke-individu"
    /// SIKS-NG usulan (proposal) list: one person per row with their KK and region names.
    case siksng = "siksng-usulan"

    public var role: TableRole {
        switch self {
        case .dtsenFamily, .p3keFamily: .families
        case .dtsenPerson, .p3kePerson, .siksng: .people
        }
    }

    /// The fields a table must have to be read in this layout: one that names the family, and for people a name.
    public func missing(in fields: Set<ImportField>) -> [ImportField] {
        var missing: [ImportField] = []
        if !fields.contains(.kkNumber) && !fields.contains(.sourceFamilyID) {
            missing.append(self == .p3keFamily || self == .p3kePerson ? .sourceFamilyID : .kkNumber)
        }
        if role == .people && !fields.contains(.name) { missing.append(.name) }
        return missing
    }

    /// The layout a header's fields point to, or `nil` when they describe no family or person.
    ///
    /// People when the header has a name column (a P3KE family file names the head in `Kepala Keluarga`, not
    /// `Nama`), or a NIK with a relationship column; families when it has only a family key with family fields.
    public static func detect(_ fields: Set<ImportField>) -> ImportLayout? {
        let key = fields.contains(.kkNumber) || fields.contains(.sourceFamilyID)
        let people = fields.contains(.name) || fields.contains(.nik) && (fields.contains(.relationship) || fields.contains(.relationshipRegsosek))
        if people && (key || fields.contains(.nik)) {
            if fields.contains(.sourceFamilyID) && !fields.contains(.kkNumber) { return .p3kePerson }
            if fields.contains(.program) { return .siksng }
            return .dtsenPerson
        }
        guard key else { return nil }
        let described = fields.contains { $0.isFamilyField || $0.isRegionField }
        guard described else { return nil }
        return fields.contains(.sourceFamilyID) && !fields.contains(.kkNumber) ? .p3keFamily : .dtsenFamily
    }

    /// Resolves a `--layout` choice (`auto`, `siksng`, `p3ke`, `dtsen`, `lumbung`, or a full layout name)
    /// against a header's fields.
    public static func choose(_ choice: String, fields: Set<ImportField>) throws(ImportError) -> ImportLayout? {
        let detected = detect(fields)
        switch choice.lowercased() {
        case "auto", "": return detected
        case "siksng": return .siksng
        case "p3ke": return detected?.role == .people || fields.contains(.personSourceID) ? .p3kePerson : .p3keFamily
        case "dtsen", "lumbung": return detected?.role == .people ? .dtsenPerson : .dtsenFamily
        default:
            guard let layout = ImportLayout(rawValue: choice.lowercased()) else { throw .unknownLayout(choice) }
            return layout
        }
    }
}
