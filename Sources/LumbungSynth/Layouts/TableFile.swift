import Foundation
import LumbungSheets

/// One generated file (or one sheet of a workbook): its writer, its header, and the truth about its rows.
final class TableFile {
    let name: String
    let columns: [String]
    private let writer: any TableWriter
    private(set) var truth: Truth.File

    /// Creates the file in `folder` and writes any title block and the header.
    convenience init(folder: URL, baseName: String, layout: SynthLayout, table: String, format: SynthFormat, columns: [String],
                     title: [String] = [], delimiter: Character = ",", columnWidths: [Double] = []) throws {
        let name = "\(baseName).\(format.rawValue)"
        let url = folder.appendingPathComponent(name)
        let writer: any TableWriter = if let workbook = format.workbook {
            try workbook.writer(url: url, sheetName: table.capitalized, header: columns.map { Cell.text($0) },
                                columnWidths: columnWidths, frozenRows: title.count + 1)
        } else {
            try CSVTableWriter(url: url, delimiter: delimiter)
        }
        try self.init(writer: writer, name: name, layout: layout, table: table, columns: columns, title: title)
    }

    /// A table written through `writer` (a sheet of a workbook: `sheet` names it in the truth).
    init(writer: any TableWriter, name: String, layout: SynthLayout, table: String, columns: [String], title: [String] = [],
         sheet: String? = nil) throws {
        self.name = name
        self.columns = columns
        self.writer = writer
        for line in title { try writer.write(line.isEmpty ? [] : [.text(line)]) }
        try writer.write(columns.map { Cell.text($0) })
        truth = Truth.File(name: name, layout: layout, table: table, headerRow: writer.rowsWritten,
                           dataRows: 0, errorRows: 0, warningRows: 0, duplicateRows: 0, sheet: sheet)
    }

    /// Writes a row right under the header that is not data (column numbers, question codes).
    func writeBelowHeader(_ row: [Cell]) throws {
        precondition(truth.dataRows == 0, "rows below the header come before the data")
        try writer.write(row)
        truth.firstDataRow = writer.rowsWritten + 1
    }

    /// Writes rows after the data that are not data (an end marker and instructions).
    func writeTrailer(_ rows: [[Cell]]) throws {
        for row in rows { try writer.write(row) }
        truth.trailingRows = (truth.trailingRows ?? 0) + rows.count
    }

    /// Writes a data row and returns its row number.
    @discardableResult
    func write(_ row: [Cell]) throws -> Int {
        try writer.write(row)
        truth.dataRows += 1
        return writer.rowsWritten
    }

    /// Counts a data row of a person who is not a resident (already written with `write`).
    func countNonResident() {
        truth.nonResidentRows = (truth.nonResidentRows ?? 0) + 1
    }

    /// Says how the file's text dates are ordered.
    func setDateOrder(_ order: String) {
        truth.dateOrder = order
    }

    func count(_ severity: FaultSeverity) {
        switch severity {
        case .error: truth.errorRows += 1
        case .warning: truth.warningRows += 1
        case .duplicate: truth.duplicateRows += 1
        }
    }

    func finish() throws {
        try writer.finish()
    }
}
