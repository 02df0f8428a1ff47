import LumbungDomain
import LumbungSheets

/// A person row as it will be written, after any injected fault: the person as the row states them
/// (what an import stores when it keeps the row) plus the raw text of damaged cells.
struct PersonRowPlan {
    /// The person as the row states them.
    var person: Person
    let fault: FaultKind?
    /// Text to write instead of the NIK (invalid or Excel-damaged), if any.
    var nikText: String?
    /// Whether Excel's damage is a number cell (in XLSX) rather than text.
    var nikAsNumber: Int?
    /// Write an impossible birth date instead of the real one.
    var impossibleDate = false
    /// Write a desa name that does not exist.
    var unknownVillage = false

    /// Whether a correct import keeps the row.
    var kept: Bool { fault.map { $0.severity != .error } ?? true }

    /// Draws at most one fault (from `allowed`) for `person` and applies it.
    init(person: Person, rates: FaultRates, allowed: [FaultKind], random: inout SynthRandom) {
        self.person = person
        var drawn: FaultKind?
        var roll = random.unit()
        for kind in allowed {
            roll -= rates[kind]
            if roll < 0 { drawn = kind; break }
        }
        fault = drawn
        guard let drawn, let nik = person.nik else { return }
        switch drawn {
        case .invalidNIK:
            switch random.int(0...2) {
            case 0: nikText = nik + String(random.int(0...9))
            case 1: nikText = String(nik.prefix(6)) + "35" + String(nik.dropFirst(8))
            default: nikText = String(nik.prefix(8)) + "13" + String(nik.dropFirst(10))
            }
        case .excelScientificNIK:
            let digits = Array(nik)
            nikText = "\(digits[0]).\(String(digits[1...5]))E+15"
            nikAsNumber = Int(String(digits[0...5]))! * 10_000_000_000
        case .excelFifteenDigitNIK:
            nikText = String(nik.prefix(15))
            nikAsNumber = Int(String(nik.prefix(15)))!
        case .missingNIK:
            self.person.nik = nil
        case .sexMismatch:
            self.person.sex = person.sex == .male ? .female : .male
        case .birthDateMismatch:
            if let date = person.birthDate {
                let year = date.year - random.int(1...3)
                self.person.birthDate = CalendarDate(year: year, month: date.month, day: min(date.day, 28)) ?? date
            }
        case .impossibleDate:
            impossibleDate = true
        case .blankName:
            self.person.name = ""
        case .unknownRegion:
            unknownVillage = true
        case .duplicatePerson, .excelFifteenDigitKK:
            break
        }
    }

    /// The NIK cell: the NIK as text, or the damaged value — as a number cell in a workbook, where
    /// Excel's damage really lives, and as its printed text in CSV.
    func nikCell(format: SynthFormat) -> Cell {
        if format.isWorkbook, let nikAsNumber { return .number(nikAsNumber) }
        return .text(nikText ?? person.nik ?? "")
    }

    /// A copy of the person's name with one typo (a doubled or dropped letter), for duplicate rows.
    static func typo(_ name: String, random: inout SynthRandom) -> String {
        var characters = Array(name)
        guard characters.count > 3 else { return name + "h" }
        let index = random.int(1...(characters.count - 2))
        if characters[index] == " " || random.chance(0.5) {
            characters.insert(characters[index - 1], at: index)
        } else {
            characters.remove(at: index)
        }
        return String(characters)
    }
}
