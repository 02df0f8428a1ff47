import Foundation

/// Streams rows to a CSV file (RFC 4180 quoting, CRLF line ends as Excel writes them), buffering
/// about a megabyte at a time. Text that a spreadsheet would run as a formula gets a leading `'`
/// (`FormulaGuard`); number cells are written as numbers, negative ones included.
public final class CSVTableWriter: TableWriter {
    private let handle: FileHandle
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    public private(set) var rowsWritten = 0
    private static let flushSize = 1 << 20

    /// Creates (or truncates) `url`.
    /// - Parameters:
    ///   - delimiter: `,` or `;` (Excel in an Indonesian locale saves `;`), or a tab.
    ///   - byteOrderMark: start the file with a UTF-8 BOM, as Excel's "CSV UTF-8" does.
    public init(url: URL, delimiter: Character = ",", byteOrderMark: Bool = false) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        handle = try FileHandle(forWritingTo: url)
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        buffer.reserveCapacity(Self.flushSize + 4096)
        if byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
    }

    public func write(_ row: [Cell]) throws {
        for (index, cell) in row.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            append(cell.csvText)
        }
        buffer.append(13)
        buffer.append(10)
        rowsWritten += 1
        if buffer.count >= Self.flushSize { try flush() }
    }

    public func finish() throws {
        try flush()
        try handle.close()
    }

    private func append(_ text: String) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        if !needsQuotes {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One CSV field as text: neutralised against formulas (`FormulaGuard`) and quoted when it holds the
/// delimiter, a quote or a line break — for CSV written without `CSVTableWriter` (reports on standard output).
public enum CSVField {
    public static func text(_ text: String, delimiter: Character = ",") -> String {
        let safe = FormulaGuard.neutralised(text)
        guard safe.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why a table file could not be written.
public enum SheetWriteError: Error, CustomStringConvertible {
    case cannotCreate(path: String)
    case tooManyColumns(Int)
    /// An .xls worksheet holds at most 256 columns.
    case tooManyColumnsInXLS(Int)
    /// A text cell longer than an .xls LABEL record holds here.
    case textTooLongForXLS(Int)
    /// An .xls workbook stream is limited to 4 GiB.
    case workbookTooLargeForXLS

    public var description: String {
        switch self {
        case .tooManyColumnsInXLS(let count): "A row has \(count) columns; an Excel 97–2003 (.xls) worksheet holds at most 256: write .xlsx instead."
        case .textTooLongForXLS(let count): "A cell holds \(count) characters; the .xls writer takes at most \(XLSTableWriter.maxTextLength): write .xlsx instead."
        case .workbookTooLargeForXLS: "The workbook would be larger than an Excel 97–2003 (.xls) file can be (4 GiB): write .xlsx instead."
        case .cannotCreate(let path): "Cannot create the file \(path): check that the folder exists and is writable."
        case .tooManyColumns(let count): "A row has \(count) columns; a worksheet holds at most 16,384."
        }
    }
}
