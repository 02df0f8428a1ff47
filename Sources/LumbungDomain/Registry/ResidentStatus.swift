/// Whether a person still lives in the family and desa the registry holds them in: *status dasar* of village
/// systems (1 hidup, 2 mati, 3 pindah, 4 hilang, 5 pergi, 6 tidak valid), SIAK's `Status` (Hidup, Mati, Pindah
/// Dalam Negeri, Tidak Valid) and Regsosek 404 *keberadaan ART* are all mapped onto these codes.
///
/// The dead and those who moved away are kept in the registry with their status and its date — never
/// deleted — but leave the counts of their desa (`countsAsResident`).
public enum ResidentStatus: Int, CodeList {
    case alive = 1, dead, movedOut, missing, gone, invalid

    public var label: String {
        switch self {
        case .alive: "Hidup"
        case .dead: "Mati"
        case .movedOut: "Pindah"
        case .missing: "Hilang"
        case .gone: "Pergi"
        case .invalid: "Tidak Valid"
        }
    }

    /// Whether the person counts among the residents of their desa.
    public var countsAsResident: Bool { self == .alive }
}

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
