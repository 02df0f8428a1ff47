import Foundation
import Hummingbird
import LumbungDomain
import LumbungStore

/// A programme as a form or an API call gives it: every field as text, read into a `Programme` or the problems
/// that keep it from being one (each naming its field, in Bahasa Indonesia). The page form uses the Indonesian
/// field names; the API accepts those or the English ones (`code`, `name`, `organisation`, `sectors`, `unit`,
/// `fundingSource`, `start`, `end`, `budget`, `targetRegions`, `eligibility`, `maximumDesil`).
struct ProgrammeForm: Sendable {
    var fields: [String: String]

    static let aliases: [String: String] = [
        "code": "kode", "name": "nama", "organisation": "organisasi", "sectors": "sektor", "unit": "sasaran", "fundingSource": "sumber_dana",
        "start": "mulai", "end": "selesai", "budget": "anggaran", "targetRegions": "wilayah", "eligibility": "kelayakan", "maximumDesil": "desil_maks",
    ]

    init(_ fields: [String: String]) {
        var normalized: [String: String] = [:]
        for (key, value) in fields { normalized[Self.aliases[key] ?? key] = value }
        self.fields = normalized
    }

    func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The body of a POST: form fields, or a JSON object (lists of text joined with commas), at most 64 KiB.
    static func read(_ request: Request) async throws -> ProgrammeForm {
        ProgrammeForm(try await RequestFields.read(request))
    }

    /// The programme the form describes, with the organisation resolved by name, or every problem found.
    func programme(organisations: [Organisation], existingCode: ProgrammeCode? = nil) -> Result<Programme, ProgrammeForm.Problems> {
        var problems: [ProgrammeProblem] = []
        let code = existingCode ?? ProgrammeCode(text("kode"))
        if code == nil { problems.append(.codeInvalid(text("kode"))) }
        let organisationName = text("organisasi")
        let organisation = organisations.first { $0.name.lowercased() == organisationName.lowercased() || $0.id.map(String.init) == organisationName }
        if organisation == nil { problems.append(organisationName.isEmpty ? .organisationMissing : .organisationUnknown(organisationName)) }
        var sectors: [Sector] = []
        // A page form sends one checkbox per sector (`sektor_pangan=on`), an API call a list (`sektor=tunai,pangan`).
        let checked = Sector.allCases.filter { fields["sektor_" + $0.rawValue] != nil }.map(\.rawValue).joined(separator: ",")
        for word in (text("sektor").isEmpty ? checked : text("sektor")).split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            if let sector = Sector.parse(trimmed) { sectors.append(sector) } else { problems.append(.sectorUnknown(trimmed)) }
        }
        let unit = ProgrammeUnit.parse(text("sasaran").isEmpty ? "keluarga" : text("sasaran"))
        if unit == nil { problems.append(.unitUnknown(text("sasaran"))) }
        let start = CalendarDate(iso: text("mulai"))
        if start == nil { problems.append(.dateUnreadable(field: "mulai", text: text("mulai"))) }
        var end: CalendarDate?
        if !text("selesai").isEmpty {
            end = CalendarDate(iso: text("selesai"))
            if end == nil { problems.append(.dateUnreadable(field: "selesai", text: text("selesai"))) }
        }
        var budget: Int?
        if !text("anggaran").isEmpty {
            let digits = text("anggaran").filter { $0 != "." && $0 != " " }
            if digits.count <= 15, let value = Int(digits) { budget = value } else { problems.append(.budgetUnreadable(text("anggaran"))) }
        }
        var regions: [RegionCode] = []
        for word in text("wilayah").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
            if let code = try? RegionCode(String(word)) { regions.append(code) } else { problems.append(.regionUnknown(String(word))) }
        }
        var desil: Int?
        if !text("desil_maks").isEmpty {
            if text("desil_maks").count <= 3, let value = Int(text("desil_maks")) { desil = value } else { problems.append(.desilOutOfRange(0)) }
        }
        guard let code, let start, let unit else { return .failure(Problems(list: problems)) }
        let programme = Programme(code: code, name: text("nama"), organisationID: organisation?.id, sectors: sectors, unit: unit,
                                  fundingSource: text("sumber_dana"), start: start, end: end, budget: budget, targetRegions: regions,
                                  eligibility: text("kelayakan"), maximumDesil: desil)
        problems += programme.problems().filter { !problems.contains($0) && !($0 == .organisationMissing && organisation == nil) }
        return problems.isEmpty ? .success(programme) : .failure(Problems(list: problems))
    }

    /// The problems of a form, as one error.
    struct Problems: Error, Sendable {
        let list: [ProgrammeProblem]
    }
}
