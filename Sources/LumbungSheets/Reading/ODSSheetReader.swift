import Foundation
import LumbungDomain
import ZIPFoundation

/// An OpenDocument spreadsheet (.ods, LibreOffice's own format): a ZIP package whose content.xml holds
/// every sheet. The sheet names are read once (a pass over content.xml that decodes no text); each
/// `ODSSheetReader` then streams content.xml again through the same XML scanner as an .xlsx, under the
/// same `XLSXLimits`.
public final class ODSWorkbook {
    public let url: URL
    public let sheetNames: [String]
    let file: String
    let limits: XLSXLimits
    static let contentPart = "content.xml"

    public init(url: URL, limits: XLSXLimits = .standard) throws {
        self.url = url
        self.limits = limits
        let file = url.lastPathComponent
        self.file = file
        let archive = try Self.archive(url, file: file)
        // An encrypted package keeps its manifest readable and says so there.
        if let manifest = archive["META-INF/manifest.xml"] {
            var text = Data()
            try BoundedPart.extract(archive, manifest, file: file, limit: limits.smallPartBytes) { text.append($0) }
            if String(decoding: text, as: UTF8.self).contains("encryption-data") { throw SheetReadError.passwordProtected(file: file) }
        }
        var names: [String] = []
        var depth = 0
        try Self.scan(archive, file: file, limits: limits, attributesOnlyFor: ["table"]) { event in
            switch event {
            case .start("table", let attributes, let selfClosing):
                if depth == 0 { names.append(attributes.first { $0.0 == "name" }?.1 ?? "Sheet\(names.count + 1)") }
                if !selfClosing { depth += 1 }
            case .end("table"): depth -= 1
            default: break
            }
            return false
        }
        guard !names.isEmpty else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("it has no sheet", "tidak ada lembar di dalamnya")) }
        sheetNames = names
    }

    static func archive(_ url: URL, file: String) throws -> Archive {
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("the ZIP container cannot be opened", "wadah ZIP-nya tidak dapat dibuka"))
        }
    }

    /// Streams content.xml through the scanner into `handle`.
    static func scan(_ archive: Archive, file: String, limits: XLSXLimits, attributesOnlyFor: Set<Substring>? = nil,
                     progress: (Double) -> Void = { _ in }, _ handle: (XMLScanner.Event) throws -> Bool) throws {
        guard let entry = archive[contentPart] else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("content.xml is missing", "bagian content.xml tidak ada")) }
        var scanner = XMLScanner()
        scanner.attributesOnlyFor = attributesOnlyFor
        let size = Double(max(entry.uncompressedSize, 1))
        var consumed = 0.0
        do {
            try BoundedPart.extract(archive, entry, file: file, limit: limits.sheetBytes) { chunk in
                consumed += Double(chunk.count)
                progress(min(1, consumed / size))
                try scanner.feed(chunk, handle)
            }
            try scanner.finish()
        } catch let error as XMLScanError {
            throw error.readError(file: file, part: contentPart)
        } catch where String(reflecting: type(of: error)).hasPrefix("ZIPFoundation.") {
            // The package's own errors (a bad deflate stream, a wrong CRC); the handler's errors pass unchanged.
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("content.xml cannot be inflated", "bagian content.xml tidak dapat dibuka (didekompresi)"))
        }
    }
}

/// Streams one sheet of an .ods row by row. Repeated rows and cells (`number-rows-repeated`,
/// `number-columns-repeated`) are expanded only where they hold something: the million empty rows and the
/// thousand empty columns LibreOffice writes after the data cost nothing, and repeats of a filled row are
/// bounded by the cells the packed file may give (as in an .xlsx). Values come from `office:value-type`:
/// float, percentage and currency as numbers, date as dates, boolean, and string from the `text:p`
/// paragraphs (`text:s` spaces, tabs and line breaks kept; comments left out).
public struct ODSSheetReader: SheetReader {
    public let workbook: ODSWorkbook
    public let sheet: Int
    public var fileName: String { workbook.file }
    public var sheetNames: [String] { workbook.sheetNames }

    /// The elements whose attributes the reader uses (styles and the like on the others are not decoded).
    static let elementsWithAttributes: Set<Substring> = ["table", "table-row", "table-cell", "covered-table-cell", "s"]

    /// Most rows or columns one element may repeat (a sheet's size in LibreOffice and Excel).
    static let maxRepeat = 1 << 20
    /// Most times a row that holds something may be repeated: a kilobyte of XML repeating one filled row a million
    /// times would be a million rows to check; real files repeat only empty rows (or a few identical ones).
    public static let maxFilledRowRepeat = 1_000

    public init(workbook: ODSWorkbook, sheet: Int = 0) throws {
        guard workbook.sheetNames.indices.contains(sheet) else {
            throw SheetReadError.damagedWorkbook(file: workbook.file, detail: BilingualText("it has no sheet \(sheet + 1)", "tidak ada lembar ke-\(sheet + 1)"))
        }
        self.workbook = workbook
        self.sheet = sheet
    }

    public func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws {
        let archive = try ODSWorkbook.archive(workbook.url, file: fileName)
        let packed = archive[ODSWorkbook.contentPart]?.compressedSize ?? 0
        var state = State(file: fileName, sheet: sheet, cells: workbook.limits.cells(packedBytes: packed))
        do {
            try ODSWorkbook.scan(archive, file: fileName, limits: workbook.limits, attributesOnlyFor: Self.elementsWithAttributes,
                                 progress: progress) { event in
                try state.handle(event, emit: body)
            }
            // The sheet was found when the workbook was opened: content.xml that ends inside it is cut off.
            throw SheetReadError.damagedWorkbook(file: fileName, detail: BilingualText("content.xml ends before the sheet \(workbook.sheetNames[sheet]) does", "content.xml berakhir sebelum lembar \(workbook.sheetNames[sheet]) selesai"))
        } catch State.Done.done {
            progress(1)
        } catch XMLScanError.textTooLong {
            throw SheetReadError.cellTooLarge(file: fileName, row: state.rowNumber, column: state.values.count + 1)
        }
    }

    private struct State {
        enum Done: Error { case done }

        let file: String
        let sheet: Int
        var tableIndex = -1
        var tableDepth = 0
        var inSheet = false
        var rowNumber = 0
        var rowRepeat = 1
        var values: [SheetValue] = []
        /// Empty cells seen since the last filled one: added only when a filled cell follows.
        var pendingEmpty = 0
        var cellRepeat = 1
        var cellType = ""
        var cellValue: String?
        var cellText = ""
        var inCell = false
        var paragraphs = 0
        var inParagraph = false
        var annotationDepth = 0
        var cellsLeft: Int
        let cellLimit: Int

        init(file: String, sheet: Int, cells: Int) {
            self.file = file
            self.sheet = sheet
            cellsLeft = cells
            cellLimit = cells
        }

        static func repeatCount(_ attributes: [(Substring, String)], _ name: Substring) -> Int {
            attributes.first { $0.0 == name }.flatMap { Int($0.1) }.map { min(max($0, 1), ODSSheetReader.maxRepeat) } ?? 1
        }

        mutating func handle(_ event: XMLScanner.Event, emit: (SheetRow) throws -> Void) throws -> Bool {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if name == "table" {
                    if tableDepth == 0 {
                        tableIndex += 1
                        inSheet = tableIndex == sheet
                    }
                    if !selfClosing { tableDepth += 1 }
                    return false
                }
                guard inSheet, tableDepth == 1 else { return false }
                switch name {
                case "table-row":
                    rowRepeat = Self.repeatCount(attributes, "number-rows-repeated")
                    values.removeAll(keepingCapacity: true)
                    pendingEmpty = 0
                    if selfClosing { try endRow(emit) }
                case "table-cell", "covered-table-cell":
                    cellRepeat = Self.repeatCount(attributes, "number-columns-repeated")
                    cellType = attributes.first { $0.0 == "value-type" }?.1 ?? ""
                    cellValue = switch cellType {
                    case "date": attributes.first { $0.0 == "date-value" }?.1
                    case "boolean": attributes.first { $0.0 == "boolean-value" }?.1
                    case "time": attributes.first { $0.0 == "time-value" }?.1
                    default: attributes.first { $0.0 == "value" }?.1
                    }
                    cellText = ""
                    paragraphs = 0
                    inCell = !selfClosing
                    if name == "covered-table-cell" { cellType = ""; cellValue = nil }
                    if selfClosing { try endCell() }
                case "annotation" where !selfClosing:
                    annotationDepth += 1
                case "p", "h":
                    guard inCell, annotationDepth == 0 else { break }
                    if paragraphs > 0 { cellText += "\n" }
                    paragraphs += 1
                    inParagraph = !selfClosing
                case "s" where inParagraph && annotationDepth == 0:
                    let count = attributes.first { $0.0 == "c" }.flatMap { Int($0.1) }.map { min(max($0, 1), 1_000) } ?? 1
                    cellText += String(repeating: " ", count: count)
                case "tab" where inParagraph && annotationDepth == 0: cellText += "\t"
                case "line-break" where inParagraph && annotationDepth == 0: cellText += "\n"
                default: break
                }
            case .text(let text):
                if inParagraph && annotationDepth == 0 {
                    cellText += text
                    if cellText.utf8.count > SheetReadError.maxCellCharacters && cellText.count > SheetReadError.maxCellCharacters {
                        throw SheetReadError.cellTooLarge(file: file, row: rowNumber + 1, column: values.count + pendingEmpty + 1)
                    }
                }
            case .end(let name):
                if name == "table" {
                    tableDepth -= 1
                    if tableDepth == 0 && inSheet { throw Done.done }
                    return false
                }
                guard inSheet, tableDepth == 1 else { return false }
                switch name {
                case "annotation": annotationDepth = max(annotationDepth - 1, 0)
                case "p", "h": inParagraph = false
                case "table-cell", "covered-table-cell":
                    if inCell { try endCell() }
                case "table-row": try endRow(emit)
                default: break
                }
            }
            return inParagraph && annotationDepth == 0
        }

        private func value() -> SheetValue {
            switch cellType {
            case "float", "percentage", "currency":
                if let cellValue, !cellValue.isEmpty { return .number(cellValue) }
            case "date":
                if let cellValue, let date = CalendarDate(iso: cellValue.prefix(10)) { return .date(date) }
            case "boolean":
                if let cellValue { return .bool(cellValue == "true" || cellValue == "1") }
            default: break
            }
            return cellText.isEmpty ? .empty : .text(cellText)
        }

        private mutating func endCell() throws {
            inCell = false
            inParagraph = false
            let value = value()
            if value.isBlank {
                pendingEmpty = min(pendingEmpty + cellRepeat, SheetReadError.maxColumns + 1)
                return
            }
            let count = values.count + pendingEmpty + cellRepeat
            guard count <= SheetReadError.maxColumns else { throw SheetReadError.tooManyColumns(file: file, row: rowNumber + 1, count: count) }
            values.append(contentsOf: repeatElement(SheetValue.empty, count: pendingEmpty))
            values.append(contentsOf: repeatElement(value, count: cellRepeat))
            pendingEmpty = 0
        }

        private mutating func endRow(_ emit: (SheetRow) throws -> Void) throws {
            let repeats = rowRepeat
            rowRepeat = 1
            guard !values.isEmpty else {
                // Empty rows, however many repeated, are only counted.
                rowNumber = min(rowNumber + repeats, Int(Int32.max))
                return
            }
            guard repeats <= ODSSheetReader.maxFilledRowRepeat else {
                throw SheetReadError.tooLargeUnpacked(file: file, part: ODSWorkbook.contentPart, limit: .cells(ODSSheetReader.maxFilledRowRepeat * values.count))
            }
            cellsLeft -= repeats * values.count
            guard cellsLeft >= 0 else { throw SheetReadError.tooLargeUnpacked(file: file, part: ODSWorkbook.contentPart, limit: .cells(cellLimit)) }
            for _ in 0..<repeats {
                rowNumber += 1
                try emit(SheetRow(number: rowNumber, values: values))
            }
        }
    }
}
