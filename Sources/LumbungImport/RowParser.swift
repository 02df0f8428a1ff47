import LumbungDomain
import LumbungSheets

/// Turns one data row into the family and/or person it describes, with every problem found.
/// Errors reject the row; warnings keep it flagged. Nothing here touches the database.
public struct RowParser: Sendable {
    public let layout: ImportLayout
    public let columns: ColumnMap
    let asOf: CalendarDate
    let resolver: RegionResolver
    /// The kecamatan codes of all Indonesia (6 digits), for the region digits of NIKs.
    let knownDistricts: Set<String>

    /// Rows of desa outside this region are rejected.
    let scope: RegionCode?

    public init(layout: ImportLayout, columns: ColumnMap, asOf: CalendarDate, resolver: RegionResolver, knownDistricts: Set<String>,
                scope: RegionCode? = nil) {
        self.scope = scope
        self.layout = layout
        self.columns = columns
        self.asOf = asOf
        self.resolver = resolver
        self.knownDistricts = knownDistricts
    }

    /// What one row gives.
    public struct Parsed: Sendable {
        public var family: ImportedFamily?
        public var person: ImportedPerson?
        public var issues: [ImportIssue] = []
        public var rejected: Bool { issues.contains { $0.severity == .error } }
        public var warned: Bool { !rejected && !issues.isEmpty }
    }

    public func parse(_ row: SheetRow) -> Parsed {
        var parsed = Parsed()
        var issues = Issues(row: row.number, columns: columns)
        let village = resolveVillage(row, &issues)
        let key = familyKey(row, &issues)
        if layout.makesFamilies, let key, let village {
            parsed.family = ImportedFamily(row: row.number, key: key, household: household(row, village: village, key: key, &issues))
        }
        if layout.makesPeople, let person = person(row, &issues), let key {
            parsed.person = ImportedPerson(row: row.number, family: key, village: village, person: person)
        }
        parsed.issues = issues.list
        if parsed.rejected {
            parsed.family = nil
            parsed.person = nil
        }
        return parsed
    }

    // MARK: Family

    private func familyKey(_ row: SheetRow, _ issues: inout Issues) -> FamilyKey? {
        switch layout {
        case .p3keFamily, .p3kePerson:
            guard let id = CellText.text(columns.value(.sourceFamilyID, in: row)) else {
                issues.error(.sourceFamilyID, nil, "family_id_blank", "ID keluarga kosong: baris ini tidak bisa dikaitkan dengan keluarganya.")
                return nil
            }
            return .source(id)
        default:
            let cell = columns.value(.kkNumber, in: row)
            guard let text = CellText.text(cell) else {
                issues.error(.kkNumber, nil, "kk_blank", "No. KK kosong: baris ini tidak bisa dikaitkan dengan keluarganya.")
                return nil
            }
            if case .number = cell, !text.contains("E") && !text.contains("e") && text.count == 16 {
                issues.error(.kkNumber, text, "kk_numeric_cell", "No. KK tersimpan sebagai angka di Excel, sehingga digit terakhir bisa berubah. Ubah format kolom menjadi Teks dan isi ulang nomornya.")
                return nil
            }
            do {
                return .kk(try KKNumber(text, asOf: asOf).digits)
            } catch {
                issues.error(.kkNumber, text, "kk_" + error.code.replacingOccurrences(of: "nik_", with: ""), "No. KK: " + error.indonesianDescription)
                return nil
            }
        }
    }

    private func resolveVillage(_ row: SheetRow, _ issues: inout Issues) -> RegionCode? {
        guard let village = resolveAnyVillage(row, &issues) else { return nil }
        if let scope, !scope.contains(village) {
            issues.error(.villageCode, village.dotted, "out_of_scope",
                         "Desa/kelurahan \(village.dotted) berada di luar wilayah kerja Anda (\(scope.dotted)); baris ini tidak diimpor.")
            return nil
        }
        return village
    }

    private func resolveAnyVillage(_ row: SheetRow, _ issues: inout Issues) -> RegionCode? {
        if let code = CellText.text(columns.value(.villageCode, in: row)) {
            switch resolver.village(code: code) {
            case .success(let village): return village
            case .failure(let problem):
                issues.error(.villageCode, code, problem.code, problem.message)
                return nil
            }
        }
        guard let name = CellText.text(columns.value(.villageName, in: row)) else {
            if layout != .dtsenPerson && layout != .p3kePerson {
                issues.error(.villageName, nil, "village_blank", "Kode atau nama desa/kelurahan kosong.")
            }
            return nil
        }
        let result = resolver.village(
            province: CellText.text(columns.value(.provinceName, in: row)), regency: CellText.text(columns.value(.regencyName, in: row)),
            district: CellText.text(columns.value(.districtName, in: row)), village: name)
        switch result {
        case .success(let village): return village
        case .failure(let problem):
            issues.error(.villageName, name, problem.code, problem.message)
            return nil
        }
    }

    private func household(_ row: SheetRow, village: RegionCode, key: FamilyKey, _ issues: inout Issues) -> Household {
        var desil: Int?
        if let value = CellText.integer(columns.value(.desil, in: row)) {
            if (1...10).contains(value) { desil = value } else {
                issues.warning(.desil, String(value), "desil_out_of_range", "Desil harus 1–10; nilai \(value) diabaikan.")
            }
        }
        var housing = Housing()
        housing.buildingOwnership = code(.buildingOwnership, row, &issues)
        housing.floorArea = CellText.integer(columns.value(.floorArea, in: row)).flatMap { $0 >= 0 ? $0 : nil }
        housing.floor = code(.floor, row, &issues)
        housing.wall = code(.wall, row, &issues)
        housing.roof = code(.roof, row, &issues)
        housing.drinkingWater = code(.drinkingWater, row, &issues)
        housing.lighting = code(.lighting, row, &issues)
        housing.cookingFuel = code(.cookingFuel, row, &issues)
        housing.defecationFacility = code(.defecationFacility, row, &issues)
        housing.toiletType = code(.toiletType, row, &issues)
        housing.sewageDisposal = code(.sewageDisposal, row, &issues)
        let sourceID: String? = if case .source(let id) = key { id } else { nil }
        let kk: String? = if case .kk(let number) = key { number } else { nil }
        return Household(
            kkNumber: kk, sourceFamilyID: sourceID, villageCode: village, headName: CellText.text(columns.value(.headName, in: row)),
            address: CellText.text(columns.value(.address, in: row)), rt: CellText.text(columns.value(.rt, in: row)),
            rw: CellText.text(columns.value(.rw, in: row)), desil: desil, housing: housing)
    }

    private func code<L: CodeList>(_ field: ImportField, _ row: SheetRow, _ issues: inout Issues, extra: [String: L] = [:]) -> L? {
        switch CodeValue.parse(columns.value(field, in: row), as: L.self, extra: extra) {
        case .blank: return nil
        case .found(let value): return value
        case .unknown(let text):
            issues.warning(field, text, "code_unknown", "Nilai '\(text)' tidak dikenal untuk kolom ini; dikosongkan.")
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
        switch CellText.date(columns.value(.birthDate, in: row), monthFirst: layout.monthFirstDates) {
        case .success(let date)?:
            if date > asOf {
                issues.error(.birthDate, date.description, "birth_date_future", "Tanggal lahir \(date) ada di masa depan.")
                return nil
            }
            birthDate = date
        case .failure(let problem)?:
            let text = columns.value(.birthDate, in: row).text
            let message = problem == .twoDigitYear
                ? "Tahun lahir hanya 2 digit ('\(text)'): tulis tahun lengkap, mis. 31/01/1990."
                : "Tanggal lahir '\(text)' bukan tanggal yang benar (gunakan dd/mm/yyyy, dd-mm-yyyy atau yyyy-mm-dd)."
            issues.error(.birthDate, text, "birth_date_invalid", message)
            return nil
        case nil:
            issues.warning(.birthDate, nil, "birth_date_blank", "Tanggal lahir kosong: umur orang ini tidak dapat dihitung.")
        }
        var sex: Sex?
        switch CodeValue.parse(columns.value(.sex, in: row), as: Sex.self, extra: CodeValue.sexWords) {
        case .found(let value): sex = value
        case .unknown(let text): issues.warning(.sex, text, "sex_unknown", "Jenis kelamin '\(text)' tidak dikenal; dikosongkan.")
        case .blank: break
        }
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
        var relationship: FamilyRelationship? = code(.relationship, row, &issues, extra: CodeValue.relationshipWords)
        if relationship == nil, let regsosek = CellText.integer(columns.value(.relationshipRegsosek, in: row)) {
            relationship = CodeValue.regsosekRelationship(regsosek, sex: sex)
            if relationship == nil {
                issues.warning(.relationshipRegsosek, String(regsosek), "code_unknown", "Kode hubungan '\(regsosek)' tidak dikenal (Regsosek 1–8); dikosongkan.")
            }
        }
        return Person(
            nik: nik?.digits, name: name, sex: sex, birthDate: birthDate, birthPlace: CellText.text(columns.value(.birthPlace, in: row)),
            relationship: relationship,
            maritalStatus: code(.maritalStatus, row, &issues, extra: CodeValue.maritalWords),
            education: layout.readsEducation ? code(.education, row, &issues) : nil,
            occupation: CellText.text(columns.value(.occupation, in: row)), motherName: CellText.text(columns.value(.motherName, in: row)),
            disability: CellText.integer(columns.value(.disability, in: row)).flatMap { $0 == 0 ? nil : DisabilityType(rawValue: $0) },
            pregnant: CellText.yesNo(columns.value(.pregnant, in: row)) ?? false,
            chronicIllness: CellText.integer(columns.value(.chronicIllness, in: row)).flatMap { (1...18).contains($0) ? $0 : nil },
            schoolParticipation: code(.schoolParticipation, row, &issues),
            healthInsurance: CellText.integer(columns.value(.healthInsurance, in: row)).flatMap { (0...15).contains($0) ? HealthInsurance(rawValue: $0) : nil })
    }

    /// The NIK, or `nil` for a missing or placeholder one (kept, flagged); an error for a broken one.
    private func nikValue(_ row: SheetRow, _ issues: inout Issues) -> NIK? {
        let cell = columns.value(.nik, in: row)
        guard let text = CellText.text(cell) else {
            issues.warning(.nik, nil, "nik_missing", "NIK kosong: data disimpan dan ditandai perlu verifikasi.")
            return nil
        }
        if case .number = cell, !text.contains("E") && !text.contains("e") && text.count == 16 {
            issues.error(.nik, text, "nik_numeric_cell", "NIK tersimpan sebagai angka di Excel, sehingga digit terakhirnya bisa berubah. Ubah format kolom menjadi Teks lalu isi ulang NIK-nya.")
            return nil
        }
        do {
            let nik = try NIK(text, asOf: asOf)
            if !knownDistricts.contains(nik.districtDigits) {
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
    let columns: ColumnMap
    private(set) var list: [ImportIssue] = []

    init(row: Int, columns: ColumnMap) {
        self.row = row
        self.columns = columns
    }

    mutating func error(_ field: ImportField, _ value: String?, _ code: String, _ message: String) {
        list.append(ImportIssue(row: row, column: columns.name(field), value: value, severity: .error, code: code, message: message))
    }

    mutating func warning(_ field: ImportField, _ value: String?, _ code: String, _ message: String) {
        list.append(ImportIssue(row: row, column: columns.name(field), value: value, severity: .warning, code: code, message: message))
    }
}

import Foundation
