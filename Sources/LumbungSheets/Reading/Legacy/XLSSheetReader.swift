import Foundation
import LumbungDomain

/// An Excel 97–2003 workbook (.xls, BIFF8 in a compound file): the workbook globals read once — sheet
/// names and where each sheet starts, the shared-string table, number formats and cell styles (to tell
/// date-formatted numbers), the date system — for `XLSSheetReader`s to stream each sheet's cells.
///
/// A password-protected workbook (FILEPASS) and a BIFF5 or older one (Excel 5.0/95 and before) are
/// refused with a message that says how to save them readable. The shared-string table is bounded by
/// `XLSXLimits` like an .xlsx's.
public final class XLSWorkbook {
    struct Sheet {
        let name: String
        let offset: Int
    }

    let file: String
    let url: URL
    let sheets: [Sheet]
    let sharedStrings: [String]
    /// The XF (cell style) indexes whose number format is a date.
    let dateStyles: Set<Int>
    let date1904: Bool
    private let entry: CompoundFile.Entry
    private let container: CompoundFile

    public var sheetNames: [String] { sheets.map(\.name) }

    public init(url: URL, limits: XLSXLimits = .standard) throws {
        let file = url.lastPathComponent
        self.file = file
        self.url = url
        let container = try CompoundFile(url: url, file: file)
        self.container = container
        guard let entry = container.stream(named: "Workbook") else {
            if container.stream(named: "EncryptionInfo") != nil || container.stream(named: "EncryptedPackage") != nil {
                throw SheetReadError.passwordProtected(file: file)
            }
            if container.stream(named: "Book") != nil { throw SheetReadError.tooOldFormat(file: file, format: "Excel 5.0/95 (BIFF5)") }
            throw SheetReadError.notATable(file: file, looksLike: .officeDocumentNotWorkbook)
        }
        self.entry = entry
        var records = BIFFRecordReader(stream: try container.open(entry), file: file)
        guard let bof = try records.next() else { throw SheetReadError.empty(file: file) }
        if BIFF.oldBOFs.contains(bof.type) { throw SheetReadError.tooOldFormat(file: file, format: "Excel 2.x–4.0 (BIFF2–4)") }
        guard bof.type == BIFF.bof else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("its workbook stream does not start with a BOF record", "aliran workbook-nya tidak diawali rekaman BOF")) }
        guard bof.data.u16(0) == 0x0600 else { throw SheetReadError.tooOldFormat(file: file, format: "Excel 5.0/95 (BIFF5)") }

        var sheets: [Sheet] = []
        var strings: [String] = []
        var formats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var date1904 = false
        globals: while let record = try records.next() {
            switch record.type {
            case BIFF.eof: break globals
            case BIFF.filePass: throw SheetReadError.passwordProtected(file: file)
            case BIFF.dateMode: date1904 = record.data.u16(0) == 1
            case BIFF.format where record.data.count >= 5:
                formats[Int(record.data.u16(0))] = BIFF.unicodeString(record.data, at: 2)
            case BIFF.xf where styleFormats.count < WorkbookParts.maxCellStyles && record.data.count >= 4:
                styleFormats.append(Int(record.data.u16(2)))
            case BIFF.boundSheet where record.data.count >= 8:
                // Worksheets only (type 0); charts, macro and VB sheets hold no table.
                if record.data[5] == 0 {
                    sheets.append(Sheet(name: BIFF.shortUnicodeString(record.data, at: 6), offset: Int(record.data.u32(0))))
                }
            case BIFF.sst:
                let (table, rest) = try Self.sharedStrings(record, records: records, file: file, limits: limits)
                strings = table
                records = rest
            default: break
            }
        }
        guard !sheets.isEmpty else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("it has no worksheet", "tidak ada lembar kerja di dalamnya")) }
        self.sheets = sheets
        sharedStrings = strings
        self.date1904 = date1904
        let builtIn = Set(14...22).union(27...36).union(45...47).union(50...58)
        dateStyles = Set(styleFormats.indices.filter { index in
            let format = styleFormats[index]
            return builtIn.contains(format) || formats[format].map(WorkbookParts.isDateFormat) == true
        })
    }

    /// The shared-string table: the SST record and its CONTINUE records, bounded in count and in text.
    private static func sharedStrings(_ record: BIFFRecordReader.Record, records: BIFFRecordReader, file: String,
                                      limits: XLSXLimits) throws -> ([String], BIFFRecordReader) {
        let part = "SST"
        let declared = Int(record.data.u32(4))
        guard declared <= limits.sharedStrings else {
            throw SheetReadError.tooLargeUnpacked(file: file, part: part, limit: .strings(limits.sharedStrings))
        }
        var bytes = BIFFContinuedBytes(records: records, first: Array(record.data.dropFirst(8)))
        var strings: [String] = []
        strings.reserveCapacity(min(declared, 1 << 16))
        var textBytes = 0
        while strings.count < declared {
            guard let text = try bytes.richExtendedString() else {
                throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("its shared-string table holds \(strings.count) of the \(declared) strings it declares", "tabel teks bersamanya hanya memuat \(strings.count) dari \(declared) teks yang disebutkannya"))
            }
            textBytes += text.utf8.count
            guard textBytes <= limits.sharedStringBytes else {
                throw SheetReadError.tooLargeUnpacked(file: file, part: part, limit: .characters(limits.sharedStringBytes))
            }
            strings.append(text)
        }
        var rest = bytes.reader
        // CONTINUE records the table declared no strings for are skipped.
        while let next = try rest.next() {
            if next.type != BIFF.continue { rest.unread(next); break }
        }
        return (strings, rest)
    }

    /// A reader for the sheet at `index` (0 for the first worksheet).
    func records(ofSheet index: Int) throws -> BIFFRecordReader {
        var records = BIFFRecordReader(stream: try container.open(entry), file: file)
        records.seek(to: sheets[index].offset)
        return records
    }
}

/// Streams one worksheet of an .xls workbook row by row: cells as BIFF8 stores them (shared strings,
/// inline labels, numbers, RK and MULRK numbers, booleans and errors, formulas' cached values), dates
/// told by their cell style. A row Excel stores out of order is placed after the previous one and noted.
public struct XLSSheetReader: SheetReader {
    public let workbook: XLSWorkbook
    public let sheet: Int
    public var fileName: String { workbook.file }
    public var sheetNames: [String] { workbook.sheetNames }

    public init(workbook: XLSWorkbook, sheet: Int = 0) throws {
        guard workbook.sheets.indices.contains(sheet) else {
            throw SheetReadError.damagedWorkbook(file: workbook.file, detail: BilingualText("it has no worksheet \(sheet + 1)", "tidak ada lembar kerja ke-\(sheet + 1)"))
        }
        self.workbook = workbook
        self.sheet = sheet
    }

    public func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws {
        var records = try workbook.records(ofSheet: sheet)
        let file = workbook.file
        guard let bof = try records.next(), bof.type == BIFF.bof else {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("the sheet \(workbook.sheets[sheet].name) does not start where the workbook says", "lembar \(workbook.sheets[sheet].name) tidak dimulai di tempat yang disebut workbook"))
        }
        var rows = RowAssembler(file: file)
        var depth = 1
        var pendingFormula: (row: Int, column: Int)?
        let start = records.stream.position
        let span = Double(max(records.stream.size - start, 1))
        var count = 0
        while depth > 0, let record = try records.next() {
            count += 1
            if count % 4096 == 0 { progress(min(1, Double(records.stream.position - start) / span)) }
            let data = record.data
            switch record.type {
            case BIFF.bof: depth += 1
            case BIFF.eof: depth -= 1
            case _ where depth > 1: break
            case BIFF.labelSST where data.count >= 10:
                let index = Int(data.u32(6))
                let value = workbook.sharedStrings.indices.contains(index) ? SheetValue.text(workbook.sharedStrings[index]) : .error("#REF!")
                try rows.add(row: Int(data.u16(0)), column: Int(data.u16(2)), value: value.isBlank ? .empty : value, emit: body)
            case BIFF.label where data.count >= 9, BIFF.richString where data.count >= 9:
                let text = BIFF.unicodeString(data, at: 6)
                try rows.add(row: Int(data.u16(0)), column: Int(data.u16(2)), value: text.isEmpty ? .empty : .text(text), emit: body)
            case BIFF.number where data.count >= 14:
                try rows.add(row: Int(data.u16(0)), column: Int(data.u16(2)), value: number(BIFF.double(data, at: 6), style: Int(data.u16(4))), emit: body)
            case BIFF.rk where data.count >= 10:
                try rows.add(row: Int(data.u16(0)), column: Int(data.u16(2)), value: number(BIFF.rk(data.u32(6)), style: Int(data.u16(4))), emit: body)
            case BIFF.mulRK where data.count >= 12:
                let row = Int(data.u16(0)), first = Int(data.u16(2))
                for index in 0..<((data.count - 6) / 6) {
                    let offset = 4 + index * 6
                    try rows.add(row: row, column: first + index, value: number(BIFF.rk(data.u32(offset + 2)), style: Int(data.u16(offset))), emit: body)
                }
            case BIFF.boolErr where data.count >= 8:
                let value: SheetValue = data[7] == 0 ? .bool(data[6] != 0) : .error(BIFF.errorText(data[6]))
                try rows.add(row: Int(data.u16(0)), column: Int(data.u16(2)), value: value, emit: body)
            case BIFF.formula where data.count >= 20:
                let row = Int(data.u16(0)), column = Int(data.u16(2))
                pendingFormula = nil
                if data[12] == 0xFF && data[13] == 0xFF {
                    switch data[6] {
                    case 0: pendingFormula = (row, column)  // the text follows in a STRING record
                    case 1: try rows.add(row: row, column: column, value: .bool(data[8] != 0), emit: body)
                    case 2: try rows.add(row: row, column: column, value: .error(BIFF.errorText(data[8])), emit: body)
                    default: break
                    }
                } else {
                    try rows.add(row: row, column: column, value: number(BIFF.double(data, at: 6), style: Int(data.u16(4))), emit: body)
                }
            case BIFF.string:
                guard let cell = pendingFormula else { break }
                pendingFormula = nil
                var bytes = BIFFContinuedBytes(records: records, first: data)
                let text = try bytes.unicodeString() ?? ""
                records = bytes.reader
                try rows.add(row: cell.row, column: cell.column, value: text.isEmpty ? .empty : .text(text), emit: body)
            default: break
            }
        }
        try rows.finish(emit: body)
        progress(1)
    }

    /// A number cell: a date when its style's format is one, else its shortest exact text.
    private func number(_ value: Double, style: Int) -> SheetValue {
        guard value.isFinite else { return .error("#NUM!") }
        if workbook.dateStyles.contains(style), let serial = Int(checked: value, rounding: .down),
           let date = CalendarDate(excelSerial: serial, date1904: workbook.date1904) {
            return .date(date)
        }
        return .number(Self.text(of: value))
    }

    /// `4`, `5203014508920001`, `1.5`, `1e+16`: whole numbers that a double holds exactly without a decimal point.
    static func text(of value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992, let whole = Int(checked: value) { return String(whole) }
        return "\(value)"
    }
}

/// Cells given one by one (row, column, value) gathered into rows in order: a cell of a later row ends
/// the current row; a cell of an earlier row (a damaged or hand-made file) starts a row after the current
/// one, noted, rather than being lost or reordering what was already given.
struct RowAssembler {
    let file: String
    private var number = 0
    /// The row number the file gives the open row (its `number` unless it came out of order).
    private var given = 0
    private var values: [SheetValue] = []
    private var notes: [SheetRowNote] = []
    private var open = false

    init(file: String) {
        self.file = file
    }

    /// `row` and `column` are 0-based, as BIFF stores them.
    mutating func add(row: Int, column: Int, value: SheetValue, emit: (SheetRow) throws -> Void) throws {
        let rowNumber = row + 1
        if !open || rowNumber != given {
            if open { try finish(emit: emit) }
            given = rowNumber
            if rowNumber > number {
                number = rowNumber
                notes = []
            } else {
                notes = [.rowNumberInvalid(given: String(rowNumber))]
                number += 1
            }
            open = true
        }
        guard column < SheetReadError.maxColumns else { throw SheetReadError.tooManyColumns(file: file, row: number, count: column + 1) }
        if column >= values.count { values.append(contentsOf: repeatElement(SheetValue.empty, count: column + 1 - values.count)) }
        values[column] = value
    }

    mutating func finish(emit: (SheetRow) throws -> Void) throws {
        guard open else { return }
        try emit(SheetRow(number: number, values: values, notes: notes))
        values.removeAll(keepingCapacity: true)
        notes = []
        open = false
    }
}
