import Foundation
import LumbungSheets

/// One generated file: its writer, its header, and the truth about its rows.
final class TableFile {
    let name: String
    let columns: [String]
    private let writer: any TableWriter
    private(set) var truth: Truth.File

    /// Creates the file in `folder` and writes any title block and the header.
    init(folder: URL, baseName: String, layout: SynthLayout, table: String, format: SynthFormat, columns: [String],
         title: [String] = [], delimiter: Character = ",", columnWidths: [Double] = []) throws {
        name = "\(baseName).\(format.rawValue)"
        self.columns = columns
        let url = folder.appendingPathComponent(name)
        let header = columns.map { Cell.text($0) }
        switch format {
        case .csv:
            writer = try CSVTableWriter(url: url, delimiter: delimiter)
        case .xlsx:
            writer = try XLSXTableWriter(url: url, sheetName: table.capitalized, header: header,
                                         columnWidths: columnWidths, frozenRows: title.count + 1)
        }
        for line in title { try writer.write(line.isEmpty ? [] : [.text(line)]) }
        try writer.write(header)
        truth = Truth.File(name: name, layout: layout, table: table, headerRow: writer.rowsWritten,
                           dataRows: 0, errorRows: 0, warningRows: 0, duplicateRows: 0)
    }

    /// Writes a data row and returns its row number.
    @discardableResult
    func write(_ row: [Cell]) throws -> Int {
        try writer.write(row)
        truth.dataRows += 1
        return writer.rowsWritten
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
