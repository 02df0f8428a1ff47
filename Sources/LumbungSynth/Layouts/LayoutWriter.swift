import LumbungDomain
import LumbungSheets

/// Writes one layout's files for one kabupaten/kota, family by family.
protocol LayoutWriter: AnyObject {
    func write(_ family: SynthFamily, village: VillageContext, random: inout SynthRandom) throws
    /// Completes the files and hands over what they hold.
    func finish() throws -> (files: [Truth.File], recorder: LayoutRecorder)
}

/// Where each kind of fault shows in a layout's person file.
struct FaultColumns {
    let nik: String
    let name: String
    let sex: String
    let birthDate: String
    let village: String?
    /// The No. KK column, where the file has one.
    var kk: String? = nil

    func column(for kind: FaultKind) -> String {
        switch kind {
        case .invalidNIK, .excelScientificNIK, .excelFifteenDigitNIK, .missingNIK, .duplicatePerson: nik
        case .sexMismatch: sex
        case .birthDateMismatch, .impossibleDate: birthDate
        case .blankName: name
        case .unknownRegion: village ?? nik
        case .excelFifteenDigitKK: kk ?? nik
        }
    }

    /// The faults this file can carry (a file without region names cannot name an unknown desa).
    var allowed: [FaultKind] {
        FaultKind.allCases.filter { $0.isPersonRowFault && $0 != .duplicatePerson && ($0 != .unknownRegion || village != nil) }
    }
}

/// Writes the person rows of one family into a file, injecting faults and duplicate rows, and
/// returns the people a correct import keeps (as their rows state them).
struct PersonRows {
    let rates: FaultRates
    let columns: FaultColumns

    func write(_ people: [Person], to file: TableFile, recorder: inout LayoutRecorder, random: inout SynthRandom,
               row build: (PersonRowPlan) -> [Cell]) throws -> [Person] {
        try write(people, to: file, recorder: &recorder, random: &random) { plan, _ in build(plan) }
    }

    /// The same, with a random stream for the row's spelling (label variants, code or label).
    func write(_ people: [Person], to file: TableFile, recorder: inout LayoutRecorder, random: inout SynthRandom,
               styled build: (PersonRowPlan, inout SynthRandom) -> [Cell]) throws -> [Person] {
        var kept: [Person] = []
        for person in people {
            let plan = PersonRowPlan(person: person, rates: rates, allowed: columns.allowed, random: &random)
            let rowNumber = try file.write(build(plan, &random))
            if let fault = plan.fault {
                recorder.recordFault(fault, file: file, row: rowNumber, column: columns.column(for: fault))
            }
            if plan.kept { kept.append(plan.person) }
            if plan.fault == nil, plan.person.nik != nil, random.chance(rates.duplicatePerson) {
                var twin = plan
                twin.person.name = PersonRowPlan.typo(plan.person.name, random: &random)
                let twinRow = try file.write(build(twin, &random))
                recorder.recordDuplicate(file: file, firstRow: rowNumber, secondRow: twinRow)
            }
        }
        return kept
    }
}

/// How dates are printed in the layouts.
enum DateText {
    /// `05-08-1992` (Regsosek/DTSEN) or `05/08/1992` (SIKS-NG).
    static func dayFirst(_ date: CalendarDate, separator: String) -> String {
        pad(date.day) + separator + pad(date.month) + separator + String(date.year)
    }

    /// `8/5/1992 0:00` — month first with a time, as some P3KE spreadsheets show it.
    static func usWithTime(_ date: CalendarDate) -> String {
        "\(date.month)/\(date.day)/\(date.year) 0:00"
    }

    /// `05/08/1992 0:00:00` — day first with a time, as the real P3KE exports show it.
    static func dayFirstWithTime(_ date: CalendarDate) -> String {
        dayFirst(date, separator: "/") + " 0:00:00"
    }

    /// `1992-08-05`, as village systems export it.
    static func iso(_ date: CalendarDate) -> String {
        String(date.year) + "-" + pad(date.month) + "-" + pad(date.day)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

extension Cell {
    /// A code-list value as a number cell, or empty.
    static func code(_ value: (some CodeList)?) -> Cell {
        value.map { .number($0.code) } ?? .empty
    }

    /// `YA` or `TIDAK`.
    static func yesNo(_ value: Bool) -> Cell {
        .text(value ? "YA" : "TIDAK")
    }
}
