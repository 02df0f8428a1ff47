import Foundation
import LumbungSheets

/// Which column holds which field, found from the header row (or given by a mapping file).
public struct ColumnMap: Sendable {
    /// Field → column index.
    public let columns: [ImportField: Int]
    /// The fields some column holds (`columns`' keys), kept as a set: asked several times for every row.
    public let fields: Set<ImportField>
    /// The header cells as the file spells them.
    public let header: [String]
    /// Columns whose header names a field an earlier column already holds: (field, the column used, the one ignored).
    public let duplicates: [(field: ImportField, used: Int, ignored: Int)]
    /// Labels of coded columns a person mapped to official values (a mapping's `labels`): read as those values.
    public internal(set) var labels = CodedLabels()

    /// Matches each header cell against the known spellings (a user mapping first).
    public init(header: [String], mapping: [String: ImportField] = [:], ignoring ignored: [String] = []) {
        self.header = header
        let ignored = Set(ignored.map(HeaderName.normalize))
        var columns: [ImportField: Int] = [:]
        var duplicates: [(ImportField, Int, Int)] = []
        let normalizedMapping = Dictionary(mapping.map { (HeaderName.normalize($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (index, cell) in header.enumerated() {
            let key = HeaderName.normalize(cell)
            guard !key.isEmpty, !ignored.contains(key), let field = normalizedMapping[key] ?? Self.field(of: cell, key: key) else { continue }
            if let used = columns[field] {
                duplicates.append((field, used, index))
            } else {
                columns[field] = index
            }
        }
        self.columns = columns
        fields = Set(columns.keys)
        self.duplicates = duplicates
    }

    /// The field a header names: by its spelling, by a Regsosek question number it begins with (`409. Hubungan …`), or
    /// by its spelling after such a number (`110. Alamat`).
    static func field(of cell: String, key: String) -> ImportField? {
        if let field = ImportField.bySynonym[key] { return field }
        guard let (question, rest) = HeaderName.questionCode(cell) else { return nil }
        return ImportField.regsosekQuestions[question] ?? ImportField.bySynonym[HeaderName.normalize(String(rest))]
    }

    func value(_ field: ImportField, in row: SheetRow) -> SheetValue {
        guard let index = columns[field] else { return .empty }
        return labels.isEmpty ? row[index] : labels.apply(field, to: row[index])
    }

    /// The header of the column holding `field`, for issue messages.
    func name(_ field: ImportField) -> String {
        columns[field].map { header[$0] } ?? field.rawValue
    }

    /// Every non-blank header with the field it was understood as (`nil`: not used).
    public var understood: [(header: String, field: ImportField?)] {
        let byIndex = Dictionary(uniqueKeysWithValues: columns.map { ($0.value, $0.key) })
        return header.enumerated().compactMap { index, cell in
            cell.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (cell, byIndex[index])
        }
    }
}

/// A user's mapping file: which layout to read a file as, which of its headers mean which field (`abaikan`: not
/// read), and values for every row (`ColumnMapping`).
///
/// ```json
/// {"layout": "dtsen-individu", "columns": {"Nomor Induk": "nik", "Nama Lengkap": "nama", "No KK": "no_kk"}}
/// ```
/// Field names are those of `ImportField` (`nik`, `no_kk`, `nama`, `jenis_kelamin`, `tanggal_lahir`, …).
public enum ColumnMappingFile {
    /// Reads and checks a mapping file.
    public static func load(_ url: URL) throws -> ColumnMapping {
        guard let data = try? Data(contentsOf: url) else {
            throw ImportError.badMapping(file: url.lastPathComponent, reason: "it does not exist or cannot be read")
        }
        return try ColumnMapping.decode(data, source: url.lastPathComponent)
    }
}
