import LumbungDomain
import LumbungSheets

/// Turning cells into values: trimmed text, whole numbers in Indonesian or English notation, flags and dates.
enum CellText {
    /// The cell's text with surrounding spaces removed and inner runs of spaces collapsed; `nil` when blank.
    static func text(_ value: SheetValue) -> String? {
        let raw: String
        switch value {
        case .empty: return nil
        case .text(let text), .number(let text): raw = text
        default: raw = value.text
        }
        if isTidy(raw) { return raw }
        let words = raw.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Plain ASCII-spaced text with nothing to trim or collapse (almost every cell): checked on bytes,
    /// since asking each Character whether it is whitespace is slow.
    private static func isTidy(_ text: String) -> Bool {
        var previousSpace = true
        var count = 0
        for byte in text.utf8 {
            count += 1
            if byte == 32 {
                if previousSpace { return false }
                previousSpace = true
            } else if byte < 32 || byte >= 0x80 {
                return false
            } else {
                previousSpace = false
            }
        }
        return count > 0 && !previousSpace
    }

    /// A whole number: `57`, `57,0`, `57.0`, `1.234` (Indonesian thousands) — `nil` if not one.
    static func integer(_ value: SheetValue) -> Int? {
        guard var text = text(value) else { return nil }
        if let exact = Int(text) { return exact }
        if let double = Double(text), double == double.rounded(), abs(double) < 1e15 { return Int(checked: double) }
        // Indonesian notation: dots group thousands, a comma marks decimals.
        text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        if let double = Double(text), double == double.rounded(), abs(double) < 1e15 { return Int(checked: double) }
        return nil
    }

    /// `YA`/`TIDAK`, `Y`/`T`, `1`/`2` (Regsosek's yes/no), `1`/`0`, `TRUE`/`FALSE`.
    static func yesNo(_ value: SheetValue) -> Bool? {
        if case .bool(let flag) = value { return flag }
        switch text(value)?.lowercased() {
        case "ya", "y", "1", "true", "benar", "ada": return true
        case "tidak", "t", "2", "0", "false", "salah", "tidak ada", "bukan": return false
        default: return nil
        }
    }

    /// A date cell, an Excel serial number, or text as `yyyy-mm-dd`, day-first (`dd/mm/yyyy`, `dd-mm-yyyy`)
    /// or, for P3KE, month-first (`m/d/yyyy 0:00`). `.failure` when the text is no real date.
    static func date(_ value: SheetValue, monthFirst: Bool) -> Result<CalendarDate, DateProblem>? {
        switch value {
        case .empty: return nil
        case .date(let date): return .success(date)
        case .number(let text):
            guard let serial = Double(text).flatMap({ Int(checked: $0, rounding: .down) }),
                  let date = CalendarDate(excelSerial: serial) else { return .failure(.invalid) }
            return .success(date)
        default:
            guard let text = text(value) else { return nil }
            let datePart = text.split(separator: " ")[0]
            let numbers = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map { Int($0) }
            guard numbers.count == 3, let a = numbers[0], let b = numbers[1], let c = numbers[2] else {
                if let serial = Int(datePart), serial > 60, serial < 80_000, let date = CalendarDate(excelSerial: serial) { return .success(date) }
                return .failure(.unreadable)
            }
            let date: CalendarDate?
            if datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })[0].count == 4 {
                date = CalendarDate(year: a, month: b, day: c)
            } else {
                guard c >= 1000 else { return .failure(.twoDigitYear) }
                date = monthFirst ? CalendarDate(year: c, month: a, day: b) : CalendarDate(year: c, month: b, day: a)
            }
            return date.map { .success($0) } ?? .failure(.invalid)
        }
    }

    enum DateProblem: Error {
        case unreadable, invalid, twoDigitYear
    }
}

import Foundation
