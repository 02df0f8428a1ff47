import Foundation
import LumbungDomain
import LumbungSheets

/// The tables of a multi-sheet export (a family sheet, a member sheet …), written family by family.
///
/// In XLSX they become one workbook: each sheet's rows go to a spool file as they come and are copied into the
/// workbook sheet after sheet at the end (a workbook is written one sheet at a time). In CSV each sheet is a
/// file of its own, `<base>-<table>.csv`.
final class SheetSet {
    /// One sheet: its table name (`anggota`), the sheet name a user sees, its columns and widths.
    struct Sheet {
        let table: String
        let title: String
        let columns: [String]
        var columnWidths: [Double] = []
    }

    let files: [TableFile]
    private let sheets: [Sheet]
    private let spools: [SpoolWriter]
    private let workbook: URL?
    private let workbookFormat: WorkbookFormat?

    init(folder: URL, baseName: String, layout: SynthLayout, format: SynthFormat, sheets: [Sheet]) throws {
        self.sheets = sheets
        workbookFormat = format.workbook
        switch format {
        case .csv:
            workbook = nil
            spools = []
            files = try sheets.map { sheet in
                let name = "\(baseName)-\(sheet.table).csv"
                return try TableFile(writer: CSVTableWriter(url: folder.appendingPathComponent(name)), name: name,
                                     layout: layout, table: sheet.table, columns: sheet.columns)
            }
        case .xlsx, .ods, .xls:
            let name = "\(baseName).\(format.rawValue)"
            let url = folder.appendingPathComponent(name)
            workbook = url
            spools = try sheets.indices.map { try SpoolWriter(url: folder.appendingPathComponent(".\(name).spool\($0)")) }
            files = try zip(sheets, spools).map { sheet, spool in
                try TableFile(writer: spool, name: name, layout: layout, table: sheet.table, columns: sheet.columns, sheet: sheet.title)
            }
        }
    }

    /// Completes every sheet (and, in XLSX, assembles the workbook) and hands over their truths.
    func finish() throws -> [Truth.File] {
        for file in files { try file.finish() }
        if let workbook, let workbookFormat {
            let first = sheets[0]
            let writer = try workbookFormat.writer(url: workbook, sheetName: first.title, header: first.columns.map { Cell.text($0) },
                                                   columnWidths: first.columnWidths, frozenRows: 1)
            for (index, (sheet, spool)) in zip(sheets, spools).enumerated() {
                if index > 0 {
                    try writer.startSheet(named: sheet.title, header: sheet.columns.map { Cell.text($0) },
                                          columnWidths: sheet.columnWidths, frozenRows: 1)
                }
                try spool.replay { try writer.write($0) }
                try spool.remove()
            }
            try writer.finish()
        }
        return files.map(\.truth)
    }
}

/// Rows kept in a temporary file, to be copied into a workbook later: one line per row, cells separated by
/// U+001F, each cell a type letter (`e` empty, `t` text, `n` number, `d` date serial and text) and its value.
final class SpoolWriter: TableWriter {
    private let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rowsWritten = 0

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw SheetWriteError.cannotCreate(path: url.path) }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ row: [Cell]) throws {
        for (index, cell) in row.enumerated() {
            if index > 0 { buffer.append(0x1F) }
            switch cell {
            case .empty: buffer.append(UInt8(ascii: "e"))
            case .text(let text):
                buffer.append(UInt8(ascii: "t"))
                buffer.append(contentsOf: text.utf8.filter { $0 != 0x1F && $0 != 0x1E && $0 != 0x0A })
            case .number(let number):
                buffer.append(UInt8(ascii: "n"))
                buffer.append(contentsOf: String(number).utf8)
            case .decimal:
                buffer.append(UInt8(ascii: "t"))
                buffer.append(contentsOf: cell.csvText.utf8)
            case .date(let date, let text):
                buffer.append(UInt8(ascii: "d"))
                buffer.append(contentsOf: String(date.excelSerial).utf8)
                buffer.append(0x1E)
                buffer.append(contentsOf: text.utf8)
            }
        }
        buffer.append(0x0A)
        rowsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func finish() throws {
        try flush()
        try handle.close()
    }

    /// Reads the rows back in order.
    func replay(_ body: ([Cell]) throws -> Void) throws {
        let data = try Data(contentsOf: url)
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            if line.isEmpty { try body([]); continue }
            let cells = line.split(separator: 0x1F, omittingEmptySubsequences: false).map { field -> Cell in
                let value = String(decoding: field.dropFirst(), as: UTF8.self)
                switch field.first {
                case UInt8(ascii: "t"): return .text(value)
                case UInt8(ascii: "n"): return Int(value).map(Cell.number) ?? .text(value)
                case UInt8(ascii: "d"):
                    let parts = value.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
                    guard let serial = Int(parts[0]), let date = CalendarDate(excelSerial: serial) else { return .text(value) }
                    return .date(date, text: parts.count > 1 ? String(parts[1]) : "")
                default: return .empty
                }
            }
            try body(cells)
        }
    }

    func remove() throws {
        try FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
