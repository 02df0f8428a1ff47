/// A date on the civil (Gregorian) calendar with no time and no time zone: a birth date, a KK issue date.
///
/// Pure arithmetic, so that ages and Excel serial numbers never depend on the machine's clock or zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Years a date may have: what a spreadsheet can hold. Beyond them the day arithmetic would overflow.
    public static let years = 1...9999

    /// A real date, or `nil` for 31 February, the year 0 or 99999999999 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Completed years of age on `date`.
    public func age(on date: CalendarDate) -> Int {
        let had = (date.month, date.day) >= (month, day)
        return date.year - year - (had ? 0 : 1)
    }

    /// Adds whole days.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSince1970: daysSince1970 + days)
    }

    /// Reads `yyyy-mm-dd`; `nil` if it is no real date.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// ISO form, `1992-08-05`.
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-mm-dd date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// Excel's serial day number (1900 date system): days since 1899-12-30, as Excel counts
    /// for every date after 1900-02-28 (Excel's fictitious 1900-02-29 makes earlier serials off by one).
    public var excelSerial: Int { daysSince1970 + 25_569 }

    /// The largest serial number Excel accepts: 9999-12-31.
    public static let maxExcelSerial = 2_958_465

    /// The date of an Excel serial number in the 1900 (or, for `date1904` workbooks, 1904) date system;
    /// `nil` below 1 or beyond 9999-12-31 (a file may hold any number, such as 1e300, in a date cell).
    public init?(excelSerial serial: Int, date1904: Bool = false) {
        guard serial >= 1, serial <= Self.maxExcelSerial else { return nil }
        if date1904 {
            self.init(daysSince1970: serial - 24_107)
        } else if serial == 60 {
            return nil  // 1900-02-29 does not exist.
        } else {
            self.init(daysSince1970: serial - (serial < 60 ? 25_568 : 25_569))
        }
    }
}

extension CalendarDate {
    /// Today in NTB (WITA, UTC+8), from the given instant in seconds since 1970 — the default "as of" of imports.
    public static func todayInNTB(secondsSince1970: Double) -> CalendarDate {
        CalendarDate(daysSince1970: Int(saturating: (secondsSince1970 + 8 * 3600) / 86_400, rounding: .down))
    }
}
