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
    /// The web's import job this batch is written for: its `import_job.batch_id` is set in the batch's own transaction.
    public var jobID: String?

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
    /// Rows that created a new record: a person for a person row, a family for a family row.
    public var inserted = 0
    /// Rows that changed a record already in the registry.
    public var updated = 0
    /// Rows whose record the registry already held as they say.
    public var unchanged = 0
    /// Rows that repeated a family or person of another row of the same file (merged into it).
    public var merged: [(row: Int, into: Int)] = []
    /// The issues that say so, one per merged row.
    public var mergedIssues: [ImportIssue] = []
    /// Rows the registry refused (family not found, a desa contradicting the family's, outside the scope), with why.
    public private(set) var refused: [ImportIssue] = []
    /// The rows of `refused` (ids unique in the import, see `ImportedRowID`), for the rejects file.
    public private(set) var refusedRows: [Int: ImportIssue] = [:]
    /// Warnings only the registry can give (no head, two heads, rows of one family that disagree, uncertain matches).
    public var warnings: [ImportIssue] = []
    /// Families made or updated from person rows.
    public var familiesInserted = 0
    public var familiesUpdated = 0
    /// Per field (family fields by column name, people's as `person.column`), the stored values this batch replaced
    /// with a different one — a conflict between sources —, counted per batch that had given the old value.
    public var replacedValues: [String: [ReplacedSource]] = [:]
    /// Villages whose aggregates were recomputed.
    public var villagesTouched = 0

    public init() {}

    /// How many values of one field a batch had given that this batch replaced.
    public struct ReplacedSource: Sendable, Equatable {
        public let batchID: Int
        public let fileName: String
        public let count: Int
    }

    mutating func refuse(_ row: Int, _ issue: ImportIssue) {
        refused.append(issue)
        refusedRows[row] = issue
    }
}
