/// An age the source states without a birth date (older BDT sheets give `Umur` only), with the date it
/// was true on, so the person still falls in the right age band on a later date.
public struct StatedAge: Sendable, Hashable, Codable {
    public let years: Int
    public let on: CalendarDate

    public init(years: Int, on date: CalendarDate) {
        self.years = years
        self.on = date
    }

    /// The age on `date`: the stated age plus the whole years passed since it was stated.
    public func age(on date: CalendarDate) -> Int {
        max(0, years + self.on.age(on: date))
    }
}
