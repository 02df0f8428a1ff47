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
        let samples: String
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
    let templateChosen: String?
    let columns: [Column]
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

    init(id: String, csrf: String, sheet: MappingSheet, fields: [ImportField?], desa: String, dataDate: String, templateName: String,
         templateChosen: String?, problems: [String], message: String?, preview: [LumbungImport.PreviewRow]?, report: ImportReport?) {
        self.id = id
        self.csrf = csrf
        fileName = sheet.fileName
        title = "Petakan kolom \(sheet.fileName) — Lumbung"
        self.sheet = sheet.sheetName.map { "lembar «\($0)»" + (sheet.sheetNames.count > 1 ? " (dari \(sheet.sheetNames.count) lembar)" : "") } ?? "berkas"
        headerRow = sheet.headerRow
        self.templateChosen = templateChosen
        columns = sheet.columns.map { column in
            let chosen = column.index < fields.count ? fields[column.index]?.rawValue ?? ColumnMapping.ignore : ColumnMapping.ignore
            return Column(name: "kolom_\(column.index)", header: column.header, understood: column.understood?.label ?? "tidak dikenal",
                          samples: column.samples.map(Self.text).joined(separator: " · "),
                          options: Self.fieldChoices.map { Option(value: $0.value, label: $0.label, selected: $0.value == chosen) })
        }
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
