import LumbungDomain

/// One cell of a table being written.
public enum Cell: Sendable, Equatable {
    case empty
    /// Text, written as a text cell in XLSX (so 16-digit numbers stay text) and as is in CSV, except that
    /// text a spreadsheet would run as a formula (`=HYPERLINK(…)`) is neutralised: see `FormulaGuard`.
    case text(String)
    /// A whole number, written as a number cell in XLSX.
    case number(Int)
    /// A date: a real date cell (serial number with a date format) in XLSX, `text` in CSV.
    case date(CalendarDate, text: String)

    /// The cell as CSV text, formulas neutralised.
    var csvText: String {
        switch self {
        case .empty: ""
        case .text(let text): FormulaGuard.neutralised(text)
        case .number(let number): String(number)
        case .date(_, let text): text
        }
    }
}

/// A table written row by row to a file.
public protocol TableWriter: AnyObject {
    /// Appends one row.
    func write(_ row: [Cell]) throws
    /// The number of rows written so far, the header and any title block included: the row number
    /// a spreadsheet user sees on the last row.
    var rowsWritten: Int { get }
    /// Completes the file. Nothing is usable before this returns.
    func finish() throws
}
