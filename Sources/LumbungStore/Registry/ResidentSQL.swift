import LumbungDomain

/// Who lives in a family, in SQL: the domain's rule (`ResidentStatus.countsAsResident`) written out as its codes, so
/// that no query keeps a list of its own.
enum ResidentSQL {
    /// `(p.resident_status IS NULL OR p.resident_status IN (1, 6))` for `column` = `p.resident_status`: a person with no
    /// stated status is a resident.
    static func isResident(_ column: String) -> String {
        let codes = ResidentStatus.allCases.filter(\.countsAsResident).map { String($0.code) }.joined(separator: ", ")
        return "(\(column) IS NULL OR \(column) IN (\(codes)))"
    }

    /// The residents of the family of `household` (its table alias), as a correlated subquery on `person_household`.
    static func residents(ofFamily household: String) -> String {
        "(SELECT COUNT(*) FROM person p WHERE p.regency_code = \(household).regency_code AND p.household_id = \(household).id AND \(isResident("p.resident_status")))"
    }
}
