import LumbungDomain
import LumbungSheets

/// Places one row in its desa/kelurahan from whatever the file gives: a Kemendagri code (`5201012001`,
/// `52.01.01.2001`), a BPS code whole or split over four columns (through the crosswalk, never by
/// arithmetic), names at each level, or — for files without region columns — the desa the user chose.
struct RowRegion: Sendable {
    let columns: ColumnMap
    let references: ImportReferences
    /// The desa chosen for the whole file (`--desa`, the web import's region picker).
    let chosen: RegionCode?

    enum Found {
        case village(RegionCode)
        /// The row names no region at all.
        case none
        case problem(field: ImportField, value: String?, code: String, message: String)
    }

    var hasRegionColumns: Bool { columns.fields.contains { $0.isRegionField } }

    func resolve(_ row: SheetRow) -> Found {
        let named = fromRow(row)
        guard let chosen else { return named }
        switch named {
        case .none: return .village(chosen)
        case .village(let village) where village == chosen: return named
        case .village(let village):
            return .problem(field: columns.fields.contains(.villageCode) ? .villageCode : .villageName, value: village.dotted,
                            code: "village_contradicts_chosen",
                            message: "Baris ini menyebut desa \(title(village)), padahal berkas diimpor untuk desa \(title(chosen)). Periksa barisnya atau pilih desa yang benar.")
        case .problem: return named
        }
    }

    private func title(_ code: RegionCode) -> String {
        references.tree[code].map { "\($0.name) (\(code.dotted))" } ?? code.dotted
    }

    private func fromRow(_ row: SheetRow) -> Found {
        let split = [ImportField.bpsProvince, .bpsRegency, .bpsDistrict, .bpsVillage].contains { columns.fields.contains($0) }
        if let code = CellText.text(columns.value(.villageCode, in: row)) {
            let digits = code.filter { $0 != "." && $0 != " " && $0 != "-" }
            if split && digits.count <= 4 && digits.allSatisfy(\.isASCIIDigit) { return fromSplit(row, village: digits, field: .villageCode) }
            return fromCode(code, field: .villageCode)
        }
        if split, let village = CellText.text(columns.value(.bpsVillage, in: row)) { return fromSplit(row, village: village, field: .bpsVillage) }
        return fromNames(row)
    }

    private func fromCode(_ text: String, field: ImportField) -> Found {
        let digits = text.filter { $0 != "." && $0 != " " && $0 != "-" }
        if digits.count == 10, digits.allSatisfy(\.isASCIIDigit), !digits.hasPrefix(homeProvince) {
            return outside(province: String(digits.prefix(2)), field: field, value: text)
        }
        switch references.resolver.village(code: text) {
        case .success(let village): return .village(village)
        case .failure(let problem): return .problem(field: field, value: text, code: problem.code, message: problem.message)
        }
    }

    /// Province 52, kabupaten 06, kecamatan 020, desa 007 in four columns. A four-digit desa part starting
    /// 1 or 2 with a two-digit kecamatan is Kemendagri's; three-digit parts are BPS's (leading zeros that a
    /// number cell lost are put back).
    private func fromSplit(_ row: SheetRow, village: String, field: ImportField) -> Found {
        let province = CellText.text(columns.value(.bpsProvince, in: row)) ?? homeProvince
        guard let regency = CellText.text(columns.value(.bpsRegency, in: row)), let district = CellText.text(columns.value(.bpsDistrict, in: row)) else {
            return .problem(field: field, value: village, code: "region_code_incomplete",
                            message: "Kode wilayah tidak lengkap: kode kabupaten/kota dan kecamatan harus diisi bersama kode desa.")
        }
        let parts = [province, regency, district, village]
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return .problem(field: field, value: parts.joined(separator: " "), code: "region_code_unknown",
                            message: "Kode wilayah '\(parts.joined(separator: " "))' bukan angka kode wilayah.")
        }
        func pad(_ text: String, _ width: Int) -> String { String(repeating: "0", count: max(0, width - text.count)) + text }
        let provinceCode = pad(province, 2)
        guard provinceCode == homeProvince else { return outside(province: provinceCode, field: .bpsProvince, value: province) }
        if village.count == 4, district.count <= 2, village.first == "1" || village.first == "2" {
            return fromCode([provinceCode, pad(regency, 2), pad(district, 2), village].joined(separator: "."), field: field)
        }
        let bps = provinceCode + pad(regency, 2) + pad(district, 3) + pad(village, 3)
        guard bps.count == 10 else {
            return .problem(field: field, value: parts.joined(separator: " "), code: "region_code_unknown",
                            message: "Kode wilayah BPS '\(parts.joined(separator: " "))' tidak berbentuk 2-2-3-3 digit.")
        }
        switch references.resolver.village(code: bps) {
        case .success(let found): return .village(found)
        case .failure:
            return .problem(field: field, value: bps, code: "region_bps_unknown",
                            message: "Kode BPS \(bps) (provinsi \(provinceCode), kabupaten \(pad(regency, 2)), kecamatan \(pad(district, 3)), desa \(pad(village, 3))) tidak ada di tabel padanan kode BPS–Kemendagri; desa baru hasil pemekaran belum punya padanan. Isi kode Kemendagri desanya.")
        }
    }

    private func fromNames(_ row: SheetRow) -> Found {
        guard let name = CellText.text(columns.value(.villageName, in: row)) else {
            if CellText.text(columns.value(.districtName, in: row)) != nil || CellText.text(columns.value(.regencyName, in: row)) != nil {
                return .problem(field: .villageName, value: nil, code: "village_blank", message: "Nama desa/kelurahan kosong: kecamatan saja tidak cukup untuk menempatkan baris ini.")
            }
            return .none
        }
        let provinceName = CellText.text(columns.value(.provinceName, in: row))
        if let provinceName, !RegionResolver.isProvince(provinceName, references.tree[homeCode]?.name ?? "") {
            let key = RegionNameKey(provinceName).core
            let known = references.provinceNames.first { RegionNameKey($0.value).core == key }
            return .problem(field: .provinceName, value: provinceName, code: "region_outside_ntb",
                            message: known.map { "Provinsi \($0.value) berada di luar NTB: Lumbung hanya memuat wilayah NTB; baris ini tidak diimpor." }
                                ?? "Provinsi '\(provinceName)' tidak dikenal; Lumbung hanya memuat wilayah NTB.")
        }
        let regency = CellText.text(columns.value(.regencyName, in: row)), district = CellText.text(columns.value(.districtName, in: row))
        switch references.resolver.village(province: provinceName, regency: regency, district: district, village: name) {
        case .success(let village): return .village(village)
        case .failure(let problem):
            let field: ImportField = switch problem {
            case .unknownName(let level, _, _, _), .ambiguous(let level, _, _):
                level == .kabupaten || level == .kota ? .regencyName : level == .kecamatan ? .districtName : .villageName
            default: .villageName
            }
            let text = CellText.text(columns.value(field, in: row)) ?? name
            if case .unknownName = problem, let provinces = references.foreignNames[RegionNameKey(text).core], !provinces.isEmpty {
                return .problem(field: field, value: text, code: "region_outside_ntb",
                                message: "'\(text)' bukan wilayah NTB; nama ini ada di Provinsi \(provinces.sorted().joined(separator: ", ")). Lumbung hanya memuat wilayah NTB.")
            }
            return .problem(field: field, value: text, code: problem.code, message: problem.message)
        }
    }

    private var homeCode: RegionCode { references.tree.roots.first?.code ?? RegionCode.ntb }
    private var homeProvince: String { homeCode.compact }

    private func outside(province: String, field: ImportField, value: String) -> Found {
        let name = references.provinceNames[province]
        return .problem(field: field, value: value, code: "region_outside_ntb",
                        message: name.map { "Kode wilayah \(value) termasuk Provinsi \($0), di luar NTB: Lumbung hanya memuat wilayah NTB; baris ini tidak diimpor." }
                            ?? "Kode wilayah \(value) tidak termasuk provinsi mana pun (kode provinsi \(province) tidak ada).")
    }
}

extension RegionCode {
    /// Nusa Tenggara Barat, the province Lumbung serves.
    static let ntb: RegionCode = {
        guard let code = try? RegionCode("52") else { preconditionFailure("52 is a region code") }
        return code
    }()
}
