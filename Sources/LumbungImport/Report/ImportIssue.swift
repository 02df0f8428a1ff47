/// A problem found in one row: where (row, column, value), how bad, and what it means in Bahasa Indonesia.
public struct ImportIssue: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable {
        /// The row is rejected and goes to the rejects file.
        case error
        /// The row is kept and flagged.
        case warning
    }

    public let row: Int
    /// The column's header as the file spells it.
    public let column: String?
    /// The raw cell (never a full NIK in logs: reports show it only to people who may see the file).
    public let value: String?
    public let severity: Severity
    /// A stable code, e.g. `nik_excel_scientific`, `village_unknown`.
    public let code: String
    /// What is wrong and how to fix it, in Bahasa Indonesia.
    public let message: String

    public init(row: Int, column: String?, value: String?, severity: Severity, code: String, message: String) {
        self.row = row
        self.column = column
        self.value = value
        self.severity = severity
        self.code = code
        self.message = message
    }
}
