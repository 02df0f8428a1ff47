import Foundation
import LumbungDomain
import LumbungSheets

/// Turns one data row into the family and/or person it describes, with every problem found.
/// Errors reject the row; warnings keep it flagged. Nothing here touches the database.
///
/// A person row that carries a No. KK (or a source family id) also gives its family's columns — desa,
/// address, desil, housing — so a per-person file with no family file builds its families itself.
public struct RowParser: Sendable {
    public let table: FoundTable
    let asOf: CalendarDate
    let references: ImportReferences
    let region: RowRegion
    let dateOrder: DateOrder
    /// The code system the table writes its numbers in (labels are read in any system).
    let system: CodeSystem
    /// Rows of desa outside this region are rejected.
    let scope: RegionCode?

    public var layout: ImportLayout { table.layout }
    /// The table's columns, with the labels a person mapped to official values.
    public let columns: ColumnMap

    public init(table: FoundTable, asOf: CalendarDate, references: ImportReferences, scope: RegionCode? = nil, chosenVillage: RegionCode? = nil,
                dateOrder: DateOrder = .dayFirst, labels: CodedLabels = CodedLabels()) {
        self.table = table
        var columns = table.columns
        columns.labels = labels
        self.columns = columns
        self.asOf = asOf
        self.references = references
        self.scope = scope
        self.dateOrder = dateOrder
        region = RowRegion(columns: table.columns, references: references, chosen: chosenVillage)
        system = CodeValue.system(of: table.columns)
    }

    /// What one row gives.
    public struct Parsed: Sendable {
        public var family: ImportedFamily?
        public var person: ImportedPerson?
        public var issues: [ImportIssue] = []
        /// Values of coded columns that no code list knows (the row is kept, the field left empty).
        public var unknownValues: [(column: String, value: String)] = []
        /// The family a rejected row belonged to, where it could be read (a family missing its head because the
        /// head's row was rejected is not reported twice).
        public var rejectedFamily: FamilyKey?
        public var rejected: Bool { issues.contains { $0.severity == .error } }
        public var warned: Bool { !rejected && !issues.isEmpty }
    }

    public func parse(_ row: SheetRow) -> Parsed {
        var parsed = Parsed()
        var issues = Issues(row: row.number, sheet: table.sheetName, columns: columns)
        let id = ImportedRowID.make(sheet: table.sheet, row: row.number)
        let village = resolveVillage(row, &issues)
        let key = familyKey(row, &issues)
        switch layout.role {
        case .families:
            // A sheet of family fields joined by KK (housing, programmes) may name no desa: it comes from another sheet or the registry.
            if let key {
                parsed.family = ImportedFamily(row: id, key: key, village: village, rank: .familyRow,
                                               household: household(row, village: village, key: key, headName: nil, &issues),
                                               dusun: CellText.text(columns.value(.dusun, in: row)))
            }
        case .people:
            if let person = person(row, &issues), let key {
                parsed.person = ImportedPerson(row: id, family: key, village: village, person: person)
                let rank: FamilyRowRank = person.relationship == .head ? .headRow : .memberRow
                parsed.family = ImportedFamily(row: id, key: key, village: village, rank: rank,
                                               household: household(row, village: village, key: key,
                                                                    headName: rank == .headRow ? person.name : nil, &issues),
                                               dusun: CellText.text(columns.value(.dusun, in: row)))
            }
        }
        parsed.issues = issues.list
        parsed.unknownValues = issues.unknown
        if parsed.rejected {
            parsed.rejectedFamily = key
            parsed.family = nil
            parsed.person = nil
        }
        return parsed
    }

    // MARK: Family

    private func familyKey(_ row: SheetRow, _ issues: inout Issues) -> FamilyKey? {
        let kkCell = columns.value(.kkNumber, in: row)
        if columns.fields.contains(.kkNumber), let text = CellText.text(kkCell) {
            if case .number = kkCell, text.count >= 15 || text.contains("E") || text.contains("e") {
                issues.error(.kkNumber, text, "kk_numeric_cell",
                             "No. KK tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: digit terakhirnya sudah berubah dan tidak bisa ditebak. Ubah format kolom \(columns.name(.kkNumber)) menjadi Teks, isi ulang nomornya dari sumber aslinya, lalu ekspor lagi.")
                return nil
            }
            do {
                return .kk(try KKNumber(text, asOf: asOf).digits)
            } catch {
                issues.error(.kkNumber, text, "kk_" + error.code.replacingOccurrences(of: "nik_", with: ""), "No. KK: " + error.indonesianDescription)
                return nil
            }
        }
        if let id = CellText.text(columns.value(.sourceFamilyID, in: row)) { return .source(id) }
        if columns.fields.contains(.kkNumber) {
            issues.error(.kkNumber, nil, "kk_blank", "No. KK kosong: baris ini tidak bisa dikaitkan dengan keluarganya. Isi No. KK-nya.")
        } else {
            issues.error(.sourceFamilyID, nil, "family_id_blank", "ID keluarga kosong: baris ini tidak bisa dikaitkan dengan keluarganya.")
        }
        return nil
    }

    private func resolveVillage(_ row: SheetRow, _ issues: inout Issues) -> RegionCode? {
        switch region.resolve(row) {
        case .none: return nil
        case .problem(let field, let value, let code, let message):
            issues.error(field, value, code, message)
            return nil
        case .village(let village):
            if let scope, !scope.contains(village) {
                issues.error(.villageCode, village.dotted, "out_of_scope",
                             "Desa/kelurahan \(village.dotted) berada di luar wilayah kerja Anda (\(scope.dotted)); baris ini tidak diimpor.")
                return nil
            }
            return village
        }
    }

    private func household(_ row: SheetRow, village: RegionCode?, key: FamilyKey, headName: String?, _ issues: inout Issues) -> Household {
        var desil: Int?
        switch CodeValue.desil(columns.value(.desil, in: row), system: system) {
        case .found(let value): desil = value
        case .unknown(let text):
            issues.warning(.desil, text, "desil_out_of_range", "Desil harus 1–10; nilai \(text) diabaikan.")
        case .blank:
            if let percentile = CellText.integer(columns.value(.percentile, in: row)) {
                if (1...100).contains(percentile) { desil = WelfareDesil.fromPercentile(Double(percentile)) } else {
                    issues.warning(.percentile, String(percentile), "percentile_out_of_range", "Persentil harus 1–100; nilai \(percentile) diabaikan.")
                }
            }
        }
        var housing = Housing()
        housing.buildingOwnership = code(.buildingOwnership, row, &issues)
        housing.floorArea = CellText.integer(columns.value(.floorArea, in: row)).flatMap { (0...100_000).contains($0) ? $0 : nil }
        housing.floor = code(.floor, row, &issues)
        housing.wall = code(.wall, row, &issues)
        housing.roof = code(.roof, row, &issues)
        housing.drinkingWater = code(.drinkingWater, row, &issues)
        housing.lighting = code(.lighting, row, &issues)
        housing.cookingFuel = code(.cookingFuel, row, &issues)
        housing.defecationFacility = code(.defecationFacility, row, &issues)
        housing.toiletType = CodeValue.text(columns.value(.toiletType, in: row)).flatMap { value(.toiletType, ToiletType.matchOrNoToilet($0, system: system), &issues) }
        housing.sewageDisposal = code(.sewageDisposal, row, &issues)
        return Household(
            kkNumber: key.kk, sourceFamilyID: key.source, villageCode: village ?? RegionCode.ntb,
            headName: headName ?? CellText.text(columns.value(.headName, in: row)),
            address: CellText.text(columns.value(.address, in: row)), rt: CellText.text(columns.value(.rt, in: row)),
            rw: CellText.text(columns.value(.rw, in: row)), desil: desil, housing: housing)
    }

    private func code<L: LabelledCodeList>(_ field: ImportField, _ row: SheetRow, _ issues: inout Issues, system: CodeSystem? = nil) -> L? {
        value(field, CodeValue.read(columns.value(field, in: row), as: L.self, system: system ?? self.system), &issues)
    }

    /// A vocabulary's reading: the value, nothing for a blank, and for an unknown value a warning counted per column.
    private func value<V>(_ field: ImportField, _ match: CodeMatch<V>, _ issues: inout Issues) -> V? {
        switch match {
        case .blank: return nil
        case .found(let value): return value
        case .unknown(let text):
            issues.unknown(field, text)
            return nil
        }
    }

    // MARK: Person

    private func person(_ row: SheetRow, _ issues: inout Issues) -> Person? {
        let nik = nikValue(row, &issues)
        guard let name = CellText.text(columns.value(.name, in: row)) else {
            issues.error(.name, nil, "name_blank", "Nama kosong: setiap orang harus bernama.")
            return nil
        }
        var birthDate: CalendarDate?
        let dateCell = columns.value(.birthDate, in: row)
        switch DateCell.read(dateCell, order: dateOrder) {
        case .success(let date)?:
            if date > asOf {
                issues.error(.birthDate, date.description, "birth_date_future", "Tanggal lahir \(date) ada di masa depan.")
                return nil
            }
            birthDate = date
        case .failure(let problem)?:
            let text = String(dateCell.text.prefix(40))
            let message = problem == .twoDigitYear
                ? "Tahun lahir hanya 2 digit ('\(text)'): tulis tahun lengkap, mis. 31/01/1990."
                : "Tanggal lahir '\(text)' bukan tanggal yang benar (gunakan dd/mm/yyyy, dd-mm-yyyy atau yyyy-mm-dd)."
            issues.error(.birthDate, text, "birth_date_invalid", message)
            return nil
        case nil:
            break
        }
        var statedAge: StatedAge?
        if birthDate == nil, let years = CellText.integer(columns.value(.statedAge, in: row)) {
            if (0...130).contains(years) { statedAge = StatedAge(years: years, on: asOf) } else {
                issues.warning(.statedAge, String(years), "age_out_of_range", "Umur \(years) tahun tidak masuk akal; diabaikan.")
            }
        }
        if birthDate == nil && statedAge == nil {
            issues.warning(.birthDate, nil, "birth_date_blank", "Tanggal lahir kosong: umur orang ini tidak dapat dihitung.")
        }
        var sex: Sex? = code(.sex, row, &issues)
        if sex == nil, let nik, columns.value(.sex, in: row).isBlank { sex = nik.sex }
        if let nik {
            if let sex, sex != nik.sex {
                issues.warning(.sex, sex.label, "sex_nik_mismatch",
                               "Jenis kelamin \(sex.label) tidak sesuai NIK (NIK menunjukkan \(nik.sex.label)); data disimpan, mohon diperiksa.")
            }
            if let birthDate, birthDate != nik.birthDate {
                issues.warning(.birthDate, birthDate.description, "birth_date_nik_mismatch",
                               "Tanggal lahir \(birthDate) tidak sesuai NIK (NIK menunjukkan \(nik.birthDate)); data disimpan, mohon diperiksa.")
            }
        }
        var relationship: FamilyRelationship?
        for (field, fieldSystem) in [(ImportField.relationship, system), (.relationshipRegsosek, CodeSystem.regsosek)] where relationship == nil {
            guard let text = CodeValue.text(columns.value(field, in: row)) else { continue }
            relationship = value(field, FamilyRelationship.match(text, system: fieldSystem, sex: sex), &issues)
        }
        return Person(
            nik: nik?.digits, name: name, sex: sex, birthDate: birthDate, birthPlace: CellText.text(columns.value(.birthPlace, in: row)),
            relationship: relationship,
            maritalStatus: code(.maritalStatus, row, &issues),
            education: code(.education, row, &issues),
            occupation: occupation(row), motherName: CellText.text(columns.value(.motherName, in: row)),
            disability: disability(row, &issues),
            pregnant: CodeValue.text(columns.value(.pregnant, in: row)).flatMap { YesNo.match($0, system: system).value } ?? false,
            chronicIllness: CellText.integer(columns.value(.chronicIllness, in: row)).flatMap { (1...18).contains($0) ? $0 : nil },
            schoolParticipation: code(.schoolParticipation, row, &issues),
            healthInsurance: CodeValue.text(columns.value(.healthInsurance, in: row)).flatMap { value(.healthInsurance, HealthInsurance.match($0, system: system), &issues) },
            religion: code(.religion, row, &issues),
            residentStatus: residentStatus(row, &issues),
            statedAge: statedAge)
    }

    /// Disability from Lumbung's own codes, labels of UU 8/2016 and older words, the legacy "cacat" list (7 = none),
    /// or the Washington-Group answers of Regsosek 428 (a lot of difficulty or none possible in any domain).
    private func disability(_ row: SheetRow, _ issues: inout Issues) -> DisabilityType? {
        var reading: Disability?
        for field in [ImportField.disability, .disabilityLegacy] where columns.fields.contains(field) && reading == nil {
            guard let text = CodeValue.text(columns.value(field, in: row)) else { continue }
            let fieldSystem: CodeSystem = field == .disabilityLegacy && system != .bdt ? .dukcapil : system
            reading = value(field, Disability.match(text, system: fieldSystem), &issues)
        }
        if reading == nil {
            var answers: [WashingtonGroup.Domain: Int] = [:]
            for (field, domain) in zip(ImportField.difficulties, WashingtonGroup.Domain.allCases) {
                guard let text = CodeValue.text(columns.value(field, in: row)) else { continue }
                if let answer = CellText.integer(columns.value(field, in: row)), (1...4).contains(answer) { answers[domain] = answer } else {
                    issues.unknown(field, text)
                }
            }
            reading = WashingtonGroup.disability(answers)
        }
        guard case .disabled(let type)? = reading else { return nil }
        if type == .unspecified {
            let field: ImportField = columns.fields.contains(.disability) ? .disability : columns.fields.contains(.disabilityLegacy) ? .disabilityLegacy : .difficultySelfCare
            issues.warning(field, nil, "disability_kind_unknown",
                           "Orang ini disebut penyandang disabilitas tanpa ragam menurut UU 8/2016 (fisik, intelektual, mental, sensorik, ganda): dihitung sebagai penyandang disabilitas dengan ragam 'tidak disebut'. Isi ragamnya bila diketahui.")
        }
        return type
    }

    /// Occupation as Dukcapil's label when the cell is one of its codes or labels, else the text as written.
    private func occupation(_ row: SheetRow) -> String? {
        guard let text = CodeValue.text(columns.value(.occupation, in: row)) else { return nil }
        return Occupation.match(text, system: system).value?.label ?? text
    }

    private func residentStatus(_ row: SheetRow, _ issues: inout Issues) -> ResidentStatus? {
        guard let index = columns.columns[.residentStatus], let text = CodeValue.text(columns.value(.residentStatus, in: row)) else { return nil }
        let regsosek = HeaderName.normalize(columns.header[index]).contains("keberadaan") || HeaderName.questionCode(columns.header[index])?.code == "404"
        let fieldSystem: CodeSystem = regsosek ? .regsosek : system == .lumbung ? .openSID : system
        return value(.residentStatus, ResidentStatus.match(text, system: fieldSystem), &issues)
    }

    /// The NIK, or `nil` for a missing or placeholder one (kept, flagged); an error for a broken one.
    private func nikValue(_ row: SheetRow, _ issues: inout Issues) -> NIK? {
        let cell = columns.value(.nik, in: row)
        guard let text = CellText.text(cell), text != "-", text != "0" else {
            issues.warning(.nik, nil, "nik_missing", "NIK kosong: data disimpan dan ditandai perlu verifikasi.")
            return nil
        }
        if case .number = cell, text.count == 16 || text.contains("E") || text.contains("e") {
            issues.error(.nik, text, "nik_numeric_cell",
                         "NIK tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: digit terakhirnya sudah berubah. Ubah format kolom \(columns.name(.nik)) menjadi Teks, isi ulang NIK-nya dari sumber aslinya, lalu ekspor lagi.")
            return nil
        }
        do {
            let nik = try NIK(text, asOf: asOf)
            if !references.knownDistricts.contains(nik.districtDigits) {
                issues.warning(.nik, text, "nik_region_unknown",
                               "Kode kecamatan \(nik.districtDigits) pada NIK tidak ada dalam daftar Kemendagri sekarang (wajar untuk NIK lama sebelum pemekaran wilayah).")
            }
            return nik
        } catch NIKError.placeholder, NIKError.unknownProvince(_, province: "99") {
            issues.warning(.nik, text, "nik_placeholder", "NIK sementara/pengganti ('\(text.prefix(4))…'): data disimpan dan ditandai perlu verifikasi, tidak digabung dengan siapa pun.")
            return nil
        } catch {
            issues.error(.nik, text, error.code, "NIK: " + error.indonesianDescription)
            return nil
        }
    }
}

/// Collects a row's issues with its column names.
struct Issues {
    let row: Int
    let sheet: String?
    let columns: ColumnMap
    private(set) var list: [ImportIssue] = []
    private(set) var unknown: [(column: String, value: String)] = []

    init(row: Int, sheet: String?, columns: ColumnMap) {
        self.row = row
        self.sheet = sheet
        self.columns = columns
    }

    var hasErrors: Bool { list.contains { $0.severity == .error } }

    mutating func error(_ field: ImportField, _ value: String?, _ code: String, _ message: String) {
        list.append(ImportIssue(row: row, sheet: sheet, column: columns.name(field), value: value, severity: .error, code: code, message: message))
    }

    mutating func warning(_ field: ImportField, _ value: String?, _ code: String, _ message: String) {
        list.append(ImportIssue(row: row, sheet: sheet, column: columns.name(field), value: value, severity: .warning, code: code, message: message))
    }

    /// A value no code list knows: the row is kept with the field empty, and the value counted per column.
    mutating func unknown(_ field: ImportField, _ text: String) {
        let value = String(text.prefix(60))
        unknown.append((columns.name(field), value))
        warning(field, value, "code_unknown", "Nilai '\(value)' tidak dikenal untuk kolom \(columns.name(field)); dikosongkan.")
    }
}
