/// Formula injection (also called CSV injection): Excel and LibreOffice run a cell whose text starts
/// with `=`, `+`, `-` or `@` (or a tab or carriage return) as a formula when they open a CSV file, and a
/// formula such as `=HYPERLINK("https://…?"&C2, "…")` sends other cells' contents (a NIK, a name) to an
/// outside address. Values Lumbung writes come from uploaded files, so every text cell of every CSV
/// it writes goes through `neutralised(_:)`, which puts a `'` in front as OWASP recommends; an XLSX text
/// cell is never a formula, and the writer marks such cells "quote prefix" so editing them keeps them text.
public enum FormulaGuard {
    /// `text` with a `'` in front when a spreadsheet could take it for a formula; plain numbers
    /// (`-5`, `+6281234`, `-8,58`, `1.234`) are left alone, since a spreadsheet reads them as numbers.
    public static func neutralised(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }

    /// Whether `text`, opened in a spreadsheet, could start a formula: its first character other than
    /// spaces is `=`, `+`, `-`, `@`, a tab or a carriage return, and it is not simply a number.
    /// A lone dash or plus (`-`, `--`, `+`), the usual "nothing" of many exports, starts no formula and is left alone.
    public static func isFormulaLike(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { $0 != 32 }), triggers.contains(first) else { return false }
        let trimmed = text.utf8.filter { $0 != 32 }
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == UInt8(ascii: "-") }) || trimmed == [UInt8(ascii: "+")] { return false }
        return !isPlainNumber(text.utf8)
    }

    private static let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]

    /// `[+-]digits`, with `.` or `,` between digit groups and an optional exponent: `-12`, `-8.58`, `+62812`, `-1,5e3`.
    private static func isPlainNumber(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index = bytes.index(after: index) }
        var digits = 0
        var lastWasDigit = false
        var exponent = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                lastWasDigit = true
            } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && lastWasDigit && !exponent {
                lastWasDigit = false
            } else if (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")) && lastWasDigit && !exponent {
                exponent = true
                lastWasDigit = false
                let next = bytes.index(after: index)
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "-") || bytes[next] == UInt8(ascii: "+") { index = next }
            } else {
                return false
            }
            index = bytes.index(after: index)
        }
        return digits > 0 && lastWasDigit
    }
}
