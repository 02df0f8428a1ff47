import Foundation
import LumbungDomain
import LumbungSheets

/// Turns one row of a beneficiary list into a `BeneficiaryEntry`, or the reasons it cannot be one (pure: no database).
struct BeneficiaryRowParser: Sendable {
    let columns: BeneficiaryColumns
    let asOf: CalendarDate
    let references: ImportReferences

    struct Parsed {
        var entry: BeneficiaryEntry?
        var issues: [ImportIssue] = []
        var rejected: Bool { entry == nil }
    }

    func parse(_ row: SheetRow) -> Parsed {
        var issues: [ImportIssue] = []
        func value(_ field: BeneficiaryField) -> SheetValue { columns.columns[field].map { row[$0] } ?? .empty }
        func text(_ field: BeneficiaryField, limit: Int = 200) -> String? {
            let trimmed = value(field).text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(limit))
        }
        func reject(_ field: BeneficiaryField, _ code: String, _ message: String) {
            issues.append(ImportIssue(row: row.number, column: columns.name(field), value: nil, severity: .error, code: code, message: message))
        }
        var entry = BeneficiaryEntry(row: row.number)
        if let raw = text(.nik, limit: 40) {
            do { entry.nik = try NIK(raw, asOf: asOf).digits } catch { reject(.nik, error.code, error.indonesianDescription) }
        }
        if let raw = text(.kkNumber, limit: 40) {
            do { entry.kkNumber = try KKNumber(raw, asOf: asOf).digits } catch { reject(.kkNumber, error.code.replacingOccurrences(of: "nik_", with: "kk_"), error.indonesianDescription) }
        }
        entry.name = text(.name)
        entry.address = text(.address, limit: 300)
        if let raw = text(.programmeCode, limit: 60) {
            if let code = ProgrammeCode(raw) { entry.programme = code } else { reject(.programmeCode, "programme_code_invalid", ProgrammeProblem.codeInvalid(raw).indonesianDescription) }
        }
        if entry.programme != nil, let name = text(.programmeName), let organisation = text(.organisation) {
            entry.listed = .init(name: name, organisation: organisation, sector: text(.sector).flatMap(Sector.parse))
        }
        for (field, keyPath) in [(BeneficiaryField.birthDate, \BeneficiaryEntry.birthDate), (.receivedOn, \BeneficiaryEntry.receivedOn)] {
            switch DateCell.read(value(field), order: .dayFirst) {
            case .none: break
            case .success(let date):
                if field == .birthDate && date > asOf {
                    reject(field, "date_in_future", "Tanggal lahir \(date) lebih lambat daripada tanggal data (\(asOf)).")
                } else {
                    entry[keyPath: keyPath] = date
                }
            case .failure:
                reject(field, "date_unreadable", "'\(value(field).text.prefix(40))' bukan tanggal: tulis sebagai dd/mm/yyyy atau yyyy-mm-dd.")
            }
        }
        if let raw = text(.villageCode, limit: 40) {
            switch references.resolver.village(code: raw) {
            case .success(let code): entry.village = code
            case .failure(let problem): reject(.villageCode, problem.code, problem.message)
            }
        }
        if let raw = text(.amount, limit: 40) {
            if let amount = Self.rupiah(raw, isNumberCell: { if case .number = value(.amount) { return true } else { return false } }()) {
                entry.amount = amount
            } else {
                reject(.amount, "amount_unreadable", "'\(raw)' bukan jumlah rupiah: tulis angka saja, mis. 300000 atau 300.000.")
            }
        }
        entry.period = text(.period, limit: 20) ?? ""
        entry.participantNumber = text(.participant, limit: 60)
        if entry.nik == nil, entry.kkNumber == nil, entry.name == nil, issues.isEmpty {
            issues.append(ImportIssue(row: row.number, column: nil, value: nil, severity: .error, code: "nobody_named",
                                      message: "Baris ini tidak menyebut NIK, No. KK, maupun nama: tidak ada yang dapat didaftarkan."))
        }
        return Parsed(entry: issues.contains { $0.severity == .error } ? nil : entry, issues: issues)
    }

    /// Whole rupiah from `300000`, `300.000`, `Rp 300.000,00`, `300,000` or a number cell; `nil` for anything else.
    static func rupiah(_ raw: String, isNumberCell: Bool) -> Int? {
        if isNumberCell {
            guard raw.utf8.count <= 24, let number = Double(raw), number.isFinite, number >= 0, number < 1e13 else { return nil }
            return Int(exactly: number.rounded())
        }
        var text = raw.lowercased().replacingOccurrences(of: "rp", with: "").filter { !$0.isWhitespace }
        if text.hasSuffix(",00") || text.hasSuffix(".00") { text = String(text.dropLast(3)) }
        let digits = text.filter { $0 != "." && $0 != "," }
        guard !digits.isEmpty, digits.count <= 13, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // Separators must group thousands: 300.000 or 300,000, never 3.00.
        let groups = text.split(whereSeparator: { $0 == "." || $0 == "," })
        if groups.count > 1, !(groups.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(groups[0].count)) { return nil }
        return Int(digits)
    }
}
