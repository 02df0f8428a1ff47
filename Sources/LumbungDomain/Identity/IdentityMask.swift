/// How a NIK or No. KK is shown to someone whose role may not see it in full: the first 4 digits only
/// (`5203************`, the province and kabupaten/kota, which the family's desa shows anyway).
///
/// A NIK is region (6 digits) + birth date (DDMMYY, day + 40 for women) + a 4-digit serial, and a No. KK is
/// region + issue date + serial. Showing the last digits beside the birth date, sex and desa let a probe
/// rebuild 148 of 149 masked NIKs, so the trailing digits are never shown, and a masked view shows a
/// member's birth year (`IdentityMask.birthYear`), never the full date: what is left (day, month, serial)
/// is 3.6 million possibilities per person.
public enum IdentityMask {
    /// How many leading digits stay visible.
    public static let shownDigits = 4

    public static func masked(_ digits: String) -> String {
        String(digits.prefix(shownDigits)) + String(repeating: "*", count: max(0, digits.count - shownDigits))
    }

    /// The birth date as a masked view shows it: the year only.
    public static func birthYear(_ date: CalendarDate?) -> Int? { date?.year }
}
