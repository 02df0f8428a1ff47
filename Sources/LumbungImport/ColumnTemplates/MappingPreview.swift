import Foundation
import LumbungDomain
import LumbungSheets

/// What the mapping page shows of a file: the sheet read, its header row, and each column with the field it is read
/// as (or none) and its first values. Found without the database.
public struct MappingSheet: Sendable {
    public struct Column: Sendable {
        public let index: Int
        public let header: String
        /// The field the column is read as with the mapping given (`nil`: not read).
        public let field: ImportField?
        /// Up to three non-blank values under the header.
        public let samples: [SheetValue]
        /// The field Lumbung itself understood, without any mapping: from the header, else guessed from the values.
        public let understood: ImportField?
        /// How sure that is.
        public let confidence: Confidence
    }

    /// How Lumbung came to read a column as a field.
    public enum Confidence: String, Sendable {
        /// The header is the field's own name (`NIK`, `Tanggal Lahir`, `no_kk`).
        case exact
        /// The header is a spelling seen in real files (`NO.KK`, `Tgl Lahir`) or a Regsosek question number.
        case synonym
        /// The header says nothing Lumbung knows; the values look like the field (16-digit numbers, dates, L/P …).
        case values
        /// Nothing: the column is not read unless a field is chosen.
        case none

        public var label: String {
            switch self {
            case .exact: "pasti: judul kolom persis nama isian"
            case .synonym: "yakin: judul kolom dikenal"
            case .values: "dugaan dari isi kolom: periksa"
            case .none: "tidak dikenal"
            }
        }
    }

    public let fileName: String
    /// The sheet the table is on (`nil` for a CSV or a one-sheet workbook), and every sheet of the workbook.
    public let sheetName: String?
    public let sheetNames: [String]
    /// The position of the sheet read in the workbook (0 for a CSV).
    public let sheetIndex: Int
    public let headerRow: Int
    public let columns: [Column]

    /// The signature of the header row, to save a template under and to pick one by (`ColumnTemplateFit`).
    public var signature: String { ColumnTemplateFit.signature(of: columns.map(\.header)) }
    public var header: [String] { columns.map(\.header) }

    /// The mapping that reads every column as this sheet shows it: each header to its field, the rest ignored.
    public var mapping: ColumnMapping {
        var mapping = ColumnMapping()
        for column in columns {
            if let field = column.field { mapping.columns[column.header] = field } else { mapping.ignored.append(column.header) }
        }
        return mapping
    }
}

/// One row as the import would store it, with what it would get.
public struct PreviewRow: Sendable {
    public let row: Int
    /// Field label → value as stored (code lists by their label), in the order of `MappingPreview.shownFields`.
    public let values: [(label: String, value: String)]
    public let errors: [String]
    public let warnings: [String]
    public var rejected: Bool { !errors.isEmpty }
}

/// The mapping page's reading of a file: the columns, the checks of a mapping, the first rows as stored.
public enum MappingPreview {
    /// Finds the header row (with the mapping's help) and the first values of each column. A file whose headers
    /// Lumbung does not know still gets one: the widest of its first 30 rows.
    /// `sheet` chooses the sheet of a workbook of several (its position); by default the first that holds a table.
    public static func inspect(_ url: URL, mapping: ColumnMapping = ColumnMapping(), sheet chosen: Int? = nil) throws -> MappingSheet {
        let readers = try TableScan.readers(for: url)
        let names = readers.first?.sheetNames ?? []
        let only = chosen.flatMap { readers.indices.contains($0) ? $0 : nil }
        var sheet = 0
        var headerRow: Int
        var header: [String]
        if let table = try? TableScan.find(in: readers, choice: mapping.layout ?? "auto", mapping: mapping.columns, ignoring: mapping.ignored, only: only).tables.first {
            sheet = table.sheet
            headerRow = table.headerRow
            header = table.columns.header
        } else {
            var best: (sheet: Int, row: Int, cells: [String], width: Int)?
            for (index, reader) in readers.enumerated() where only == nil || only == index {
                var rowNumber = 0
                do {
                    try reader.forEachRow { row in
                        rowNumber = row.number
                        if row.number > TableScan.rowsSearched { throw StopReading() }
                        let width = row.values.filter { !$0.isBlank }.count
                        if width >= 2, width > best?.width ?? 0 { best = (index, row.number, row.values.map(\.text), width) }
                    }
                } catch is StopReading {}
                _ = rowNumber
            }
            guard let best else {
                throw ImportError.noHeader(file: url.lastPathComponent, seen: [])
            }
            sheet = best.sheet
            headerRow = best.row
            header = best.cells
        }
        // The header's columns, trailing blank ones dropped.
        while let last = header.last, last.trimmingCharacters(in: .whitespaces).isEmpty { header.removeLast() }
        let mapped = ColumnMap(header: header, mapping: mapping.columns, ignoring: mapping.ignored)
        let plain = ColumnMap(header: header)
        let byIndex = Dictionary(mapped.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var understood = Dictionary(plain.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var samples = Array(repeating: [SheetValue](), count: header.count)
        do {
            try readers[sheet].forEachRow { row in
                guard row.number > headerRow else { return }
                if row.number > headerRow + 200 || samples.allSatisfy({ $0.count >= 3 }) { throw StopReading() }
                for index in header.indices where index < row.values.count && !row.values[index].isBlank && samples[index].count < 3 {
                    samples[index].append(row.values[index])
                }
            }
        } catch is StopReading {}
        var confidence: [Int: MappingSheet.Confidence] = [:]
        for (index, cell) in header.enumerated() where understood[index] != nil {
            let key = HeaderName.normalize(cell)
            confidence[index] = understood[index].map { key == HeaderName.normalize($0.rawValue) || key == HeaderName.normalize($0.label) } == true ? .exact : .synonym
        }
        // Columns whose header says nothing: guessed from their values, for fields no other column holds.
        var taken = Set(understood.values)
        for index in header.indices where understood[index] == nil {
            guard let field = guess(samples[index]), !taken.contains(field) else { continue }
            understood[index] = field
            confidence[index] = .values
            taken.insert(field)
        }
        let columns = header.enumerated().map { index, cell in
            MappingSheet.Column(index: index, header: cell, field: byIndex[index], samples: samples[index], understood: understood[index],
                                confidence: confidence[index] ?? .none)
        }
        return MappingSheet(fileName: url.lastPathComponent, sheetName: names.count > 1 && sheet < names.count ? names[sheet] : nil,
                            sheetNames: names, sheetIndex: sheet, headerRow: headerRow, columns: columns)
    }

    /// The field a column's values look like, when every sample says the same: 16-digit numbers (a No. KK when one
    /// repeats, as family members share it, else a NIK), a desa code, dates, sex or SHDK words. `nil` when unsure.
    static func guess(_ samples: [SheetValue]) -> ImportField? {
        let texts = samples.compactMap { CellText.text($0) }.map { $0.replacingOccurrences(of: " ", with: "") }
        guard texts.count >= 2 else { return nil }
        if texts.allSatisfy({ $0.count == 16 && $0.allSatisfy(\.isASCIIDigit) }) {
            return Set(texts).count < texts.count ? .kkNumber : .nik
        }
        if texts.allSatisfy({ text in (try? RegionCode(text))?.depth == 4 }) { return .villageCode }
        if samples.allSatisfy({ if case .success = DateCell.read($0, order: .dayFirst) { true } else { false } }),
           texts.allSatisfy({ !$0.allSatisfy(\.isASCIIDigit) || $0.count == 8 }) || samples.allSatisfy({ if case .date = $0 { true } else { false } }) {
            return .birthDate
        }
        if texts.allSatisfy({ !$0.allSatisfy(\.isASCIIDigit) }) {
            if texts.allSatisfy({ if case .found = Sex.match($0, system: .lumbung) { true } else { false } }) { return .sex }
            if texts.allSatisfy({ FamilyRelationship.match(label: $0) != nil }) { return .relationship }
        }
        return nil
    }

    private struct StopReading: Error {}

    /// Why a mapping of `sheet` cannot be used, in Bahasa Indonesia (empty when it can): two columns to one field,
    /// a column that names the family (and, for person rows, the name) missing, a column of text mapped to a date.
    /// `fields` is the field chosen for each column (`nil`: abaikan), in the sheet's column order.
    public static func problems(_ sheet: MappingSheet, fields: [ImportField?], layout: String? = nil) -> [String] {
        var problems: [String] = []
        var byField: [ImportField: [String]] = [:]
        for (column, field) in zip(sheet.columns, fields) {
            if let field { byField[field, default: []].append(column.header) }
        }
        for field in ImportField.allCases {
            guard let headers = byField[field], headers.count > 1 else { continue }
            problems.append("Kolom \(headers.map { "'\($0)'" }.joined(separator: " dan ")) sama-sama dipetakan ke \(field.label); satu isian hanya boleh diambil dari satu kolom. Pilih \"abaikan\" untuk kolom yang tidak dipakai.")
        }
        let chosen = Set(byField.keys)
        let named = layout.flatMap { ImportLayout(rawValue: $0) }
        if let layoutFields = named ?? ImportLayout.detect(chosen) {
            let missing = layoutFields.missing(in: chosen)
            if !missing.isEmpty {
                problems.append("Kolom wajib belum dipetakan: \(missing.map(\.label).joined(separator: ", ")). Pilih kolom berkas yang berisi \(missing.count == 1 ? "isian itu" : "isian-isian itu").")
            }
        } else {
            problems.append("Kolom wajib belum dipetakan: No. KK (atau ID keluarga sumber), dan nama untuk daftar orang. Pilih kolom berkas yang berisi nomor KK.")
        }
        for (column, field) in zip(sheet.columns, fields) where field == .birthDate {
            let values = column.samples.filter { !$0.isBlank }
            guard let first = values.first else { continue }
            let dates = values.filter { if case .success = DateCell.read($0, order: .dayFirst) { true } else { false } }
            if dates.isEmpty {
                problems.append("Kolom '\(column.header)' berisi teks (mis. '\(String(first.text.prefix(40)))'), bukan tanggal: tidak dapat dipetakan ke \(field?.label ?? "tanggal").")
            }
        }
        return problems
    }

    /// The fields shown for each preview row, in order.
    public static let shownFields = ["No. KK", "NIK", "nama", "jenis kelamin", "tanggal lahir", "hubungan dalam keluarga", "desa/kelurahan", "alamat"]

    /// The first `limit` data rows of the sheet as the import would store them, with the errors and warnings each
    /// would get (those the registry itself adds, such as a NIK already held by another person, show in the dry run's totals).
    public static func rows(_ url: URL, mapping: ColumnMapping, asOf: CalendarDate, references: ImportReferences, scope: RegionCode? = nil,
                            sheet: Int? = nil, limit: Int = 20) throws -> [PreviewRow] {
        let readers = try TableScan.readers(for: url)
        let found = try TableScan.find(in: readers, choice: mapping.layout ?? "auto", mapping: mapping.columns, ignoring: mapping.ignored, only: sheet)
        guard let table = found.tables.first else { return [] }
        let reader = readers[table.sheet]
        let order = try ImportJob.dateOrder(of: table, in: reader)
        let village = mapping.village.flatMap { try? RegionCode($0) }
        let parser = RowParser(table: table, asOf: asOf, references: references, scope: scope, chosenVillage: village, dateOrder: order, labels: mapping.labels)
        let firstData = (table.numberRow ?? table.headerRow) + 1
        var rows: [PreviewRow] = []
        do {
            try reader.forEachRow { original in
                guard original.number >= firstData, !original.isBlank else { return }
                if rows.count >= limit || FileScan.isEndMarker(original) { throw StopReading() }
                let parsed = parser.parse(original)
                let person = parsed.person?.person
                let household = parsed.family?.household
                let villageCode = parsed.person?.village ?? parsed.family?.village
                let villageName = villageCode.flatMap { references.tree[$0]?.name }
                let values: [String?] = [
                    household?.kkNumber ?? parsed.person?.family.kk ?? parsed.family?.key.kk,
                    person?.nik, person?.name, person?.sex?.label, person?.birthDate?.description, person?.relationship?.label,
                    villageCode.map { code in villageName.map { "\($0) (\(code.dotted))" } ?? code.dotted },
                    household?.address,
                ]
                let issue: (ImportIssue) -> String = { issue in (issue.column.map { "\($0): " } ?? "") + issue.message }
                rows.append(PreviewRow(row: original.number, values: zip(shownFields, values).map { ($0, $1 ?? "") },
                                       errors: parsed.issues.filter { $0.severity == .error }.map(issue),
                                       warnings: parsed.issues.filter { $0.severity == .warning }.map(issue)))
            }
        } catch is StopReading {}
        return rows
    }
}
