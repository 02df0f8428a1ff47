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
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    /// Rows that repeated a record of an earlier row of the same file.
    public var merged = 0
    public var warned = 0
    public var rejected = 0
    public var problems: [Problem] = []
    /// The rejects file: the rejected rows with their original columns and the reason, to fix in Excel.
    public var rejectsFile: String?

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
