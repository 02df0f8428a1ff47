/// How a family is identified in a file: by its KK number, or, where a source carries none, by the
/// source's own family id (P3KE's `ID Keluarga P3KE`).
public enum FamilyKey: Sendable, Hashable {
    case kk(String)
    case source(String)
}

/// A family read from one row of a file, ready to be written.
public struct ImportedFamily: Sendable {
    /// The row it came from (as a spreadsheet numbers it).
    public let row: Int
    public let key: FamilyKey
    public let household: Household

    public init(row: Int, key: FamilyKey, household: Household) {
        self.row = row
        self.key = key
        self.household = household
    }
}

/// A person read from one row of a file, with the family they belong to.
public struct ImportedPerson: Sendable {
    public let row: Int
    public let family: FamilyKey
    /// The village, where the row says it; otherwise the family's (found by its key).
    public let village: RegionCode?
    public let person: Person

    public init(row: Int, family: FamilyKey, village: RegionCode?, person: Person) {
        self.row = row
        self.family = family
        self.village = village
        self.person = person
    }
}
