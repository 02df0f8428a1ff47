import LumbungDomain
import Testing

@Suite struct NIKTests {
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!

    @Test func a_womans_nik_reads_back_her_birth_date_and_sex() throws {
        // domain.md §2.3: 5201 99 450892 0001 → female born 05-08-1992, serial 1 (kecamatan 99 is unassigned).
        let nik = try NIK("5201994508920001", asOf: Self.asOf)
        #expect(nik.sex == .female)
        #expect(nik.birthDate == CalendarDate(year: 1992, month: 8, day: 5))
        #expect(nik.serial == 1)
        #expect(nik.regencyDigits == "5201" && nik.districtDigits == "520199")
        #expect(nik.masked == "5201************", "first 4 digits only (issue 12, finding 7)")
        #expect("\(nik)" == "5201************")
    }

    @Test func the_century_puts_the_birth_date_on_or_before_the_reference_date() throws {
        #expect(try NIK("5203011506200001", asOf: Self.asOf).birthDate.year == 2020)
        #expect(try NIK("5203011506300001", asOf: Self.asOf).birthDate.year == 1930)
    }

    @Test func compose_and_parse_agree() throws {
        let date = CalendarDate(year: 2001, month: 2, day: 28)!
        let text = NIK.compose(district: "520301", birthDate: date, sex: .female, serial: 412)
        #expect(text == "5203016802010412")
        let nik = try NIK(text, asOf: Self.asOf)
        #expect(nik.birthDate == date && nik.sex == .female && nik.serial == 412)
    }

    @Test(arguments: [
        ("5201991508920000", NIKError.zeroSerial("5201991508920000")),
        ("5201993213920001", NIKError.invalidBirthDate("5201993213920001")),
        ("5201993502920001", NIKError.invalidBirthDate("5201993502920001")),
        ("5201997302920001", NIKError.invalidBirthDate("5201997302920001")),
        ("5201993102920001", NIKError.invalidBirthDate("5201993102920001")),
        ("0520199450892001", NIKError.placeholder("0520199450892001")),
        ("3701994508920001", NIKError.unknownProvince("3701994508920001", province: "37")),
        ("520199450892001", NIKError.excelFifteenDigits("520199450892001")),
        ("52019945089200011", NIKError.wrongLength("52019945089200011", count: 17)),
        ("5.20199E+15", NIKError.excelScientific("5.20199E+15")),
        ("5,20199E+15", NIKError.excelScientific("5,20199E+15")),
        ("52019945O8920001", NIKError.notDigits("52019945O8920001")),
        ("", NIKError.missing),
    ])
    func broken_niks_say_what_is_wrong(text: String, error: NIKError) {
        #expect(throws: error) { try NIK(text, asOf: Self.asOf) }
    }

    @Test func spaces_and_excels_text_apostrophe_are_tolerated() throws {
        #expect(try NIK("'5201994508920001", asOf: Self.asOf).digits == "5201994508920001")
        #expect(try NIK(" 5201 9945 0892 0001 ", asOf: Self.asOf).digits == "5201994508920001")
    }

    @Test func excel_damage_explains_the_fix_in_both_languages() {
        let error = NIKError.excelScientific("5.20199E+15")
        #expect(error.description.contains("format the column as Text"))
        #expect(error.indonesianDescription.contains("ubah format kolom menjadi Teks"))
        #expect(error.code == "nik_excel_scientific")
    }

    @Test func a_kk_number_carries_its_issue_date_without_the_plus_40() throws {
        let kk = try KKNumber("5203011106180101", asOf: Self.asOf)
        #expect(kk.issueDate == CalendarDate(year: 2018, month: 6, day: 11))
        #expect(throws: NIKError.invalidIssueDate("5203015106180101")) { try KKNumber("5203015106180101", asOf: Self.asOf) }
        #expect(KKNumber.compose(district: "520301", issueDate: CalendarDate(year: 2018, month: 6, day: 11)!, serial: 101) == "5203011106180101")
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: [(1970, 1, 1, 0), (2000, 3, 1, 11_017), (1969, 12, 31, -1), (2024, 2, 29, 19_782), (1900, 1, 1, -25_567)])
    func days_since_1970_round_trip(year: Int, month: Int, day: Int, days: Int) {
        let date = CalendarDate(year: year, month: month, day: day)!
        #expect(date.daysSince1970 == days)
        #expect(CalendarDate(daysSince1970: days) == date)
    }

    @Test func impossible_dates_do_not_exist() {
        #expect(CalendarDate(year: 1990, month: 2, day: 31) == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 4, day: 31) == nil)
    }

    @Test func excel_serials_follow_excel_including_its_1900_leap_bug() {
        // Verified against Excel: serial 16049 is 1943-12-09; 61 is 1900-03-01; 59 is 1900-02-28.
        #expect(CalendarDate(excelSerial: 16_049) == CalendarDate(year: 1943, month: 12, day: 9))
        #expect(CalendarDate(excelSerial: 61) == CalendarDate(year: 1900, month: 3, day: 1))
        #expect(CalendarDate(excelSerial: 59) == CalendarDate(year: 1900, month: 2, day: 28))
        #expect(CalendarDate(excelSerial: 60) == nil)
        #expect(CalendarDate(year: 1992, month: 8, day: 5)!.excelSerial == 33_821)
        #expect(CalendarDate(excelSerial: 0, date1904: true) == nil)
        #expect(CalendarDate(excelSerial: 1, date1904: true) == CalendarDate(year: 1904, month: 1, day: 2))
    }

    @Test func age_counts_completed_years() {
        let born = CalendarDate(year: 2000, month: 7, day: 1)!
        #expect(born.age(on: CalendarDate(year: 2025, month: 6, day: 30)!) == 24)
        #expect(born.age(on: CalendarDate(year: 2025, month: 7, day: 1)!) == 25)
        #expect(AgeBand(age: 4) == .under5 && AgeBand(age: 17) == .child5to17 && AgeBand(age: 59) == .adult18to59 && AgeBand(age: 60) == .elderly60plus)
    }
}
