/// Numbers as Indonesians write them: `1.166`, `5.750.000`, `13,4%`; and the English forms beside them.
public enum IndonesianNumber {
    /// `1.234` — dots group thousands.
    public static func format(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `1,234` — commas group thousands.
    public static func formatEnglish(_ value: Int) -> String {
        String(format(value).map { $0 == "." ? "," : $0 })
    }

    /// `13,4%` — one decimal, decimal comma; `–` when there is no rate.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(percentEnglish(value).map { $0 == "." ? "," : $0 })
    }

    /// `13.4%`.
    public static func percentEnglish(_ value: Double?) -> String {
        guard let value else { return "–" }
        let tenths = Int(saturating: abs(value) * 10, rounding: .toNearestOrAwayFromZero)
        return (value < 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)%"
    }
}
