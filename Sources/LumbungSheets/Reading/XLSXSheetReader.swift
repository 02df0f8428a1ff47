import Foundation
import LumbungDomain
import ZIPFoundation

/// Streams one worksheet (the first, unless told otherwise) of an .xlsx workbook row by row: the sheet's XML is inflated and
/// scanned chunk by chunk, never held whole. Shared strings (Excel's usual layout) and inline strings
/// (openpyxl and many exporters) are both read; dates are recognised by their cell style, in the 1900
/// or 1904 date system; formulas give their cached value. Every part is unpacked under `XLSXLimits`, and
/// no value in the file (a number of 1e300 in a date cell, a string index of -1, a reference `AAAAAAAAAAAAAAA1`)
/// can stop the reader other than with a `SheetReadError`.
public struct XLSXSheetReader: SheetReader {
    public let url: URL
    public var fileName: String { url.lastPathComponent }
    /// The sheet names in workbook order.
    public let sheetNames: [String]
    private let sheetPath: String
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private let limits: XLSXLimits

    /// - Parameters:
    ///   - sheet: the position of the worksheet in the workbook, 0 for the first.
    ///   - limits: how much of the workbook is unpacked at most.
    public init(url: URL, sheet: Int = 0, limits: XLSXLimits = .standard) throws {
        self.url = url
        self.limits = limits
        let file = url.lastPathComponent
        let head = (try? FileHandle(forReadingFrom: url)).flatMap { try? $0.read(upToCount: 8) }.map(Array.init) ?? []
        guard !head.isEmpty else { throw SheetReadError.empty(file: file) }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw SheetReadError.oldOrProtectedWorkbook(file: file) }
        guard head.starts(with: [0x50, 0x4B]) else {
            throw SheetReadError.notATable(file: file, looksLike: TextSniffer.foreignKind(head) ?? .textWithXLSXName)
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("the ZIP container cannot be opened", "wadah ZIP-nya tidak dapat dibuka"))
        }
        let workbook = try WorkbookParts(archive: archive, file: file, limits: limits)
        guard workbook.sheets.indices.contains(sheet) else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("it has no worksheet", "tidak ada lembar kerja di dalamnya")) }
        sheetNames = workbook.sheets.map(\.name)
        sheetPath = workbook.sheets[sheet].path
        date1904 = workbook.date1904
        sharedStrings = try workbook.sharedStrings(archive)
        dateStyles = try workbook.dateStyles(archive)
    }

    public func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws {
        guard let archive = try? Archive(url: url, accessMode: .read), let entry = archive[sheetPath] else {
            throw SheetReadError.damagedWorkbook(file: fileName, detail: BilingualText("the worksheet \(sheetPath) is missing", "lembar kerja \(sheetPath) tidak ada"))
        }
        var state = SheetState(reader: self, cells: limits.cells(packedBytes: entry.compressedSize))
        var scanner = XMLScanner()
        var bodyError: (any Error)?
        let size = Double(max(entry.uncompressedSize, 1))
        var consumed = 0.0
        do {
            try BoundedPart.extract(archive, entry, file: fileName, limit: limits.sheetBytes) { chunk in
                consumed += Double(chunk.count)
                progress(min(1, consumed / size))
                try scanner.feed(chunk) { event in
                    do {
                        return try state.handle(event, emit: body)
                    } catch let error as SheetReadError {
                        throw error
                    } catch {
                        bodyError = error
                        throw error
                    }
                }
            }
            try scanner.finish()
        } catch let error as SheetReadError {
            throw error
        } catch XMLScanError.textTooLong {
            throw SheetReadError.cellTooLarge(file: fileName, row: state.rowNumber, column: state.column + 1)
        } catch XMLScanError.tagTooLong {
            throw XMLScanError.tagTooLong.readError(file: fileName, part: sheetPath)
        } catch {
            if let bodyError { throw bodyError }
            throw SheetReadError.damagedWorkbook(file: fileName, detail: error is XMLScanError ? BilingualText("its XML is malformed", "XML-nya tidak utuh")
                                                 : BilingualText("the worksheet cannot be inflated", "lembar kerjanya tidak dapat dibuka (didekompresi)"))
        }
    }

    /// The per-row assembly of cells while the sheet streams by.
    private struct SheetState {
        let reader: XLSXSheetReader
        var rowNumber = 0
        var rowNotes: [SheetRowNote] = []
        var values: [SheetValue] = []
        var column = 0
        var cellType = ""
        var cellStyle = 0
        var cellText = ""
        var inValue = false
        var inInlineText = false
        var inPhonetic = false

        /// Cells (written or skipped over) the sheet may still give: `<c r="XFD1">` costs a few packed
        /// bytes but 16,384 cells, so a bomb of such rows is bounded by its packed size.
        var cellsLeft: Int
        let cellLimit: Int

        init(reader: XLSXSheetReader, cells: Int) {
            self.reader = reader
            cellsLeft = cells
            cellLimit = cells
        }

        /// Handles one event; returns whether the scanner should collect text now.
        mutating func handle(_ event: XMLScanner.Event, emit: (SheetRow) throws -> Void) throws -> Bool {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                switch name {
                case "row":
                    // `r` may be left out (the row follows the previous one); one that is no row number or
                    // not after the previous row's would misplace rows or give two rows one number: noted.
                    let next = min(rowNumber, Self.rowNumbers.upperBound) + 1
                    rowNotes = []
                    if let given = attributes.first(where: { $0.0 == "r" })?.1 {
                        if let number = Int(given), Self.rowNumbers.contains(number), number > rowNumber {
                            rowNumber = number
                        } else {
                            rowNumber = next
                            rowNotes = [.rowNumberInvalid(given: String(given.prefix(40)))]
                        }
                    } else {
                        rowNumber = next
                    }
                    values.removeAll(keepingCapacity: true)
                    column = 0
                    if selfClosing { try emit(SheetRow(number: rowNumber, values: [], notes: rowNotes)) }
                case "c":
                    column = attributes.first { $0.0 == "r" }.map { Self.columnIndex($0.1) } ?? column
                    cellType = attributes.first { $0.0 == "t" }?.1 ?? "n"
                    cellStyle = attributes.first { $0.0 == "s" }.flatMap { Int($0.1) } ?? 0
                    cellText = ""
                    if selfClosing { column += 1 }
                    guard column <= SheetReadError.maxColumns else {
                        throw SheetReadError.tooManyColumns(file: reader.fileName, row: rowNumber, count: column)
                    }
                case "v" where !selfClosing:
                    inValue = true
                case "t" where !selfClosing && !inPhonetic:
                    inInlineText = true
                case "rPh":
                    inPhonetic = !selfClosing
                default:
                    break
                }
            case .text(let text):
                if inValue || inInlineText {
                    cellText += text
                    // Counting characters is slow; bytes are never fewer than characters.
                    if cellText.utf8.count > SheetReadError.maxCellCharacters && cellText.count > SheetReadError.maxCellCharacters {
                        throw SheetReadError.cellTooLarge(file: reader.fileName, row: rowNumber, column: column + 1)
                    }
                }
            case .end(let name):
                switch name {
                case "v":
                    inValue = false
                case "t":
                    inInlineText = false
                case "rPh":
                    inPhonetic = false
                case "c":
                    cellsLeft -= max(column - values.count, 0) + 1
                    guard cellsLeft >= 0 else {
                        throw SheetReadError.tooLargeUnpacked(file: reader.fileName, part: reader.sheetPath, limit: .cells(cellLimit))
                    }
                    if values.count < column { values.append(contentsOf: repeatElement(SheetValue.empty, count: column - values.count)) }
                    values.append(value())
                    column += 1
                case "row":
                    try emit(SheetRow(number: rowNumber, values: values, notes: rowNotes))
                default:
                    break
                }
            }
            return inValue || inInlineText
        }

        private func value() -> SheetValue {
            switch cellType {
            case "s":
                // The index comes from the file: -1 or 10^18 is a broken reference, not a crash.
                return Int(cellText).flatMap { reader.sharedStrings.indices.contains($0) ? SheetValue.text(reader.sharedStrings[$0]) : nil } ?? .error("#REF!")
            case "inlineStr", "str": return cellText.isEmpty ? .empty : .text(cellText)
            case "b": return .bool(cellText == "1")
            case "e": return .error(cellText)
            case "d":
                return CalendarDate(iso: cellText.prefix(10)).map(SheetValue.date) ?? .text(cellText)
            default:
                guard !cellText.isEmpty else { return .empty }
                // A serial beyond 9999-12-31, NaN or 1e300 stays a number; the importer says the date is wrong.
                if reader.dateStyles.contains(cellStyle), let serial = Double(cellText).flatMap({ Int(checked: $0, rounding: .down) }),
                   let date = CalendarDate(excelSerial: serial, date1904: reader.date1904) {
                    return .date(date)
                }
                return .number(cellText)
            }
        }

        /// Row numbers taken from the file; others (0, negative, beyond any sheet) count on from the last row, noted.
        static let rowNumbers = 1...Int(Int32.max)

        /// `AB12` → 27 (0-based column). A reference of many letters gives a column past the last one
        /// (which the reader refuses) rather than an overflow.
        static func columnIndex(_ reference: String) -> Int {
            var index = 0
            for scalar in reference.unicodeScalars {
                guard scalar.value >= 65 && scalar.value <= 90 else { break }
                index = min(index * 26 + Int(truncatingIfNeeded: scalar.value) - 64, SheetReadError.maxColumns + 2)
            }
            return max(index - 1, 0)
        }
    }
}
