import LumbungDomain

/// What an import batch is, for the `import_batch` ledger.
public struct ImportBatchInfo: Sendable {
    public let layout: String
    public let fileName: String
    public let sha256: String
    public let dryRun: Bool
    public let asOf: CalendarDate
    /// People are joined only to families in this region (the uploader's scope), when given.
    public let scope: RegionCode?

    public init(layout: String, fileName: String, sha256: String, dryRun: Bool, asOf: CalendarDate, scope: RegionCode? = nil) {
        self.scope = scope
        self.layout = layout
        self.fileName = fileName
        self.sha256 = sha256
        self.dryRun = dryRun
        self.asOf = asOf
    }
}

/// A problem to record in `import_issue`, with the original cells of a rejected row (a JSON array) so
/// that a rejects file can be made from the database.
public struct StoredIssue: Sendable {
    public let issue: ImportIssue
    public let rawRow: String?

    public init(_ issue: ImportIssue, rawRow: String?) {
        self.issue = issue
        self.rawRow = rawRow
    }
}

/// What writing a batch did, counted in rows of the file.
public struct WriteOutcome: Sendable {
    public var batchID: Int = 0
    /// Rows that created a new family or person.
    public var inserted = 0
    /// Rows that updated a family or person already in the registry.
    public var updated = 0
    /// Rows that repeated a family or person of an earlier row of the same file (merged into it).
    public var merged: [(row: Int, into: Int)] = []
    /// Rows whose family could not be found (No. KK or family id not in the registry).
    public var familyNotFound: [Int] = []
    /// Villages whose aggregates were recomputed.
    public var villagesTouched = 0

    public init() {}
}
