/// A problem found in one row: where (row, column, value), how bad, and what it means in Bahasa Indonesia.
public struct ImportIssue: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable {
        /// The row is rejected and goes to the rejects file.
        case error
        /// The row is kept and flagged.
        case warning
    }

    public let row: Int
    /// The sheet of a workbook the row is on, where the workbook has more than one.
    public let sheet: String?
    /// The column's header as the file spells it.
    public let column: String?
    /// The raw cell (never a full NIK in logs: reports show it only to people who may see the file).
    public let value: String?
    public let severity: Severity
    /// A stable code, e.g. `nik_excel_scientific`, `village_unknown`.
    public let code: String
    /// What is wrong and how to fix it, in Bahasa Indonesia.
    public let message: String

    public init(row: Int, sheet: String? = nil, column: String?, value: String?, severity: Severity, code: String, message: String) {
        self.row = row
        self.sheet = sheet
        self.column = column
        self.value = value
        self.severity = severity
        self.code = code
        self.message = message
    }
}

extension ImportIssue {
    /// A row repeating the person or family of a later row of the same file, merged into it.
    public static func duplicateInFile(row: Int, keptRow: Int, sheet: String? = nil) -> ImportIssue {
        ImportIssue(row: row, sheet: sheet, column: nil, value: nil, severity: .warning, code: "duplicate_in_file",
                    message: "Orang atau keluarga yang sama muncul lagi di baris \(keptRow); keduanya digabung dan data baris itu yang dipakai.")
    }
}
