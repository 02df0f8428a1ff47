import LumbungDomain
/// What an import did, for the terminal, the API and the Impor page.
public struct ImportReport: Sendable, Codable, Equatable {
    /// One kind of problem, counted, with a few examples.
    public struct Problem: Sendable, Codable, Equatable {
        public let code: String
        public let severity: ImportIssue.Severity
        public var count: Int
        public var examples: [ImportIssue]
    }

    public let file: String
    public let layout: String?
    public let headerRow: Int?
    public var batchID: Int?
    public let dryRun: Bool
    /// Set when the same file was imported before: the import changed nothing.
    public var alreadyImportedInBatch: Int?
    /// Data rows read (blank rows and the header are not counted). Always
    /// `rowsRead == inserted + updated + unchanged + merged + rejected + skipped`.
    public var rowsRead = 0
    /// Rows that made a new record (a person in a person file, a family in a family file).
    public var inserted = 0
    /// Rows that changed a stored record.
    public var updated = 0
    /// Rows whose stored record already held everything they say.
    public var unchanged = 0
    /// Rows that repeated a record of another row of the same file (merged into it).
    public var merged = 0
    public var rejected = 0
    /// Rows that are no data: an end marker (`###`) and the instructions under it.
    public var skipped = 0
    /// Kept rows that carry a warning (a part of inserted + updated + unchanged + merged).
    public var warned = 0
    /// Families made or updated from the family columns of person rows.
    public var familiesInserted = 0
    public var familiesUpdated = 0
    public var problems: [Problem] = []
    /// The rejects file: the rejected rows with their original columns and the reason, to fix in Excel.
    public var rejectsFile: String?
    /// One rejects file per table, for a workbook of several.
    public var rejectsFiles: [String] = []
    /// What each table's columns were understood as ("Kolom yang dipahami").
    public var tables: [Table] = []
    /// Sheets that hold no table Lumbung reads (instructions, code lists).
    public var skippedSheets: [SkippedSheet] = []
    /// Per column, the values no code list knows, most frequent first.
    public var unknownValues: [UnknownValues] = []
    /// File-level notes: the date order chosen per column, duplicated headers, ….
    public var notes: [String] = []
    /// For a beneficiary list: the new enrolments by how they were matched, and programmes registered from it.
    public var enrolments: Enrolments?

    /// What a beneficiary list added.
    public struct Enrolments: Sendable, Codable, Equatable {
        /// New enrolments by `EnrolmentMatch` raw value (`nik`, `kk`, `name_birth`, `unmatched`).
        public var byMatch: [String: Int]
        public var registeredProgrammes: [String]
    }

    /// One table of the file as Lumbung read it.
    public struct Table: Sendable, Codable, Equatable {
        public let sheet: String?
        public let layout: String
        public let role: String
        public let headerRow: Int
        /// The region source: "kode Kemendagri", "kode BPS terpisah", "nama wilayah", "desa pilihan" or "tidak ada".
        public let regionSource: String
        public let columns: [Column]
        /// Rows read from this sheet (end marker and instructions included) and rows of it rejected while reading;
        /// `nil` in reports stored before they were counted.
        public var rowsRead: Int? = nil
        public var rejected: Int? = nil
    }

    /// A column and the field it was understood as (`nil`: not used).
    public struct Column: Sendable, Codable, Equatable {
        public let sheet: String?
        public let header: String
        public let field: String?
        public let fieldLabel: String?
    }

    /// The values of one column that no code list knows.
    public struct UnknownValues: Sendable, Codable, Equatable {
        public let column: String
        public let values: [ValueCount]
        /// "kolom PENDIDIKAN: 3 nilai tidak dikenal: 'S1 Hukum' (12 baris), …"
        public var summary: String {
            "kolom \(column): \(values.count) nilai tidak dikenal: " + values.prefix(10).map { "'\($0.value)' (\($0.rows) baris)" }.joined(separator: ", ")
                + (values.count > 10 ? ", …" : "")
        }
    }

    public struct ValueCount: Sendable, Codable, Equatable {
        public let value: String
        public let rows: Int
    }

    /// The columns of every table, for reports and tests.
    public var columns: [Column] { tables.flatMap(\.columns) }

    public init(file: String, layout: String?, headerRow: Int?, dryRun: Bool) {
        self.file = file
        self.layout = layout
        self.headerRow = headerRow
        self.dryRun = dryRun
    }

    static let examplesPerProblem = 5

    mutating func count(_ issues: [ImportIssue]) {
        for issue in issues {
            if let index = problems.firstIndex(where: { $0.code == issue.code }) {
                problems[index].count += 1
                if problems[index].examples.count < Self.examplesPerProblem { problems[index].examples.append(issue) }
            } else {
                problems.append(Problem(code: issue.code, severity: issue.severity, count: 1, examples: [issue]))
            }
        }
    }

    /// Problems, most frequent first.
    public var topProblems: [Problem] {
        problems.sorted { ($0.severity == .error ? 0 : 1, -$0.count, $0.code) < ($1.severity == .error ? 0 : 1, -$1.count, $1.code) }
    }
}
