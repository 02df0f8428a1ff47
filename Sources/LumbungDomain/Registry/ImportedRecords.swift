/// How a family is identified in a file: by its KK number, or, where a source carries none, by the
/// source's own family id (P3KE's `ID Keluarga P3KE`).
public enum FamilyKey: Sendable, Hashable {
    case kk(String)
    case source(String)

    public var kk: String? { if case .kk(let number) = self { number } else { nil } }
    public var source: String? { if case .source(let id) = self { id } else { nil } }
}

/// Where a family's fields were read: from a row of a family file, or repeated on a member's row of a
/// per-person file. When rows disagree, the family row wins, then the head's row, then the first member's.
public enum FamilyRowRank: Int, Sendable, Comparable {
    case familyRow = 0, headRow = 1, memberRow = 2

    public static func < (lhs: FamilyRowRank, rhs: FamilyRowRank) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A family read from one row of a file — a family row, or the family columns of a member's row — ready
/// to be merged with the other rows of the same family and with the registry. Fields the row does not
/// carry are `nil` and never erase what another source gave.
public struct ImportedFamily: Sendable {
    /// The row it came from (unique within the import: see `ImportedRowID`).
    public let row: Int
    public let key: FamilyKey
    /// The desa, where the row names one (a housing sheet joined by KK may not).
    public let village: RegionCode?
    public let rank: FamilyRowRank
    /// The family's fields (its `villageCode` is meaningless when `village` is `nil`).
    public let household: Household
    /// The dusun, kept as part of the address.
    public let dusun: String?

    public init(row: Int, key: FamilyKey, village: RegionCode?, rank: FamilyRowRank, household: Household, dusun: String? = nil) {
        self.row = row
        self.key = key
        self.village = village
        self.rank = rank
        self.household = household
        self.dusun = dusun
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

/// Rows of several sheets of one workbook are written in one batch: each row gets an id unique in the
/// import, `sheet × 4,194,304 + row` (a sheet holds at most 1,048,576 rows; a CSV is sheet 0, so its
/// row numbers are kept as they are, however many).
public enum ImportedRowID {
    public static let sheetStride = 4_194_304

    public static func make(sheet: Int, row: Int) -> Int { sheet * sheetStride + row }
    public static func sheet(of id: Int) -> Int { id / sheetStride }
    public static func row(of id: Int) -> Int { id % sheetStride }
}
