/// No. KK — the 16-digit number of a *Kartu Keluarga* (family card).
///
/// Structure: 6 digits of the kecamatan where it was issued, the date of issue as DDMMYY (no +40),
/// and a 4-digit serial from 0001.
public struct KKNumber: Sendable, Hashable, CustomStringConvertible {
    public let digits: String
    public let issueDate: CalendarDate

    /// Parses and checks a KK number: 16 digits, a real province, a real issue date not after `asOf`, serial ≥ 1.
    public init(_ text: String, asOf: CalendarDate) throws(NIKError) {
        let digits = try IdentityDigits.sixteen(text)
        guard let issueDate = IdentityDigits.embeddedDate(digits, day: IdentityDigits.day(digits), asOf: asOf) else {
            throw .invalidIssueDate(digits)
        }
        guard Int(digits.suffix(4))! >= 1 else { throw .zeroSerial(digits) }
        self.digits = digits
        self.issueDate = issueDate
    }

    /// Builds the number of a KK issued in kecamatan `district` (6 digits).
    public static func compose(district: String, issueDate: CalendarDate, serial: Int) -> String {
        precondition(district.count == 6 && (1...9999).contains(serial))
        return district + CalendarDate.pad(issueDate.day, 2) + CalendarDate.pad(issueDate.month, 2)
            + CalendarDate.pad(issueDate.year % 100, 2) + CalendarDate.pad(serial, 4)
    }

    public var masked: String { IdentityMask.masked(digits) }
    public var description: String { masked }
}
