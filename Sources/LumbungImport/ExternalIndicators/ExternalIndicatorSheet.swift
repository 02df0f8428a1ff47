import Foundation
import LumbungDomain
import LumbungSheets

/// Reads a region-level table another body published (`lumbung external import FILE`): one row per kabupaten,
/// kecamatan or desa with a region and a value, e.g. a desa-level stunting table of Dinas Kesehatan:
///
/// | kode_bps | desa | prevalensi |
/// |---|---|---|
/// | 5201010001 | PELANGAN | 27,5 |
///
/// The region is a Kemendagri code (`kode_wilayah`, `kode_kemendagri`, `kode`: `52.01.07.2003` or `5201072003`), a
/// BPS code (`kode_bps`: placed through the shipped crosswalk, never by arithmetic), or — only when no code column is
/// there — names (`kabupaten`, `kecamatan`, `desa`) matched as the registry import matches them. The value column is
/// `nilai`, `value`, `angka`, `persen`, `prevalensi` or `jumlah`.
///
/// What the figures are (id, name, unit, direction, source, date) comes from the command line or from a header block
/// above the table: rows of two cells `id | stunting_dinkes`, `nama | …`, `satuan | persen`, `arah | lower_is_better`,
/// `sumber | …`, `tanggal | 2024` (what the command line gives wins).
///
/// Every row is checked before anything is written: any problem names its sheet, row and column in Bahasa Indonesia,
/// and the whole file is refused (`problems` not empty). Needs no database.
public struct ExternalIndicatorSheet: Sendable {
    /// One value read, with where it was.
    public struct Entry: Sendable, Equatable {
        public let sheet: String?
        public let row: Int
        public let region: RegionCode
        public let value: Double
    }

    /// What the header block says (each `nil` when absent).
    public struct Header: Sendable, Equatable {
        public var id: String?
        public var name: String?
        public var unit: String?
        public var direction: String?
        public var source: String?
        public var date: String?

        public init(id: String? = nil, name: String? = nil, unit: String? = nil, direction: String? = nil, source: String? = nil, date: String? = nil) {
            self.id = id
            self.name = name
            self.unit = unit
            self.direction = direction
            self.source = source
            self.date = date
        }

        /// `given`'s fields where set, this header's otherwise.
        public func overridden(by given: Header) -> Header {
            Header(id: given.id ?? id, name: given.name ?? name, unit: given.unit ?? unit, direction: given.direction ?? direction,
                   source: given.source ?? source, date: given.date ?? date)
        }
    }

    public typealias Problem = TargetSheet.Problem

    /// The most rows a table may have (NTB has 1,294 regions; a longer file is no table per region and is not held in memory).
    public static let maximumRows = 5_000

    enum Column: CaseIterable {
        case code, bpsCode, regency, district, village, value

        var synonyms: [String] {
            switch self {
            case .code: ["kodewilayah", "kodekemendagri", "kodekemdagri", "kode", "kodedesa", "kodekecamatan", "kodekabupaten", "kodekab", "kodekec",
                         "kdwilayah", "kodewil"]
            case .bpsCode: ["kodebps", "kodewilkerstat", "kdbps", "idbps", "kodedesabps", "kodekecamatanbps"]
            case .regency: ["kabupaten", "namakabupaten", "kabupatenkota", "kabkota", "kabkot", "namakabkota"]
            case .district: ["kecamatan", "namakecamatan", "kec"]
            case .village: ["desa", "namadesa", "desakelurahan", "kelurahan", "namadesakelurahan", "desakel"]
            case .value: ["nilai", "value", "angka", "persen", "persentase", "prevalensi", "jumlah", "capaian", "rasio"]
            }
        }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var problems: [Problem] = []
    /// The header block found above the table (fields `nil` where the file says nothing).
    public private(set) var header = Header()

    /// Reads every sheet of `url` that has a table header (found within a sheet's first 30 rows).
    /// - Parameter unit: the unit the values are in, to check their range (percent 0–100, per mille 0–1000); unknown when
    ///   the header block names it (it is then taken from there).
    public static func read(_ url: URL, resolver: RegionResolver, unit given: ExternalIndicator.Unit?) throws -> ExternalIndicatorSheet {
        var sheet = ExternalIndicatorSheet()
        let readers = try SheetFormat.readers(for: url)
        var found = false, tooLong = false
        var pending: [(row: SheetRow, columns: [Column: (index: Int, header: String)], sheet: String?)] = []
        for (index, reader) in readers.enumerated() {
            let name = readers.count > 1 ? reader.sheetNames[safe: index] : nil
            var columns: [Column: (index: Int, header: String)]?
            try reader.forEachRow { row in
                guard let known = columns else {
                    guard row.number <= 30 else { return }
                    if let header = Self.header(row) {
                        columns = header
                        found = true
                    } else {
                        sheet.readHeaderBlock(row)
                    }
                    return
                }
                guard !row.isBlank else { return }
                guard pending.count < Self.maximumRows else {
                    if !tooLong { sheet.problems.append(Problem(sheet: name, row: row.number, column: nil, message:
                        "tabel lebih dari \(IndonesianNumber.format(Self.maximumRows)) baris, padahal NTB punya \(IndonesianNumber.format(1_294)) wilayah: ini bukan tabel per wilayah.")) }
                    tooLong = true
                    return
                }
                pending.append((row, known, name))
            }
        }
        if !found {
            sheet.problems.append(Problem(sheet: nil, row: nil, column: nil, message:
                "Baris judul tidak ditemukan di '\(url.lastPathComponent)': tabel butuh kolom kode wilayah (kode_wilayah atau kode_bps) atau nama wilayah, dan kolom nilai."))
        }
        let unit = given ?? sheet.header.unit.flatMap(ExternalIndicator.Unit.parse)
        for item in pending { sheet.read(item.row, columns: item.columns, sheet: item.sheet, resolver: resolver, unit: unit) }
        sheet.checkDuplicates()
        return sheet
    }

    static func header(_ row: SheetRow) -> [Column: (index: Int, header: String)]? {
        let columns = HeaderName.locate(row.values.map(\.text), spellings: \Column.synonyms)
        let placed = columns[.code] != nil || columns[.bpsCode] != nil || columns[.regency] != nil || columns[.district] != nil || columns[.village] != nil
        guard placed, columns[.value] != nil else { return nil }
        return columns
    }

    /// A row of the header block: `key | value` (or `key: value` in one cell).
    private mutating func readHeaderBlock(_ row: SheetRow) {
        let cells = row.values.map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var key: String, value: String
        if cells.count >= 2 {
            key = cells[0]; value = cells[1]
        } else if cells.count == 1, let colon = cells[0].firstIndex(of: ":") {
            key = String(cells[0][..<colon]); value = cells[0][cells[0].index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            return
        }
        guard !value.isEmpty else { return }
        switch HeaderName.normalize(key) {
        case "id", "idindikator", "kodeindikator", "indikator": header.id = header.id ?? value
        case "nama", "namaindikator": header.name = header.name ?? value
        case "satuan", "unit": header.unit = header.unit ?? value
        case "arah", "direction": header.direction = header.direction ?? value
        case "sumber", "sumberdata", "source": header.source = header.source ?? value
        case "tanggal", "tanggaldata", "tahun", "periode", "date": header.date = header.date ?? value
        default: return
        }
        _ = key
    }

    private mutating func read(_ row: SheetRow, columns: [Column: (index: Int, header: String)], sheet: String?, resolver: RegionResolver,
                               unit: ExternalIndicator.Unit?) {
        func problem(_ column: Column?, _ message: String) {
            problems.append(Problem(sheet: sheet, row: row.number, column: column.flatMap { columns[$0]?.header }, message: message))
        }
        func text(_ column: Column) -> String? {
            guard let index = columns[column]?.index else { return nil }
            let value = row[index].text.trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        let before = problems.count
        var region: RegionCode?
        let codeColumn: Column? = text(.bpsCode) != nil ? .bpsCode : (text(.code) != nil ? .code : nil)
        if let codeColumn, let code = text(codeColumn) {
            switch resolver.region(code: Self.codeText(code), bpsOnly: codeColumn == .bpsCode) {
            case .success(let found): region = found
            case .failure(let failure): problem(codeColumn, failure.message)
            }
        } else if columns[.code] != nil || columns[.bpsCode] != nil {
            problem(columns[.bpsCode] != nil ? .bpsCode : .code, "kode wilayah kosong.")
        } else {
            switch resolver.region(regency: text(.regency), district: text(.district), village: text(.village)) {
            case .success(let found): region = found
            case .failure(let failure):
                let column: Column = text(.village) != nil ? .village : (text(.district) != nil ? .district : .regency)
                problem(column, text(.regency) == nil && text(.district) == nil && text(.village) == nil ? "nama wilayah kosong." : failure.message)
            }
        }
        var value: Double?
        let cell = columns[.value].map { row[$0.index] } ?? .empty
        if cell.isBlank {
            problem(.value, "nilai kosong: isi angkanya (baris tanpa data dihapus saja dari tabel).")
        } else if let number = TargetSheet.number(cell) {
            if number < 0 {
                problem(.value, MonitoringProblem.valueNegative(number).description)
            } else if unit == .percent, number > 100 {
                problem(.value, "\(IndonesianNumber.decimal(number)) lebih dari 100 padahal satuannya persen.")
            } else if unit == .perMille, number > 1000 {
                problem(.value, "\(IndonesianNumber.decimal(number)) lebih dari 1.000 padahal satuannya permil.")
            } else {
                value = number
            }
        } else {
            problem(.value, "'\(cell.text.prefix(60))' bukan angka: tulis nilainya saja (mis. 27,5).")
        }
        guard problems.count == before, let region, let value else { return }
        entries.append(Entry(sheet: sheet, row: row.number, region: region, value: value))
    }

    /// A code as a workbook may store it: a number cell `5201072003` or `5201072003.0`.
    static func codeText(_ text: String) -> String {
        text.hasSuffix(".0") && text.dropLast(2).allSatisfy(\.isASCIIDigit) ? String(text.dropLast(2)) : text
    }

    /// One value per region: a region twice is a problem on the second row, naming the first.
    private mutating func checkDuplicates() {
        var seen: [RegionCode: Entry] = [:]
        for entry in entries {
            if let first = seen[entry.region] {
                problems.append(Problem(sheet: entry.sheet, row: entry.row, column: nil, message:
                    "wilayah \(entry.region.dotted) sudah ada di baris \(first.row): satu nilai per wilayah."))
            } else {
                seen[entry.region] = entry
            }
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
