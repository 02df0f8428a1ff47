import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungSheets

/// A table a page shows, as a file: CSV (UTF-8 with BOM, comma-separated, decimal point) or XLSX (the table on its
/// first sheet with the header frozen, and a "Keterangan" sheet with the title, data date, source and notes).
/// Written by LumbungSheets' writers, so text a spreadsheet could run as a formula is neutralised (`FormulaGuard`).
/// Built only from figures as the reader may see them: a withheld figure is the text "<5" or "×".
struct ExportTable {
    let title: String
    let header: [String]
    let rows: [[Cell]]
    /// Lines of the "Keterangan" sheet: data date, source, method, weights.
    let notes: [String]
    /// The file name without extension, e.g. `indikator-52.03.01`.
    let fileName: String
    /// The names of the XLSX sheets: "Tabel" and "Keterangan", or "Table" and "Notes" in English.
    let tableSheet: String
    let notesSheet: String

    init(title: String, header: [String], rows: [[Cell]], notes: [String], fileName: String, texts: Catalogue = .of(.id)) {
        self.title = title
        self.header = header
        self.rows = rows
        self.notes = notes
        self.fileName = fileName
        tableSheet = texts["export_sheet_table"]
        notesSheet = texts["export_sheet_notes"]
    }

    enum Format: String {
        case csv, xlsx

        var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// A withheld figure, or the count.
    static func count(_ count: Int, _ suppression: CellSuppression.Reason?) -> Cell {
        suppression.map { .text($0.text) } ?? .number(count)
    }

    /// A withheld rate, the rate to two decimals, or empty when there is none.
    static func percent(_ percent: Double?, _ suppression: CellSuppression.Reason?) -> Cell {
        if let suppression { return .text(suppression.text) }
        return percent.map { .decimal($0, places: 2) } ?? .empty
    }

    func response(_ format: Format) throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lumbung-ekspor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(fileName).\(format.rawValue)")
        switch format {
        case .csv:
            let writer = try CSVTableWriter(url: file, byteOrderMark: true)
            try writer.write(header.map { .text($0) })
            for row in rows { try writer.write(row) }
            try writer.finish()
        case .xlsx:
            let widths = header.enumerated().map { index, name in index == 1 ? 30.0 : max(10.0, min(Double(name.count) + 2, 28)) }
            let writer = try XLSXTableWriter(url: file, sheetName: tableSheet, header: header.map { .text($0) }, columnWidths: widths, frozenRows: 1)
            try writer.write(header.map { .text($0) })
            for row in rows { try writer.write(row) }
            try writer.startSheet(named: notesSheet, columnWidths: [110])
            try writer.write([.text(title)])
            for note in notes { try writer.write([.text(note)]) }
            try writer.finish()
        }
        let data = try Data(contentsOf: file)
        return Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"\(fileName).\(format.rawValue)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
