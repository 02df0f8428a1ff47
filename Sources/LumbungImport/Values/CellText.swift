import Foundation
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

    /// `text.trimmingCharacters(in: .whitespaces)` (tab and Unicode space separators), without asking Foundation
    /// when both ends are printable ASCII — almost every cell, and Foundation's trimming is slow per row.
    static func withoutSurroundingSpaces(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespaces)
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

}

import Foundation
