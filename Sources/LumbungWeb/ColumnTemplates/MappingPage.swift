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
        let ariaLabel: String
    }

    /// A label of a coded column (unknown to Lumbung, or mapped already) with the official value it is read as.
    struct LabelRow {
        let number: Int
        let column: Int
        let header: String
        let value: String
        let rows: String
        let options: [Option]
        let ariaLabel: String
    }

    struct PreviewRow {
        let row: Int
        let cells: [String]
        /// `ditolak`, `baik`, `peringatan` (the row's class), and the same in the page's language.
        let status: String
        let statusLabel: String
        let issues: [String]
    }

    let title: String
    let heading: String
    /// "Dibaca dari lembar «…»; judul kolom ditemukan di baris 3. … Tekan".
    let lead: String
    let templateNote: String?
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
    static func fieldChoices(_ texts: Catalogue) -> [(value: String, label: String)] {
        [(ColumnMapping.ignore, texts["mapping_ignore"])] + ImportField.allCases.map { ($0.rawValue, "\($0.label) [\($0.rawValue)]") }
    }

    static func text(_ value: SheetValue) -> String {
        let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// The labels to show for mapping: for each column read as a coded field, the labels already mapped for that field
    /// and the values the dry run found no official value for (at most 30 a column).
    static func labelRows(_ sheet: MappingSheet, fields: [ImportField?], labels: CodedLabels, unknown: [ImportReport.UnknownValues],
                          texts: Catalogue = .of(.id)) -> [LabelRow] {
        var rows: [LabelRow] = []
        var seenFields = Set<ImportField>()
        for column in sheet.columns {
            guard column.index < fields.count, let field = fields[column.index], let official = field.officialValues, !seenFields.contains(field) else { continue }
            seenFields.insert(field)
            let mapped = labels.labels[field] ?? [:]
            var values: [(String, String)] = mapped.keys.sorted().map { ($0, "") }
            for found in unknown where found.column == column.header {
                for value in found.values where mapped[value.value] == nil { values.append((value.value, texts("mapping_rows", ["count": texts.number(value.rows)]))) }
            }
            for (value, count) in values.prefix(30) {
                let chosen = mapped[value] ?? ""
                rows.append(LabelRow(number: rows.count, column: column.index, header: column.header, value: value, rows: count,
                                     options: [Option(value: "", label: texts["mapping_leave_empty"], selected: chosen.isEmpty)]
                                         + official.map { Option(value: $0.label, label: "\($0.label) [\($0.code)]", selected: $0.label == chosen) },
                                     ariaLabel: texts("mapping_value_read_as", ["header": column.header, "value": value])))
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
         labels: CodedLabels = CodedLabels(), texts: Catalogue = .of(.id)) {
        self.id = id
        self.csrf = csrf
        fileName = sheet.fileName
        heading = texts("mapping_heading", ["file": sheet.fileName])
        title = heading + " — Lumbung"
        self.sheet = sheet.sheetName.map {
            texts("mapping_sheet_named", ["name": $0]) + (sheet.sheetNames.count > 1 ? " " + texts("mapping_sheet_of", ["count": String(sheet.sheetNames.count)]) : "")
        } ?? texts["mapping_file"]
        headerRow = sheet.headerRow
        lead = texts("mapping_lead_before", ["sheet": self.sheet, "row": String(sheet.headerRow)])
        templateNote = templateChosen.map { texts("mapping_template_chosen", ["name": $0]) }
        let fieldChoices = Self.fieldChoices(texts)
        sheets = sheet.sheetNames.count > 1
            ? sheet.sheetNames.enumerated().map { Option(value: String($0.offset + 1), label: $0.element, selected: $0.offset == sheet.sheetIndex) } : []
        hasSheets = !sheets.isEmpty
        sheetNumber = sheet.sheetIndex + 1
        self.templateChosen = templateChosen
        columns = sheet.columns.map { column in
            let chosen = column.index < fields.count ? fields[column.index]?.rawValue ?? ColumnMapping.ignore : ColumnMapping.ignore
            return Column(name: "kolom_\(column.index)", header: column.header, understood: column.understood?.label ?? texts["mapping_not_recognised"],
                          confidence: column.understood == nil ? nil : column.confidence.label,
                          samples: column.samples.map(Self.text).joined(separator: " · "),
                          options: fieldChoices.map { Option(value: $0.value, label: $0.label, selected: $0.value == chosen) },
                          ariaLabel: texts("mapping_read_as", ["header": column.header]))
        }
        labelRows = Self.labelRows(sheet, fields: fields, labels: labels, unknown: report?.unknownValues ?? [], texts: texts)
        hasLabels = !labelRows.isEmpty
        self.desa = desa
        self.dataDate = dataDate
        self.templateName = templateName
        self.problems = problems
        hasProblems = !problems.isEmpty
        self.message = message
        previewHeaders = MappingPreview.shownFields
        previewRows = (preview ?? []).map { row in
            let status = row.rejected ? "ditolak" : row.warnings.isEmpty ? "baik" : "peringatan"
            let statusKey = row.rejected ? "mapping_status_rejected" : row.warnings.isEmpty ? "mapping_status_good" : "mapping_status_warning"
            return PreviewRow(row: row.row, cells: row.values.map(\.value), status: status, statusLabel: texts[statusKey],
                              issues: row.errors.map { texts("mapping_error", ["text": $0]) } + row.warnings.map { texts("mapping_warning", ["text": $0]) })
        }
        hasPreview = preview != nil
        totals = report.map { report in
            [("mapping_total_read", report.rowsRead), ("mapping_total_new", report.inserted), ("mapping_total_updated", report.updated),
             ("mapping_total_unchanged", report.unchanged), ("mapping_total_merged", report.merged), ("mapping_total_rejected", report.rejected),
             ("mapping_total_skipped", report.skipped), ("mapping_total_warned", report.warned)]
                .map { (texts[$0.0], texts.number($0.1)) }
        } ?? []
    }
}
