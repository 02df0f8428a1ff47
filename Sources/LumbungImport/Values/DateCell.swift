import Foundation
import LumbungDomain
import LumbungSheets

/// Which part of a `nn/nn/yyyy` date is the day, settled for a whole column by its values: a first part
/// above 12 proves day-first, a second part above 12 proves month-first. Real exports differ (P3KE's seen
/// day-first, some month-first), so no source is trusted to a fixed order.
public enum DateOrder: String, Sendable, Codable {
    case dayFirst, monthFirst
    /// No value tells (every day ≤ 12): read day-first, the Indonesian convention, and warn.
    case undecided
    /// Values prove both orders: each value read the way it can be, and the column is warned about.
    case mixed
}

/// The evidence of one date column.
public struct DateOrderEvidence: Sendable {
    public private(set) var dayFirst = 0
    public private(set) var monthFirst = 0
    /// Values in `nn/nn/yyyy` form at all.
    public private(set) var slashed = 0

    public init() {}

    public mutating func see(_ value: SheetValue) {
        guard case .text(let raw) = value, let parts = DateCell.parts(raw), parts.yearLast else { return }
        slashed += 1
        if parts.a > 12 && parts.b <= 12 { dayFirst += 1 }
        if parts.b > 12 && parts.a <= 12 { monthFirst += 1 }
    }

    public var order: DateOrder {
        switch (dayFirst > 0, monthFirst > 0) {
        case (true, false): .dayFirst
        case (false, true): .monthFirst
        case (true, true): .mixed
        case (false, false): slashed > 0 ? .undecided : .dayFirst
        }
    }
}

/// Reads a date cell: a workbook date, an Excel serial number (in a number or a text cell), `yyyy-mm-dd`,
/// or `nn/nn/yyyy`, `nn-nn-yyyy`, `nn.nn.yyyy` (with or without a time such as `0:00:00`) in the column's order.
/// Total: no value traps, however large or strange.
public enum DateCell {
    public enum Problem: Error, Equatable {
        case unreadable, invalid, twoDigitYear
    }

    struct Parts {
        let a: Int, b: Int, c: Int
        /// Whether the year is the last part (`dd/mm/yyyy`) rather than the first (`yyyy-mm-dd`).
        let yearLast: Bool
    }

    /// The three numbers of a date's text, if it has that shape (time after a space ignored).
    static func parts(_ raw: String) -> Parts? {
        let trimmed = CellText.withoutSurroundingSpaces(raw)
        if let ascii = asciiParts(trimmed) { return ascii }
        guard let datePart = trimmed.split(separator: " ", omittingEmptySubsequences: true).first, datePart.utf8.count <= 12 else { return nil }
        let pieces = datePart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard pieces.count == 3, pieces.allSatisfy({ piece in !piece.isEmpty && piece.count <= 4 && piece.allSatisfy { $0.isASCIIDigit } }),
              let a = Int(pieces[0]), let b = Int(pieces[1]), let c = Int(pieces[2]) else { return nil }
        return Parts(a: a, b: b, c: c, yearLast: pieces[0].count != 4)
    }

    /// `parts` of a text that is all ASCII, read on its bytes (the same answer, without a `Character` per digit);
    /// `nil` when the text holds anything else, and `.some(nil)` when it is ASCII but no date of that shape.
    private static func asciiParts(_ trimmed: String) -> Parts?? {
        var numbers = (0, 0, 0), lengths = (0, 0, 0), index = 0, size = 0, inDate = true, ok = true
        for byte in trimmed.utf8 {
            guard byte < 0x80 else { return nil }
            guard inDate, ok else { continue }
            if byte == 0x20 { inDate = size == 0; continue }
            size += 1
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                index += 1
                if index > 2 { ok = false }
            } else if byte >= 0x30 && byte <= 0x39 {
                let digit = Int(byte - 0x30)
                switch index {
                case 0 where lengths.0 < 4: numbers.0 = numbers.0 * 10 + digit; lengths.0 += 1
                case 1 where lengths.1 < 4: numbers.1 = numbers.1 * 10 + digit; lengths.1 += 1
                case 2 where lengths.2 < 4: numbers.2 = numbers.2 * 10 + digit; lengths.2 += 1
                default: ok = false  // a fifth digit: no date of this shape
                }
            } else {
                ok = false
            }
        }
        guard ok, size > 0, size <= 12, index == 2, (1...4).contains(lengths.0), (1...4).contains(lengths.1), (1...4).contains(lengths.2) else {
            return .some(nil)
        }
        return .some(Parts(a: numbers.0, b: numbers.1, c: numbers.2, yearLast: lengths.0 != 4))
    }

    /// Excel's serial day numbers that can be birth or data dates (1900-03-01 … 2118).
    static let serialRange = 61.0...80_000.0

    public static func read(_ value: SheetValue, order: DateOrder) -> Result<CalendarDate, Problem>? {
        switch value {
        case .empty: return nil
        case .date(let date): return .success(date)
        case .number(let text):
            return serial(text).map { .success($0) } ?? .failure(.invalid)
        case .bool, .error: return .failure(.unreadable)
        case .text(let raw):
            let text = CellText.withoutSurroundingSpaces(raw)
            if text.isEmpty { return nil }
            guard let parts = parts(text) else {
                if text.allSatisfy({ $0.isASCIIDigit || $0 == "." }), let date = serial(text) { return .success(date) }
                return .failure(.unreadable)
            }
            let date: CalendarDate?
            if !parts.yearLast {
                date = CalendarDate(year: parts.a, month: parts.b, day: parts.c)
            } else {
                guard parts.c >= 1000 else { return .failure(.twoDigitYear) }
                switch order {
                case .monthFirst: date = CalendarDate(year: parts.c, month: parts.a, day: parts.b)
                case .mixed where parts.b > 12: date = CalendarDate(year: parts.c, month: parts.a, day: parts.b)
                default: date = CalendarDate(year: parts.c, month: parts.b, day: parts.a)
                }
            }
            return date.map { .success($0) } ?? .failure(.invalid)
        }
    }

    /// An Excel serial day number (whole or with a time fraction), or `nil` outside the usable range.
    static func serial(_ text: String) -> CalendarDate? {
        guard text.utf8.count <= 24, let number = Double(text), number.isFinite, serialRange.contains(number),
              let whole = Int(exactly: number.rounded(.down)) else { return nil }
        return CalendarDate(excelSerial: whole)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
