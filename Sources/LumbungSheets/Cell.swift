import LumbungDomain

/// One cell of a table being written.
public enum Cell: Sendable, Equatable {
    case empty
    /// Text, written as a text cell in XLSX (so 16-digit numbers stay text) and as is in CSV, except that
    /// text a spreadsheet would run as a formula (`=HYPERLINK(…)`) is neutralised: see `FormulaGuard`.
    case text(String)
    /// A whole number, written as a number cell in XLSX.
    case number(Int)
    /// A number with a fraction (a percentage), written as a number cell in XLSX and with a decimal point in CSV,
    /// at most `places` decimals; not finite → empty.
    case decimal(Double, places: Int)
    /// A date: a real date cell (serial number with a date format) in XLSX, `text` in CSV.
    case date(CalendarDate, text: String)

    /// The cell as CSV text, formulas neutralised.
    public var csvText: String {
        switch self {
        case .empty: ""
        case .text(let text): FormulaGuard.neutralised(text)
        case .number(let number): String(number)
        case .decimal(let value, let places): Self.decimalText(value, places: places)
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

extension Cell {
    /// `12.35`: at most `places` (0–6) decimals, trailing zeros dropped, a decimal point; "" when not finite.
    static func decimalText(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "" }
        let places = min(max(places, 0), 6)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        guard let scaled = Int(exactly: (value * scale).rounded(.toNearestOrAwayFromZero)) else { return "" }
        let factor = Int(exactly: scale) ?? 1
        let sign = scaled < 0 ? "-" : ""
        let whole = abs(scaled) / factor, fraction = abs(scaled) % factor
        guard fraction > 0, places > 0 else { return sign + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: places - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return sign + String(whole) + "." + digits
    }
}
