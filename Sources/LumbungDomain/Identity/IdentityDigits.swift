/// The checks NIK and No. KK share: 16 digits, no Excel damage, not a placeholder, a real province.
enum IdentityDigits {
    /// Digits 7–8 (the day, plus 40 for women in a NIK).
    static func day(_ digits: String) -> Int {
        Int(digits.dropFirst(6).prefix(2))!
    }

    /// The DDMMYY date in digits 7–12 with the century that puts it on or before `asOf`; `nil` if no such date exists.
    static func embeddedDate(_ digits: String, day: Int, asOf: CalendarDate) -> CalendarDate? {
        let month = Int(digits.dropFirst(8).prefix(2))!
        let yy = Int(digits.dropFirst(10).prefix(2))!
        if let recent = CalendarDate(year: 2000 + yy, month: month, day: day), recent <= asOf { return recent }
        return CalendarDate(year: 1900 + yy, month: month, day: day)
    }

    static func sixteen(_ text: String) throws(NIKError) -> String {
        // Almost every cell is already 16 plain digits, which the tidying would return unchanged: checked on bytes.
        let compact = text.utf8.count == 16 && text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? text : try sixteenDigits(text)
        guard compact.first != "0" else { throw .placeholder(compact) }
        guard IndonesianProvince.codes.contains(String(compact.prefix(2))) else {
            throw .unknownProvince(compact, province: String(compact.prefix(2)))
        }
        return compact
    }

    /// The 16 digits a cell holds once spaces, Excel's text marker and grouping are taken away.
    private static func sixteenDigits(_ text: String) throws(NIKError) -> String {
        var trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("'") { trimmed.removeFirst() }  // Excel's "this is text" marker
        guard !trimmed.isEmpty else { throw .missing }
        if trimmed.contains(where: { $0 == "E" || $0 == "e" }) && trimmed.contains(where: { $0 == "." || $0 == "," }) {
            throw .excelScientific(trimmed)
        }
        // Spaces, dots and dashes group the digits in some files (`527105.060693.0101`, `5271 0506 9301 0001`).
        let compact = trimmed.filter { $0 != " " && $0 != "." && $0 != "-" }
        guard !compact.isEmpty else { throw .missing }
        guard compact.allSatisfy(\.isASCIIDigit) else { throw .notDigits(trimmed) }
        guard compact.count == 16 else {
            throw compact.count == 15 ? .excelFifteenDigits(compact) : .wrongLength(compact, count: compact.count)
        }
        return compact
    }
}

/// Why a text is not a usable NIK or No. KK. Messages never repeat the whole number.
public enum NIKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Blank.
    case missing
    /// Excel turned the number into scientific notation, e.g. `5.20101E+15`.
    case excelScientific(String)
    /// 15 digits: a number Excel stored as a number and cut.
    case excelFifteenDigits(String)
    case notDigits(String)
    case wrongLength(String, count: Int)
    /// Starts with 0: a temporary number (OpenSID issues `0` + kode desa + serial), not a real NIK.
    case placeholder(String)
    case unknownProvince(String, province: String)
    /// Day, month or year digits that are no date (day 32–40 or above 71, month 13, 31 February).
    case invalidBirthDate(String)
    /// KK digits 7–12 that are no date of issue.
    case invalidIssueDate(String)
    case zeroSerial(String)

    /// A stable machine code for reports and the API.
    public var code: String {
        switch self {
        case .missing: "nik_missing"
        case .excelScientific: "nik_excel_scientific"
        case .excelFifteenDigits: "nik_excel_15_digits"
        case .notDigits: "nik_not_digits"
        case .wrongLength: "nik_wrong_length"
        case .placeholder: "nik_placeholder"
        case .unknownProvince: "nik_unknown_province"
        case .invalidBirthDate: "nik_invalid_birth_date"
        case .invalidIssueDate: "kk_invalid_issue_date"
        case .zeroSerial: "nik_zero_serial"
        }
    }

    public var description: String {
        switch self {
        case .missing: "The number is blank."
        case .excelScientific(let text):
            "'\(text)' was turned into a number by Excel and lost its last digits: format the column as Text in Excel and type or paste the numbers again."
        case .excelFifteenDigits:
            "The number has 15 digits: Excel probably stored it as a number and cut it. Format the column as Text and enter the full 16 digits."
        case .notDigits: "The number contains characters other than digits."
        case .wrongLength(_, let count): "The number has \(count) digits; a NIK or No. KK has 16."
        case .placeholder: "The number starts with 0: it is a temporary placeholder, not a real NIK."
        case .unknownProvince(_, let province): "The number starts with \(province), which is no Indonesian province code."
        case .invalidBirthDate: "Digits 7–12 are not a real date (DDMMYY, day + 40 for women)."
        case .invalidIssueDate: "Digits 7–12 are not a real date of issue (DDMMYY)."
        case .zeroSerial: "The last 4 digits (serial) are 0000; serials start at 0001."
        }
    }

    /// The same message in Bahasa Indonesia.
    public var indonesianDescription: String {
        switch self {
        case .missing: "Nomor kosong."
        case .excelScientific(let text):
            "'\(text)' diubah Excel menjadi angka sehingga digit terakhir hilang: ubah format kolom menjadi Teks (Text) di Excel lalu isi ulang nomornya."
        case .excelFifteenDigits:
            "Nomor hanya 15 digit: kemungkinan Excel menyimpannya sebagai angka dan memotongnya. Ubah format kolom menjadi Teks dan isi 16 digit lengkap."
        case .notDigits: "Nomor berisi karakter selain angka."
        case .wrongLength(_, let count): "Nomor terdiri dari \(count) digit; NIK dan No. KK harus 16 digit."
        case .placeholder: "Nomor diawali 0: ini nomor sementara, bukan NIK yang sebenarnya."
        case .unknownProvince(_, let province): "Nomor diawali \(province), bukan kode provinsi di Indonesia."
        case .invalidBirthDate: "Digit ke-7 sampai ke-12 bukan tanggal yang benar (DDMMYY, tanggal + 40 untuk perempuan)."
        case .invalidIssueDate: "Digit ke-7 sampai ke-12 bukan tanggal terbit yang benar (DDMMYY)."
        case .zeroSerial: "Empat digit terakhir (nomor urut) 0000; nomor urut dimulai dari 0001."
        }
    }
}
