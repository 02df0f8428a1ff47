import Foundation
import LumbungDomain
import ZIPFoundation

/// Streams rows into an XLSX workbook that Excel and LibreOffice open without repair.
///
/// Rows go to worksheet XML files on disk as they come (inline strings, so no string table is held
/// in memory); `finish()` packs them into the ZIP container. A sheet holds at most 1,048,576 rows:
/// beyond that the writer starts another sheet and repeats the header there. Output is
/// deterministic: the same rows give the same bytes.
public final class XLSXTableWriter: TableWriter {
    public static let maxRowsPerSheet = 1_048_576

    private let url: URL
    private var sheetName: String
    private var header: [Cell]?
    private var columnWidths: [Double]
    private var frozenRows: Int
    /// The name of each sheet file, in order.
    private var sheetTitles: [String] = []
    /// Sheets started for the current named sheet (continuations included).
    private var sheetsOfName = 0
    private let rowsPerSheet: Int
    private let workFolder: URL
    private var sheetFiles: [URL] = []
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var rowInSheet = 0
    public private(set) var rowsWritten = 0

    /// - Parameters:
    ///   - header: repeated at the top of each continuation sheet; write it (after any title rows) yourself on the first.
    ///   - columnWidths: widths in characters, first column first.
    ///   - frozenRows: rows kept in view when scrolling (the title block and header).
    ///   - rowsPerSheet: rows before the writer continues on a new sheet (Excel's limit unless lowered for tests).
    public init(url: URL, sheetName: String, header: [Cell]? = nil, columnWidths: [Double] = [], frozenRows: Int = 0,
                rowsPerSheet: Int = XLSXTableWriter.maxRowsPerSheet) throws {
        self.rowsPerSheet = min(max(rowsPerSheet, 2), Self.maxRowsPerSheet)
        self.url = url
        self.sheetName = String(sheetName.prefix(28))
        self.header = header
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        workFolder = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).parts")
        try? FileManager.default.removeItem(at: workFolder)
        do {
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        buffer.reserveCapacity(1 << 20 + 4096)
        try startSheet()
    }

    public func write(_ row: [Cell]) throws {
        if rowInSheet == rowsPerSheet {
            try endSheet()
            try startSheet()
            if let header { try append(header) }
        }
        try append(row)
        rowsWritten += 1
    }

    public func finish() throws {
        try endSheet()
        try? FileManager.default.removeItem(at: url)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        try add(archive, "[Content_Types].xml", XLSXPackage.contentTypes(sheets: sheetFiles.count))
        try add(archive, "_rels/.rels", XLSXPackage.rootRelationships)
        try add(archive, "docProps/app.xml", XLSXPackage.appProperties)
        try add(archive, "xl/workbook.xml", XLSXPackage.workbook(sheetNames: sheetNames))
        try add(archive, "xl/_rels/workbook.xml.rels", XLSXPackage.workbookRelationships(sheets: sheetFiles.count))
        try add(archive, "xl/styles.xml", XLSXPackage.styles)
        for (index, file) in sheetFiles.enumerated() {
            let size = Int64(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0)
            let reader = try FileHandle(forReadingFrom: file)
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: size,
                modificationDate: XLSXPackage.fixedDate, compressionMethod: .deflate
            ) { position, chunk in
                try reader.seek(toOffset: UInt64(position))
                return try reader.read(upToCount: chunk) ?? Data()
            }
            try reader.close()
        }
        try FileManager.default.removeItem(at: workFolder)
    }

    private var sheetNames: [String] { sheetTitles }

    /// Ends the current sheet and starts another one named `name`, for a workbook of several tables (a
    /// family sheet, a member sheet …). Its rows are numbered from 1 again; write its title rows and header yourself.
    public func startSheet(named name: String, header: [Cell]? = nil, columnWidths: [Double] = [], frozenRows: Int = 0) throws {
        try endSheet()
        sheetName = String(name.prefix(28))
        self.header = header
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        sheetsOfName = 0
        rowsWritten = 0
        try startSheet()
    }

    private func add(_ archive: Archive, _ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             modificationDate: XLSXPackage.fixedDate, compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }
    }

    private func startSheet() throws {
        let file = workFolder.appendingPathComponent("sheet\(sheetFiles.count + 1).xml")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw SheetWriteError.cannotCreate(path: file.path)
        }
        sheetFiles.append(file)
        sheetsOfName += 1
        sheetTitles.append(sheetsOfName == 1 ? sheetName : "\(sheetName) (\(sheetsOfName))")
        handle = try FileHandle(forWritingTo: file)
        rowInSheet = 0
        var head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        head += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        let frozen = sheetsOfName == 1 ? frozenRows : (header == nil ? 0 : 1)
        if frozen > 0 {
            head += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(frozen)" topLeftCell="A\#(frozen + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        if !columnWidths.isEmpty {
            head += "<cols>"
            for (index, width) in columnWidths.enumerated() {
                head += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        buffer.append(contentsOf: head.utf8)
    }

    private func endSheet() throws {
        buffer.append(contentsOf: "</sheetData></worksheet>".utf8)
        try flush()
        try handle?.close()
        handle = nil
    }

    private func append(_ row: [Cell]) throws {
        guard row.count <= XLSXColumn.maxColumns else { throw SheetWriteError.tooManyColumns(row.count) }
        rowInSheet += 1
        let rowNumber = String(rowInSheet)
        buffer.append(contentsOf: "<row r=\"\(rowNumber)\">".utf8)
        for (index, cell) in row.enumerated() {
            let reference = XLSXColumn.name(index) + rowNumber
            switch cell {
            case .empty:
                continue
            case .text(let text):
                let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
                // An inline string is never evaluated; style 2 ("quote prefix") keeps `=…` text when a user edits the cell.
                let style = FormulaGuard.isFormulaLike(text) ? " s=\"\(XLSXPackage.quotePrefixStyle)\"" : ""
                buffer.append(contentsOf: "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t\(preserve ? " xml:space=\"preserve\"" : "")>".utf8)
                XMLText.append(text, to: &buffer)
                buffer.append(contentsOf: "</t></is></c>".utf8)
            case .number(let number):
                buffer.append(contentsOf: "<c r=\"\(reference)\"><v>\(number)</v></c>".utf8)
            case .decimal:
                let text = cell.csvText
                guard !text.isEmpty else { continue }
                buffer.append(contentsOf: "<c r=\"\(reference)\"><v>\(text)</v></c>".utf8)
            case .date(let date, _):
                buffer.append(contentsOf: "<c r=\"\(reference)\" s=\"1\"><v>\(date.excelSerial)</v></c>".utf8)
            }
        }
        buffer.append(contentsOf: "</row>".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
enum XLSXColumn {
    static let maxColumns = 16_384

    static func name(_ index: Int) -> String {
        var index = index
        var letters: [UInt8] = []
        repeat {
            letters.append(UInt8(ascii: "A") + UInt8(index % 26))
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// Escaping of text inside XML elements; characters XML 1.0 cannot hold are dropped.
enum XMLText {
    static func append(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
            case 9, 10, 13: buffer.append(byte)
            case 0..<32: continue
            default: buffer.append(byte)
            }
        }
    }

    static func escape(_ text: String) -> String {
        var buffer: [UInt8] = []
        append(text, to: &buffer)
        return String(decoding: buffer, as: UTF8.self).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
