import Foundation
import LumbungDomain
import ZIPFoundation

/// A workbook writer of several sheets: XLSX, ODS or XLS (`WorkbookFormat`). A sheet past the format's row limit
/// continues on the next sheet, its header repeated.
public protocol WorkbookTableWriter: TableWriter {
    /// Ends the current sheet and starts another one named `name`; write its title rows and header yourself.
    func startSheet(named name: String, header: [Cell]?, columnWidths: [Double], frozenRows: Int) throws
}

extension XLSXTableWriter: WorkbookTableWriter {}

/// The spreadsheet formats Lumbung writes workbooks in.
public enum WorkbookFormat: String, Sendable, CaseIterable {
    case xlsx, ods, xls

    /// A writer of this format at `url`, its first sheet named `sheetName` (`header` repeated on continuation sheets).
    public func writer(url: URL, sheetName: String, header: [Cell]? = nil, columnWidths: [Double] = [], frozenRows: Int = 0,
                       rowsPerSheet: Int? = nil) throws -> any WorkbookTableWriter {
        switch self {
        case .xlsx:
            try XLSXTableWriter(url: url, sheetName: sheetName, header: header, columnWidths: columnWidths, frozenRows: frozenRows,
                                rowsPerSheet: rowsPerSheet ?? XLSXTableWriter.maxRowsPerSheet)
        case .ods:
            try ODSTableWriter(url: url, sheetName: sheetName, header: header, rowsPerSheet: rowsPerSheet ?? ODSTableWriter.maxRowsPerSheet)
        case .xls:
            try XLSTableWriter(url: url, sheetName: sheetName, header: header, rowsPerSheet: rowsPerSheet ?? XLSTableWriter.maxRowsPerSheet)
        }
    }
}

/// Streams rows into an OpenDocument spreadsheet (.ods) that LibreOffice opens: each sheet's rows go to a file
/// on disk as they come; `finish()` joins them into content.xml and packs it (the `mimetype` entry first and
/// stored, as ODF requires). Text cells keep their spaces (`text:s`), tabs and line breaks; numbers are floats;
/// dates are date cells shown dd/mm/yyyy. Output is deterministic.
public final class ODSTableWriter: WorkbookTableWriter {
    /// LibreOffice Calc's row limit.
    public static let maxRowsPerSheet = 1_048_576

    private let url: URL
    private let workFolder: URL
    private let rowsPerSheet: Int
    private var sheetName: String
    private var header: [Cell]?
    private var sheetsOfName = 0
    private var sheets: [(title: String, file: URL, columns: Int)] = []
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var rowInSheet = 0
    private var columnsInSheet = 1
    public private(set) var rowsWritten = 0

    public init(url: URL, sheetName: String, header: [Cell]? = nil, rowsPerSheet: Int = ODSTableWriter.maxRowsPerSheet) throws {
        self.url = url
        self.sheetName = sheetName
        self.header = header
        self.rowsPerSheet = min(max(rowsPerSheet, 2), Self.maxRowsPerSheet)
        workFolder = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).parts")
        try? FileManager.default.removeItem(at: workFolder)
        do {
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        try openSheet()
    }

    public func write(_ row: [Cell]) throws {
        if rowInSheet == rowsPerSheet {
            try closeSheet()
            try openSheet()
            if let header { try append(header) }
        }
        try append(row)
        rowsWritten += 1
    }

    public func startSheet(named name: String, header: [Cell]? = nil, columnWidths: [Double] = [], frozenRows: Int = 0) throws {
        try closeSheet()
        sheetName = name
        self.header = header
        sheetsOfName = 0
        rowsWritten = 0
        try openSheet()
    }

    public func finish() throws {
        try closeSheet()
        let content = workFolder.appendingPathComponent("content.xml")
        guard FileManager.default.createFile(atPath: content.path, contents: nil), let out = try? FileHandle(forWritingTo: content) else {
            throw SheetWriteError.cannotCreate(path: content.path)
        }
        try out.write(contentsOf: Data(Self.contentHead.utf8))
        for sheet in sheets {
            let open = "<table:table table:name=\"\(XMLText.escape(sheet.title))\"><table:table-column table:number-columns-repeated=\"\(sheet.columns)\"/>"
            try out.write(contentsOf: Data(open.utf8))
            let input = try FileHandle(forReadingFrom: sheet.file)
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try input.close()
            try out.write(contentsOf: Data("</table:table>".utf8))
        }
        try out.write(contentsOf: Data("</office:spreadsheet></office:body></office:document-content>".utf8))
        try out.close()

        try? FileManager.default.removeItem(at: url)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        try add(archive, "mimetype", Data(SheetFormat.odsMimeType.utf8), compression: .none)
        try add(archive, "META-INF/manifest.xml", Data(Self.manifest.utf8))
        try add(archive, "styles.xml", Data(Self.styles.utf8))
        let size = Int64(try FileManager.default.attributesOfItem(atPath: content.path)[.size] as? Int ?? 0)
        let reader = try FileHandle(forReadingFrom: content)
        try archive.addEntry(with: "content.xml", type: .file, uncompressedSize: size, modificationDate: XLSXPackage.fixedDate,
                             compressionMethod: .deflate) { position, chunk in
            try reader.seek(toOffset: UInt64(position))
            return try reader.read(upToCount: chunk) ?? Data()
        }
        try reader.close()
        try FileManager.default.removeItem(at: workFolder)
    }

    private func add(_ archive: Archive, _ path: String, _ data: Data, compression: CompressionMethod = .deflate) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: XLSXPackage.fixedDate,
                             compressionMethod: compression) { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }
    }

    private func openSheet() throws {
        let file = workFolder.appendingPathComponent("sheet\(sheets.count + 1).xml")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw SheetWriteError.cannotCreate(path: file.path) }
        sheetsOfName += 1
        sheets.append((sheetsOfName == 1 ? sheetName : "\(sheetName) (\(sheetsOfName))", file, 1))
        handle = try FileHandle(forWritingTo: file)
        rowInSheet = 0
        columnsInSheet = 1
    }

    private func closeSheet() throws {
        guard handle != nil else { return }
        if rowInSheet == 0 { buffer.append(contentsOf: "<table:table-row><table:table-cell/></table:table-row>".utf8) }
        try flush()
        try handle?.close()
        handle = nil
        sheets[sheets.count - 1].columns = columnsInSheet
    }

    private func append(_ row: [Cell]) throws {
        guard row.count <= XLSXColumn.maxColumns else { throw SheetWriteError.tooManyColumns(row.count) }
        rowInSheet += 1
        columnsInSheet = max(columnsInSheet, row.count)
        buffer.append(contentsOf: "<table:table-row>".utf8)
        if row.isEmpty { buffer.append(contentsOf: "<table:table-cell/>".utf8) }
        for cell in row {
            switch cell {
            case .empty:
                buffer.append(contentsOf: "<table:table-cell/>".utf8)
            case .text(let text):
                buffer.append(contentsOf: "<table:table-cell office:value-type=\"string\"><text:p>".utf8)
                Self.appendParagraph(text, to: &buffer)
                buffer.append(contentsOf: "</text:p></table:table-cell>".utf8)
            case .number(let number):
                buffer.append(contentsOf: "<table:table-cell office:value-type=\"float\" office:value=\"\(number)\"><text:p>\(number)</text:p></table:table-cell>".utf8)
            case .decimal:
                let text = cell.csvText
                if text.isEmpty {
                    buffer.append(contentsOf: "<table:table-cell/>".utf8)
                } else {
                    buffer.append(contentsOf: "<table:table-cell office:value-type=\"float\" office:value=\"\(text)\"><text:p>\(text)</text:p></table:table-cell>".utf8)
                }
            case .date(let date, _):
                let shown = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
                buffer.append(contentsOf: "<table:table-cell table:style-name=\"ce1\" office:value-type=\"date\" office:date-value=\"\(date.description)\"><text:p>\(shown)</text:p></table:table-cell>".utf8)
            }
        }
        buffer.append(contentsOf: "</table:table-row>".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Text in a `text:p`: XML-escaped, a run of spaces after the first as `text:s`, a leading space too (ODF collapses
    /// white space), tabs and line breaks as their elements; characters XML cannot hold dropped.
    static func appendParagraph(_ text: String, to buffer: inout [UInt8]) {
        var spaces = 0
        var atStart = true
        func flushSpaces(_ buffer: inout [UInt8]) {
            guard spaces > 0 else { return }
            if atStart {
                buffer.append(contentsOf: (spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>").utf8)
            } else {
                buffer.append(UInt8(ascii: " "))
                if spaces > 1 { buffer.append(contentsOf: (spaces == 2 ? "<text:s/>" : "<text:s text:c=\"\(spaces - 1)\"/>").utf8) }
            }
            spaces = 0
        }
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                spaces += 1
                continue
            }
            flushSpaces(&buffer)
            atStart = false
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
            case 9: buffer.append(contentsOf: "<text:tab/>".utf8)
            case 10: buffer.append(contentsOf: "<text:line-break/>".utf8)
            case 0..<32: continue
            default: buffer.append(byte)
            }
        }
        // Trailing spaces are kept as spaces too.
        if spaces > 0 {
            if atStart { flushSpaces(&buffer) } else {
                buffer.append(contentsOf: (spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>").utf8)
            }
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static let namespaces = #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0""#

    static let contentHead = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        + "<office:document-content \(namespaces) office:version=\"1.2\">"
        + #"<office:automatic-styles><number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>"#
        + #"<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/></office:automatic-styles>"#
        + "<office:body><office:spreadsheet>"

    static let styles = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        + "<office:document-styles \(namespaces) office:version=\"1.2\"><office:styles><style:style style:name=\"Default\" style:family=\"table-cell\"/></office:styles></office:document-styles>"

    static let manifest = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        + #"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#
        + #"<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#
        + #"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#
        + #"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#
        + "</manifest:manifest>"
}
