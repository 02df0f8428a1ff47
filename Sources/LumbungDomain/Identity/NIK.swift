/// NIK — *Nomor Induk Kependudukan*, the 16-digit personal identity number issued by Dukcapil.
///
/// Structure: 6 digits of the kecamatan where it was first issued (province 2, kabupaten/kota 2,
/// kecamatan 2, Kemendagri codes of that time), the birth date as DDMMYY with 40 added to the day
/// for women, and a 4-digit serial from 0001. Always text, never a number: Excel keeps only 15
/// significant digits.
public struct NIK: Sendable, Hashable, CustomStringConvertible {
    /// The 16 digits.
    public let digits: String
    /// The birth date the number encodes.
    public let birthDate: CalendarDate
    /// The sex the number encodes (day + 40 for women).
    public let sex: Sex
    /// The 4-digit serial, 1…9999.
    public let serial: Int

    /// Parses and checks a NIK: exactly 16 digits, a real province, a real birth date (day + 40 for
    /// women) not after `asOf`, and a serial of at least 1.
    ///
    /// The kabupaten and kecamatan digits are not checked here: NIKs keep codes of regions that have
    /// since split, so an unknown one is a warning for the importer to raise, not a malformed number.
    public init(_ text: String, asOf: CalendarDate) throws(NIKError) {
        let digits = try IdentityDigits.sixteen(text)
        let day = IdentityDigits.day(digits)
        let sex: Sex = day > 40 ? .female : .male
        guard let birthDate = IdentityDigits.embeddedDate(digits, day: day > 40 ? day - 40 : day, asOf: asOf) else {
            throw .invalidBirthDate(digits)
        }
        let serial = Int(digits.suffix(4))!
        guard serial >= 1 else { throw .zeroSerial(digits) }
        self.digits = digits
        self.birthDate = birthDate
        self.sex = sex
        self.serial = serial
    }

    /// Builds the NIK of a person first registered in kecamatan `district` (6 digits).
    public static func compose(district: String, birthDate: CalendarDate, sex: Sex, serial: Int) -> String {
        precondition(district.count == 6 && (1...9999).contains(serial))
        let day = birthDate.day + (sex == .female ? 40 : 0)
        return district + CalendarDate.pad(day, 2) + CalendarDate.pad(birthDate.month, 2)
            + CalendarDate.pad(birthDate.year % 100, 2) + CalendarDate.pad(serial, 4)
    }

    /// The province digits, `52`.
    public var provinceCode: String { String(digits.prefix(2)) }
    /// The kabupaten/kota digits, `5203`.
    public var regencyDigits: String { String(digits.prefix(4)) }
    /// The kecamatan digits, `520301`.
    public var districtDigits: String { String(digits.prefix(6)) }

    /// The form shown to people who may not see NIKs: only the last 4 digits.
    public var masked: String { IdentityMask.masked(digits) }

    public var description: String { masked }

}
