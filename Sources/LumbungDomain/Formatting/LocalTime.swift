/// Indonesia's three time zones, and which one a region keeps: times on pages (audit log, imports,
/// freshness of data) are shown in the region's own clock, labelled as Indonesians label them.
public enum IndonesianTimeZone: String, Sendable, CaseIterable {
    /// Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and Central Kalimantan.
    case wib = "WIB"
    /// Waktu Indonesia Tengah, UTC+8: Bali, NTB, NTT, South/East/North Kalimantan, Sulawesi.
    case wita = "WITA"
    /// Waktu Indonesia Timur, UTC+9: Maluku and Papua.
    case wit = "WIT"

    public var hoursFromUTC: Int {
        switch self {
        case .wib: 7
        case .wita: 8
        case .wit: 9
        }
    }

    /// The zone of a region, from the first two digits of its code (its province).
    public init(region: RegionCode) {
        let province = Int(region.dotted.prefix(2)) ?? 52
        switch province {
        case 51...53, 63...65, 71...76: self = .wita
        case 81...99: self = .wit
        default: self = .wib
        }
    }
}

/// A moment stored in UTC ("2026-12-07T08:30:11.123Z", "2026-12-07 08:30:11", "…+00") as it is read in
/// a region: `7 Desember 2026 16.30 WITA`.
public struct LocalTime: Sendable, Hashable, CustomStringConvertible {
    public let date: CalendarDate
    public let hour: Int
    public let minute: Int
    public let zone: IndonesianTimeZone

    /// `nil` when the text is not such a timestamp. A trailing offset ("+07", "+07:00", "Z") is
    /// honoured; without one the time is taken as UTC, as the database writes it.
    public init?(utc text: String, in zone: IndonesianTimeZone = .wita) {
        let chars = Array(text.trimmingSpaces)
        guard chars.count >= 16, chars[10] == "T" || chars[10] == " ", chars[13] == ":",
              let day = CalendarDate(iso: String(chars[0..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        var offsetMinutes = 0
        if let sign = chars.dropFirst(16).lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let digits = chars[(sign + 1)...].filter(\.isNumber)
            guard digits.count == 2 || digits.count == 4, let hours = Int(String(digits.prefix(2))),
                  let minutes = Int(String(digits.dropFirst(2))) ?? (digits.count == 2 ? 0 : nil) else { return nil }
            offsetMinutes = (hours * 60 + minutes) * (chars[sign] == "-" ? -1 : 1)
        }
        let total = day.daysSince1970 * 1440 + hour * 60 + minute - offsetMinutes + zone.hoursFromUTC * 60
        let days = total >= 0 ? total / 1440 : -((-total + 1439) / 1440)
        let inDay = total - days * 1440
        self.date = CalendarDate(daysSince1970: days)
        self.hour = inDay / 60
        self.minute = inDay % 60
        self.zone = zone
    }

    /// `7 Desember 2026 16.30 WITA` — hours and minutes joined by a point, as Indonesian writes them.
    public var description: String {
        "\(date.indonesianText) \(Self.twoDigits(hour)).\(Self.twoDigits(minute)) \(zone.rawValue)"
    }

    /// `7 December 2026 16:30 WITA` — for the English pages.
    public var englishDescription: String {
        "\(date.englishText) \(Self.twoDigits(hour)):\(Self.twoDigits(minute)) \(zone.rawValue)"
    }

    /// The text for a page: the local time, or the stored text unchanged when it cannot be read.
    public static func text(utc text: String, in zone: IndonesianTimeZone = .wita) -> String {
        LocalTime(utc: text, in: zone)?.description ?? text
    }

    /// `text(utc:in:)` in English.
    public static func englishText(utc text: String, in zone: IndonesianTimeZone = .wita) -> String {
        LocalTime(utc: text, in: zone)?.englishDescription ?? text
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

private extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
