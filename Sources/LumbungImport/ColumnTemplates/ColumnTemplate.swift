import Foundation
import LumbungDomain

/// What a person said about a file's columns: which header means which field, which headers to leave alone
/// ("abaikan"), and the values of columns the file lacks, for every row (its desa, the data date).
///
/// Its JSON is the mapping file of `lumbung import --mapping` and of `lumbung mapping export`:
/// ```json
/// {"layout": "dtsen-individu", "columns": {"Nomor Induk": "nik", "Nama Lengkap": "nama", "Catatan": "abaikan"},
///  "values": {"desa": "52.03.01.2001", "tanggal_data": "2025-06-30"},
///  "labels": {"pendidikan": {"S1 Hukum": "Diploma IV/Strata I"}}}
/// ```
public struct ColumnMapping: Sendable, Equatable {
    /// The word that leaves a column unread, in a mapping file and on the mapping page.
    public static let ignore = "abaikan"

    public var layout: String?
    /// Header as the file spells it → field.
    public var columns: [String: ImportField]
    /// Headers whose column is not read, even when its name is one Lumbung knows.
    public var ignored: [String]
    /// The desa (Kemendagri code) of every row, for a file without region columns.
    public var village: String?
    /// The date the data is as of (yyyy-mm-dd).
    public var dataDate: String?
    /// The file's own labels of coded columns, each read as an official value ('S1 Hukum' → Diploma IV/Strata I).
    public var labels: CodedLabels

    public init(layout: String? = nil, columns: [String: ImportField] = [:], ignored: [String] = [], village: String? = nil, dataDate: String? = nil,
                labels: [ImportField: [String: String]] = [:]) {
        self.layout = layout
        self.columns = columns
        self.ignored = ignored
        self.village = village
        self.dataDate = dataDate
        self.labels = CodedLabels(labels)
    }

    /// Every header the mapping names (mapped or ignored), as written.
    public var headers: [String] { (Array(columns.keys) + ignored).sorted() }

    private struct File: Codable {
        var layout: String?
        var columns: [String: String]
        var values: [String: String]?
        var labels: [String: [String: String]]?
    }

    /// Reads a mapping's JSON; `source` names it in messages (a file name or a template name).
    public static func decode(_ data: Data, source: String) throws -> ColumnMapping {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ImportError.badMapping(file: source, reason: "it is not JSON of the form {\"layout\": …, \"columns\": {\"header\": \"field\"}}")
        }
        var mapping = ColumnMapping(layout: file.layout?.isEmpty == true ? nil : file.layout)
        for (header, fieldName) in file.columns {
            if fieldName.lowercased() == ignore {
                mapping.ignored.append(header)
                continue
            }
            guard let field = ImportField(rawValue: fieldName) else {
                let known = ImportField.allCases.map(\.rawValue).joined(separator: ", ")
                throw ImportError.badMapping(file: source, reason: "'\(fieldName)' is no field; known fields: \(known), or \(ignore)")
            }
            mapping.columns[header] = field
        }
        mapping.ignored.sort()
        for (key, value) in file.values ?? [:] {
            switch key {
            case "desa":
                guard let code = try? RegionCode(value), code.depth == 4 else {
                    throw ImportError.badMapping(file: source, reason: "desa '\(value)' is not a desa/kelurahan code (10 digits, e.g. 52.01.01.2002)")
                }
                mapping.village = code.dotted
            case "tanggal_data":
                guard CalendarDate(iso: value) != nil else {
                    throw ImportError.badMapping(file: source, reason: "tanggal_data '\(value)' is not a date (yyyy-mm-dd)")
                }
                mapping.dataDate = value
            default: throw ImportError.badMapping(file: source, reason: "'\(key)' is no value a mapping can give; use desa or tanggal_data")
            }
        }
        var labels: [ImportField: [String: String]] = [:]
        for (fieldName, map) in file.labels ?? [:] {
            guard let field = ImportField(rawValue: fieldName), field.officialValues != nil else {
                let coded = ImportField.allCases.filter { $0.officialValues != nil }.map(\.rawValue).joined(separator: ", ")
                throw ImportError.badMapping(file: source, reason: "labels: '\(fieldName)' is no coded field; coded fields: \(coded)")
            }
            for (text, target) in map {
                guard let official = field.officialLabel(target) else {
                    let known = (field.officialValues ?? []).map(\.label).joined(separator: ", ")
                    throw ImportError.badMapping(file: source, reason: "labels: '\(target)' (for '\(text)') is no official value of \(fieldName); known: \(known)")
                }
                labels[field, default: [:]][text] = official
            }
        }
        mapping.labels = CodedLabels(labels)
        return mapping
    }

    /// A mapping sent as a plain JSON object of header → field (`{"Nomor Kartu": "no_kk", "Catatan": "abaikan"}`), or in the
    /// mapping file's form (`{"columns": {…}}`).
    public static func decodeObject(_ data: Data, source: String) throws -> ColumnMapping {
        if let plain = try? JSONDecoder().decode([String: String].self, from: data), plain["columns"] == nil {
            let encoder = JSONEncoder()
            guard let wrapped = try? encoder.encode(File(layout: nil, columns: plain, values: nil, labels: nil)) else {
                throw ImportError.badMapping(file: source, reason: "it is not a JSON object of header → field")
            }
            return try decode(wrapped, source: source)
        }
        return try decode(data, source: source)
    }

    /// The mapping's JSON (keys sorted, so the same mapping always gives the same text).
    public func encoded() -> Data {
        var columns = self.columns.mapValues(\.rawValue)
        for header in ignored { columns[header] = Self.ignore }
        var values: [String: String] = [:]
        if let village { values["desa"] = village }
        if let dataDate { values["tanggal_data"] = dataDate }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let labels = Dictionary(self.labels.labels.filter { !$0.value.isEmpty }.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a })
        return (try? encoder.encode(File(layout: layout, columns: columns, values: values.isEmpty ? nil : values,
                                         labels: labels.isEmpty ? nil : labels))) ?? Data("{}".utf8)
    }

    /// The JSON of the values only (`{"desa": …, "tanggal_data": …}`), as a template stores them.
    public var valuesJSON: String {
        var values: [String: String] = [:]
        if let village { values["desa"] = village }
        if let dataDate { values["tanggal_data"] = dataDate }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(values)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// A saved mapping ("templat kolom"): named, owned by an organisation, with the signature of the header row it
/// was made for, so that the next file with the same headers finds it.
public struct ColumnTemplate: Sendable, Equatable {
    public var name: String
    public var organisation: String?
    public var signature: String
    public var mapping: ColumnMapping

    public init(name: String, organisation: String? = nil, signature: String, mapping: ColumnMapping) {
        self.name = name
        self.organisation = organisation
        self.signature = signature
        self.mapping = mapping
    }

    /// The headers a template reads, compared normalised (case, spaces and punctuation ignored).
    public var mappedHeaders: [String] { mapping.columns.keys.sorted() }
}

/// Which saved mapping fits a file: pure, from header names only.
public enum ColumnTemplateFit {
    /// The signature of a header row: its non-blank header names normalised (`HeaderName.normalize`), each once,
    /// sorted and joined by `|`. Two files whose headers differ only in order, case or spacing have the same one.
    public static func signature(of header: [String]) -> String {
        Set(header.map(HeaderName.normalize).filter { !$0.isEmpty }).sorted().joined(separator: "|")
    }

    /// The headers `template` maps that `header` lacks (as the template spells them), sorted; empty when it fits.
    public static func missing(_ template: ColumnTemplate, in header: [String]) -> [String] {
        let present = Set(header.map(HeaderName.normalize))
        return template.mappedHeaders.filter { !present.contains(HeaderName.normalize($0)) }
    }

    /// The template for a file with this header row: of those that fit (every header they map is present), one
    /// made for exactly these headers first, then the one that maps the most of them, then by name.
    public static func pick(_ templates: [ColumnTemplate], for header: [String]) -> ColumnTemplate? {
        pick(templates, inFirstRowsOf: [header])
    }

    /// The template a file is read with when none was named — the one rule of the mapping page, `lumbung import` and
    /// the API: of the templates one of the file's first rows (`rows`: the first 30 of every sheet) holds every mapped
    /// header of, one made for exactly one of those rows first, then the one that maps the most headers, then by name.
    public static func pick(_ templates: [ColumnTemplate], inFirstRowsOf rows: [[String]]) -> ColumnTemplate? {
        let signatures = Set(rows.map { signature(of: $0) })
        return templates.filter { !$0.mapping.columns.isEmpty && missing($0, inFirstRowsOf: rows).isEmpty }.min { a, b in
            let exactA = signatures.contains(a.signature), exactB = signatures.contains(b.signature)
            if exactA != exactB { return exactA }
            if a.mapping.columns.count != b.mapping.columns.count { return a.mapping.columns.count > b.mapping.columns.count }
            return a.name.lowercased() < b.name.lowercased()
        }
    }

    /// The template `file` is read with when none was named (`pick(_:inFirstRowsOf:)` over its first rows).
    public static func pick(_ templates: [ColumnTemplate], forFile file: URL) throws -> ColumnTemplate? {
        guard !templates.isEmpty else { return nil }
        return pick(templates, inFirstRowsOf: try TableScan.firstRows(of: TableScan.readers(for: file)))
    }

    /// The headers `template` maps that no row of the first 30 of any sheet holds all of: those missing from the row
    /// that holds the most of them. Empty when one row holds them all.
    public static func missing(_ template: ColumnTemplate, inFirstRowsOf rows: [[String]]) -> [String] {
        var best: [String]?
        for row in rows {
            let missing = missing(template, in: row)
            if best == nil || missing.count < best?.count ?? 0 { best = missing }
            if missing.isEmpty { return [] }
        }
        return best ?? template.mappedHeaders
    }
}
