import Foundation

/// The period a coordination analysis covers (`--period 2025`, `--from 2025-01-01 --to 2025-06-30`): only enrolments
/// of that period count as reaching a family, and only programmes running in it are listed.
///
/// When an enrolment falls in the period: by its date received when the list gives one; else by the year its list
/// names (`TAHUN 2025`: the whole year); else by its programme's own period (start to end, open-ended if none).
public struct CoveragePeriod: Sendable, Hashable, CustomStringConvertible {
    public let from: CalendarDate
    public let to: CalendarDate

    /// `nil` when `to` is before `from`.
    public init?(from: CalendarDate, to: CalendarDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// A year (`2025`), a month (`2025-03`) or a day (`2025-03-15`); `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        if parts.count == 1 {
            guard let start = CalendarDate(year: year, month: 1, day: 1), let end = CalendarDate(year: year, month: 12, day: 31) else { return nil }
            self.init(from: start, to: end)
        } else if parts.count == 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), let start = CalendarDate(year: year, month: month, day: 1),
                  let end = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) else { return nil }
            self.init(from: start, to: end)
        } else {
            guard let day = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else { return nil }
            self.init(from: day, to: day)
        }
    }

    /// The years the period touches, as lists name them (`"2024"`, `"2025"`).
    public var years: [String] { (from.year...to.year).map(String.init) }

    /// Whether something running from `start` to `end` (`nil`: still running) runs at some time in the period.
    public func overlaps(start: CalendarDate, end: CalendarDate?) -> Bool {
        start <= to && (end.map { $0 >= from } ?? true)
    }

    /// Whether `programme` runs at some time in the period: from its start to its end or closing, whichever is first.
    public func overlaps(_ programme: Programme) -> Bool {
        overlaps(start: programme.start, end: [programme.end, programme.closedOn].compactMap { $0 }.min())
    }

    /// Whether an enrolment counts in the period (the rule above): received on `receivedOn`, for the list's period
    /// `listPeriod` ("2025", a month, or empty), of a programme running from `start` to `end`.
    public func includes(receivedOn: CalendarDate?, listPeriod: String, programmeStart start: CalendarDate, programmeEnd end: CalendarDate?) -> Bool {
        if let receivedOn { return receivedOn >= from && receivedOn <= to }
        if Self.isYear(listPeriod), let year = Int(listPeriod) { return (from.year...to.year).contains(year) }
        return overlaps(start: start, end: end)
    }

    /// Whether a list's period text is a year (four digits).
    public static func isYear(_ text: String) -> Bool {
        text.count == 4 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `2025`, or `2025-01-01 s.d. 2025-06-30`.
    public var description: String {
        if from.month == 1 && from.day == 1 && to.month == 12 && to.day == 31 && from.year == to.year { return String(from.year) }
        return from == to ? from.description : "\(from) s.d. \(to)"
    }
}
