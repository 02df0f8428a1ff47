import Foundation
import LumbungDomain
import LumbungSheets

/// A programme participant workbook (`domain.md` §1.11): the first sheet describes the programme as key/value rows
/// (`Nama Program | Bantuan Lansia`, `Sasaran | Individu`, `Sumber Dana | APBD`, `Tanggal Mulai | 01/01/2025` …), the
/// second lists the participants — `Peserta` (the NIK or No. KK, by the target unit), `No. Peserta`, `NIK`, `Nama`,
/// `Tempat Lahir`, `Tanggal Lahir`, `Alamat` — and ends at a `###` row. Read without the database.
public struct ProgrammeWorkbook {
    /// The programme as the first sheet describes it.
    public let description: ProgrammeDescription
    /// The first sheet's name, for messages.
    public let programmeSheet: String
    /// The participants' sheet and its columns.
    public let participantSheet: String
    let participants: any SheetReader
    let columns: BeneficiaryColumns

    /// A key of the programme sheet.
    enum Key: CaseIterable {
        case code, name, organisation, sector, unit, funding, start, end, budget, regions, eligibility, maximumDesil

        var synonyms: [String] {
            switch self {
            case .code: ["kodeprogram", "kode", "kodekegiatan"]
            case .name: ["namaprogram", "program", "namakegiatan", "kegiatan", "namabantuan"]
            case .organisation: ["lembaga", "penyelenggara", "pelaksana", "instansi", "organisasi", "lembagapelaksana", "instansipelaksana"]
            case .sector: ["sektor", "jenisbantuan", "bentukbantuan", "kategoribantuan"]
            case .unit: ["sasaran", "unitsasaran", "satuansasaran", "jenissasaran", "targetsasaran", "sasaranprogram", "unit"]
            case .funding: ["sumberdana", "sumberanggaran", "sumberpendanaan", "sumberbiaya"]
            case .start: ["tanggalmulai", "mulai", "tanggalawal", "periodemulai", "tglmulai", "awalperiode"]
            case .end: ["tanggalselesai", "selesai", "tanggalakhir", "periodeselesai", "tglselesai", "akhirperiode", "berakhir"]
            case .budget: ["anggaran", "totalanggaran", "paguanggaran", "nilaianggaran", "pagu"]
            case .regions: ["wilayahsasaran", "kodewilayah", "wilayah", "lokasisasaran", "kodewilayahsasaran"]
            case .eligibility: ["kriteria", "kriteriapenerima", "syarat", "syaratpenerima", "kriteriasasaran"]
            case .maximumDesil: ["desilmaksimum", "batasdesil", "desilmaks", "desil"]
            }
        }

        /// The key as a user would write it, for messages.
        var label: String {
            switch self {
            case .code: "Kode Program"
            case .name: "Nama Program"
            case .organisation: "Lembaga"
            case .sector: "Jenis Bantuan"
            case .unit: "Sasaran"
            case .funding: "Sumber Dana"
            case .start: "Tanggal Mulai"
            case .end: "Tanggal Selesai"
            case .budget: "Anggaran"
            case .regions: "Wilayah Sasaran"
            case .eligibility: "Kriteria"
            case .maximumDesil: "Desil Maksimum"
            }
        }

        static let bySynonym: [String: Key] = {
            var map: [String: Key] = [:]
            for key in allCases { for synonym in key.synonyms where map[synonym] == nil { map[synonym] = key } }
            return map
        }()
    }

    /// The key/value rows of a sheet (the first 40 rows; a key in the first non-blank cell, its value in the next).
    static func keyValues(_ reader: any SheetReader) throws -> [Key: (row: Int, value: SheetValue)] {
        var found: [Key: (row: Int, value: SheetValue)] = [:]
        struct Stop: Error {}
        do {
            try reader.forEachRow { row in
                if row.number > 40 || FileScan.isEndMarker(row) { throw Stop() }
                guard let first = row.values.firstIndex(where: { !$0.isBlank }),
                      let key = Key.bySynonym[HeaderName.normalize(row[first].text)], found[key] == nil else { return }
                let value = row.values.dropFirst(first + 1).first { !$0.isBlank } ?? .empty
                found[key] = (row.number, value)
            }
        } catch is Stop {}
        return found
    }

    /// Whether a sheet's key/value rows describe a programme: its name (or code) and at least one more key.
    static func describesProgramme(_ keys: [Key: (row: Int, value: SheetValue)]) -> Bool {
        (keys[.name] != nil || keys[.code] != nil) && keys.count >= 2
    }

    /// The workbook in `readers` (a file's sheets in order), or `nil` when the file is no programme workbook. Throws
    /// `ImportError.programmeSheetInvalid` naming the sheet, row and key of every problem of the programme sheet,
    /// `.participantSheetMissing` when no later sheet lists participants, `.workbookProgrammeMismatch` when the sheet
    /// names another programme than `programme` (the one the upload is for).
    static func read(_ readers: [any SheetReader], file: String, programme: ProgrammeCode?) throws -> ProgrammeWorkbook? {
        guard readers.count >= 2, let first = readers.first else { return nil }
        let keys = try keyValues(first)
        guard describesProgramme(keys) else { return nil }
        let names = first.sheetNames
        let sheetName = names.first ?? "1"
        var participants: (Int, any SheetReader, BeneficiaryColumns)?
        for (index, reader) in readers.enumerated().dropFirst() {
            if let columns = try BeneficiaryColumns.find(in: reader) {
                participants = (index, reader, columns)
                break
            }
        }
        guard let (index, reader, found) = participants else {
            throw ImportError.participantSheetMissing(file: file, sheet: sheetName)
        }
        var problems: [ImportError.SheetProblem] = []
        func problem(_ key: Key, _ problem: ProgrammeProblem?) {
            problems.append(ImportError.SheetProblem(row: keys[key]?.row, key: key.label, problem: problem))
        }
        func text(_ key: Key, limit: Int = Programme.maximumTextLength) -> String? {
            guard let value = keys[key]?.value.text.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return String(value.prefix(limit))
        }
        func date(_ key: Key) -> CalendarDate? {
            guard let value = keys[key]?.value else { return nil }
            switch DateCell.read(value, order: .dayFirst) {
            case .none: return nil
            case .success(let date): return date
            case .failure: problem(key, .dateUnreadable(field: key.label, text: value.text)); return nil
            }
        }
        let name = text(.name, limit: Programme.maximumNameLength + 1)
        var code: ProgrammeCode?
        if let raw = text(.code, limit: 60) {
            code = ProgrammeCode(raw)
            if code == nil { problem(.code, .codeInvalid(raw)) }
        } else {
            code = programme ?? name.flatMap(ProgrammeDescription.code(fromName:))
        }
        if code == nil, keys[.code] == nil, name != nil { problem(.code, nil) }
        if let code, let programme, code != programme {
            throw ImportError.workbookProgrammeMismatch(file: file, sheet: sheetName, named: code.value, expected: programme.value)
        }
        if name == nil { problem(.name, nil) }
        var unit: ProgrammeUnit?
        if let raw = text(.unit, limit: 60) {
            unit = ProgrammeUnit.parse(raw)
            if unit == nil { problem(.unit, .unitUnknown(raw)) }
        } else {
            problem(.unit, nil)
        }
        let start = date(.start)
        if start == nil && keys[.start].map({ $0.value.isBlank }) ?? true { problem(.start, nil) }
        let end = date(.end)
        if let start, let end, end < start { problem(.end, .endsBeforeStart(start: start, end: end)) }
        var sectors: [Sector] = []
        if let raw = text(.sector, limit: 200) {
            for part in raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" }) {
                let word = part.trimmingCharacters(in: .whitespaces)
                guard !word.isEmpty else { continue }
                if let sector = Sector.parse(word) { sectors.append(sector) } else { problem(.sector, .sectorUnknown(word)) }
            }
        }
        var budget: Int?
        if let raw = text(.budget, limit: 40) {
            let isNumber = { if case .number = keys[.budget]?.value { return true } else { return false } }()
            budget = BeneficiaryRowParser.rupiah(raw, isNumberCell: isNumber)
            if budget == nil { problem(.budget, .budgetUnreadable(raw)) }
        }
        var regions: [RegionCode] = []
        if let raw = text(.regions, limit: 400) {
            for part in raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }) where !part.isEmpty {
                if let region = try? RegionCode(String(part)) { regions.append(region) } else { problem(.regions, .regionUnknown(String(part))) }
            }
        }
        var maximumDesil: Int?
        if let raw = text(.maximumDesil, limit: 10) {
            maximumDesil = Int(raw.filter(\.isNumber).prefix(3))
            if let desil = maximumDesil, !(1...10).contains(desil) { problem(.maximumDesil, .desilOutOfRange(desil)) }
            if maximumDesil == nil { problem(.maximumDesil, .desilOutOfRange(0)) }
        }
        if let name, name.count > Programme.maximumNameLength { problem(.name, .nameTooLong(maximum: Programme.maximumNameLength)) }
        guard problems.isEmpty, let code, let name, let unit, let start else {
            throw ImportError.programmeSheetInvalid(file: file, sheet: sheetName, problems: problems)
        }
        let description = ProgrammeDescription(
            code: code, name: name, organisation: text(.organisation, limit: Organisation.maximumNameLength), sectors: sectors, unit: unit,
            fundingSource: text(.funding), start: start, end: end, budget: budget, targetRegions: regions,
            eligibility: text(.eligibility), maximumDesil: maximumDesil)
        return ProgrammeWorkbook(description: description, programmeSheet: sheetName,
                                 participantSheet: index < names.count ? names[index] : String(index + 1), participants: reader,
                                 columns: found.withParticipantKey(unit: unit))
    }

    /// Whether `columns` look like a participant sheet (a `Peserta` or `No. Peserta` column): such a sheet without
    /// the programme sheet before it cannot say which programme it is for.
    static func looksLikeParticipantSheet(_ columns: BeneficiaryColumns) -> Bool {
        columns.columns[.participant] != nil || columns.header.contains { HeaderName.normalize($0) == "peserta" }
    }
}

extension BeneficiaryColumns {
    /// The columns with a workbook's `Peserta` column (the participant's NIK or No. KK, by the programme's target unit)
    /// read as the NIK or No. KK when the sheet has no column of its own for it; `No. Peserta` stays the participant number.
    func withParticipantKey(unit: ProgrammeUnit) -> BeneficiaryColumns {
        guard let index = header.firstIndex(where: { HeaderName.normalize($0) == "peserta" }) else { return self }
        var columns = self.columns
        if columns[.participant] == index { columns[.participant] = nil }
        if let number = header.firstIndex(where: { ["nopeserta", "nomorpeserta", "idpeserta"].contains(HeaderName.normalize($0)) }) {
            columns[.participant] = number
        }
        let field: BeneficiaryField = unit == .family ? .kkNumber : .nik
        if columns[field] == nil { columns[field] = index }
        return BeneficiaryColumns(headerRow: headerRow, header: header, columns: columns)
    }
}

extension ProgrammeWorkbook {
    /// The programme a participant workbook describes on its first sheet; `nil` for a file that is no programme
    /// workbook (a plain list). Throws the sheet's problems as `read` does.
    public static func description(of file: URL) throws -> ProgrammeDescription? {
        try read(TableScan.readers(for: file), file: file.lastPathComponent, programme: nil)?.description
    }
}
