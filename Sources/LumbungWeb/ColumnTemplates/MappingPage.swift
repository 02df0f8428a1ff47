import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets

/// The model of the mapping page (`/impor/petakan/{id}`): the sheet and header row found, each column with the field
/// it is read as (a <select> to change it) and three sample values, the values for the whole file, the problems of the
/// mapping, and the preview of a dry run.
struct MappingPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Column {
        let name: String
        let header: String
        let understood: String
        let confidence: String?
        let samples: String
        let options: [Option]
    }

    /// A label of a coded column (unknown to Lumbung, or mapped already) with the official value it is read as.
    struct LabelRow {
        let number: Int
        let column: Int
        let header: String
        let value: String
        let rows: String
        let options: [Option]
    }

    struct PreviewRow {
        let row: Int
        let cells: [String]
        let status: String
        let issues: [String]
    }

    let title: String
    let query = ""
    let csrf: String
    let id: String
    let fileName: String
    let sheet: String
    let headerRow: Int
    /// The workbook's sheets to choose from (only for a workbook of several), the one shown selected.
    let sheets: [Option]
    let hasSheets: Bool
    let sheetNumber: Int
    let templateChosen: String?
    let columns: [Column]
    let labelRows: [LabelRow]
    let hasLabels: Bool
    let desa: String
    let dataDate: String
    let templateName: String
    let problems: [String]
    let hasProblems: Bool
    let message: String?
    let previewHeaders: [String]
    let previewRows: [PreviewRow]
    let hasPreview: Bool
    let totals: [(label: String, value: String)]

    /// Every choice of a column's <select>: "abaikan", then the fields by their Indonesian label.
    static let fieldChoices: [(value: String, label: String)] = [(ColumnMapping.ignore, "— abaikan (tidak dibaca) —")]
        + ImportField.allCases.map { ($0.rawValue, "\($0.label) [\($0.rawValue)]") }

    static func text(_ value: SheetValue) -> String {
        let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// The labels to show for mapping: for each column read as a coded field, the labels already mapped for that field
    /// and the values the dry run found no official value for (at most 30 a column).
    static func labelRows(_ sheet: MappingSheet, fields: [ImportField?], labels: CodedLabels, unknown: [ImportReport.UnknownValues]) -> [LabelRow] {
        var rows: [LabelRow] = []
        var seenFields = Set<ImportField>()
        for column in sheet.columns {
            guard column.index < fields.count, let field = fields[column.index], let official = field.officialValues, !seenFields.contains(field) else { continue }
            seenFields.insert(field)
            let mapped = labels.labels[field] ?? [:]
            var values: [(String, String)] = mapped.keys.sorted().map { ($0, "") }
            for found in unknown where found.column == column.header {
                for value in found.values where mapped[value.value] == nil { values.append((value.value, "\(IndonesianNumber.format(value.rows)) baris")) }
            }
            for (value, count) in values.prefix(30) {
                let chosen = mapped[value] ?? ""
                rows.append(LabelRow(number: rows.count, column: column.index, header: column.header, value: value, rows: count,
                                     options: [Option(value: "", label: "— biarkan kosong (tidak dikenal) —", selected: chosen.isEmpty)]
                                         + official.map { Option(value: $0.label, label: "\($0.label) [\($0.code)]", selected: $0.label == chosen) }))
            }
        }
        return rows
    }

    /// The labels a form sends (`nilai_N` the file's text, `nilaikolom_N` its column, `label_N` the official value chosen),
    /// read for the fields the columns are now mapped to; a label left blank or for a column no longer coded is dropped.
    static func labels(from form: [String: String], fields: [ImportField?]) -> CodedLabels {
        var labels: [ImportField: [String: String]] = [:]
        for number in 0..<500 {
            guard let text = form["nilai_\(number)"] else { break }
            guard let column = form["nilaikolom_\(number)"].flatMap({ Int($0) }), column >= 0, column < fields.count, let field = fields[column],
                  let chosen = form["label_\(number)"], let official = field.officialLabel(chosen) else { continue }
            labels[field, default: [:]][text] = official
        }
        return CodedLabels(labels)
    }

    init(id: String, csrf: String, sheet: MappingSheet, fields: [ImportField?], desa: String, dataDate: String, templateName: String,
         templateChosen: String?, problems: [String], message: String?, preview: [LumbungImport.PreviewRow]?, report: ImportReport?,
         labels: CodedLabels = CodedLabels()) {
        self.id = id
        self.csrf = csrf
        fileName = sheet.fileName
        title = "Petakan kolom \(sheet.fileName) — Lumbung"
        self.sheet = sheet.sheetName.map { "lembar «\($0)»" + (sheet.sheetNames.count > 1 ? " (dari \(sheet.sheetNames.count) lembar)" : "") } ?? "berkas"
        headerRow = sheet.headerRow
        sheets = sheet.sheetNames.count > 1
            ? sheet.sheetNames.enumerated().map { Option(value: String($0.offset + 1), label: $0.element, selected: $0.offset == sheet.sheetIndex) } : []
        hasSheets = !sheets.isEmpty
        sheetNumber = sheet.sheetIndex + 1
        self.templateChosen = templateChosen
        columns = sheet.columns.map { column in
            let chosen = column.index < fields.count ? fields[column.index]?.rawValue ?? ColumnMapping.ignore : ColumnMapping.ignore
            return Column(name: "kolom_\(column.index)", header: column.header, understood: column.understood?.label ?? "tidak dikenal",
                          confidence: column.understood == nil ? nil : column.confidence.label,
                          samples: column.samples.map(Self.text).joined(separator: " · "),
                          options: Self.fieldChoices.map { Option(value: $0.value, label: $0.label, selected: $0.value == chosen) })
        }
        labelRows = Self.labelRows(sheet, fields: fields, labels: labels, unknown: report?.unknownValues ?? [])
        hasLabels = !labelRows.isEmpty
        self.desa = desa
        self.dataDate = dataDate
        self.templateName = templateName
        self.problems = problems
        hasProblems = !problems.isEmpty
        self.message = message
        previewHeaders = MappingPreview.shownFields
        previewRows = (preview ?? []).map { row in
            PreviewRow(row: row.row, cells: row.values.map(\.value), status: row.rejected ? "ditolak" : row.warnings.isEmpty ? "baik" : "peringatan",
                       issues: row.errors.map { "Galat: " + $0 } + row.warnings.map { "Peringatan: " + $0 })
        }
        hasPreview = preview != nil
        totals = report.map { report in
            [("Baris dibaca", report.rowsRead), ("Akan menjadi data baru", report.inserted), ("Akan memperbarui", report.updated),
             ("Tidak berubah", report.unchanged), ("Duplikat digabung", report.merged), ("Akan ditolak", report.rejected),
             ("Dilewati (bukan data)", report.skipped), ("Disimpan dengan peringatan", report.warned)]
                .map { ($0.0, IndonesianNumber.format($0.1)) }
        } ?? []
    }
}
