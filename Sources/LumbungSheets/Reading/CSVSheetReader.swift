import Foundation

/// Streams a CSV file row by row: RFC 4180 quoting (line breaks inside quotes too), `,` `;` or tab
/// (sniffed), UTF-16 LE or BE with a byte-order mark (Excel's "Unicode Text"), UTF-8 with or without BOM or Windows-1252 (sniffed, and decided again for each cell that is not
/// in the file's encoding, with a note on its row), CRLF, LF or CR line ends.
public struct CSVSheetReader: SheetReader {
    public let url: URL
    public var fileName: String { url.lastPathComponent }
    /// The delimiter found in the file.
    public let delimiter: UInt8
    let encoding: TextSniffer.Encoding

    static let chunkSize = 1 << 16

    /// Opens the file and sniffs its encoding and delimiter; refuses files that are not text tables.
    public init(url: URL) throws {
        self.url = url
        let head: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: url)
            head = Array(try handle.read(upToCount: Self.chunkSize) ?? Data())
            try handle.close()
        } catch {
            throw SheetReadError.unreadable(file: url.lastPathComponent, reason: .cannotOpen)
        }
        guard !head.isEmpty else { throw SheetReadError.empty(file: url.lastPathComponent) }
        if let bigEndian = TextSniffer.utf16ByteOrder(head) {
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            let text = transcoder.transcode(head.dropFirst(2))
            if let kind = TextSniffer.foreignKind(text) {
                throw SheetReadError.notATable(file: url.lastPathComponent, looksLike: kind)
            }
            encoding = .utf16(bigEndian: bigEndian)
            delimiter = TextSniffer.delimiter(text)
            return
        }
        if let kind = TextSniffer.foreignKind(head) {
            if kind == .ole { throw SheetReadError.oldOrProtectedWorkbook(file: url.lastPathComponent) }
            throw SheetReadError.notATable(file: url.lastPathComponent, looksLike: kind)
        }
        encoding = TextSniffer.encoding(head)
        delimiter = TextSniffer.delimiter(head)
    }

    public func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw SheetReadError.unreadable(file: fileName, reason: .cannotOpen)
        }
        let size = Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0)
        var consumed = 0.0
        defer { try? handle.close() }
        var transcoder: UTF16Transcoder?
        if case .utf16(let bigEndian) = encoding { transcoder = UTF16Transcoder(bigEndian: bigEndian) }
        var parser = CSVRecordParser(delimiter: delimiter, encoding: transcoder == nil ? encoding : .utf8(bom: false), fileName: fileName)
        var first = true
        while true {
            guard var chunk = try handle.read(upToCount: Self.chunkSize).map(Array.init), !chunk.isEmpty else { break }
            consumed += Double(chunk.count)
            if first {
                switch encoding {
                case .utf8(bom: true): chunk.removeFirst(min(3, chunk.count))
                case .utf16: chunk.removeFirst(min(2, chunk.count))
                default: break
                }
            }
            first = false
            if transcoder != nil { chunk = transcoder?.transcode(chunk) ?? [] }
            try parser.feed(chunk, emit: body)
            if size > 0 { progress(min(1, consumed / size)) }
        }
        if let rest = transcoder?.finish(), !rest.isEmpty { try parser.feed(rest, emit: body) }
        try parser.finish(emit: body)
    }
}

/// The byte-level CSV state machine.
struct CSVRecordParser {
    let delimiter: UInt8
    let encoding: TextSniffer.Encoding
    let fileName: String
    private var field: [UInt8] = []
    private var fields: [SheetValue] = []
    private var quoted = false
    private var quoteSeen = false
    private var afterCR = false
    private var line = 1
    private var recordLine = 1
    private var fieldStarted = false
    /// Columns of the current record whose text is not in the file's encoding.
    private var changedColumns: [Int] = []

    init(delimiter: UInt8, encoding: TextSniffer.Encoding, fileName: String) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.fileName = fileName
    }

    mutating func feed(_ bytes: [UInt8], emit: (SheetRow) throws -> Void) throws {
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 10 { continue }
            }
            if quoted {
                if quoteSeen {
                    quoteSeen = false
                    if byte == UInt8(ascii: "\"") { field.append(byte); continue }
                    quoted = false  // the closing quote; handle this byte unquoted below
                } else if byte == UInt8(ascii: "\"") {
                    quoteSeen = true
                    continue
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                    try checkSize()
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty && !fieldStarted:
                quoted = true
                fieldStarted = true
            case delimiter:
                try endField()
            case 10, 13:
                try endField()
                try emitRecord(emit)
                line += 1
                recordLine = line
                afterCR = byte == 13
            default:
                field.append(byte)
                fieldStarted = true
                try checkSize()
            }
        }
    }

    mutating func finish(emit: (SheetRow) throws -> Void) throws {
        if quoteSeen { quoted = false }
        if !field.isEmpty || !fields.isEmpty || fieldStarted {
            try endField()
            try emitRecord(emit)
        }
    }

    private mutating func checkSize() throws {
        if field.count > SheetReadError.maxCellCharacters * 4 {
            throw SheetReadError.cellTooLarge(file: fileName, row: recordLine, column: fields.count + 1)
        }
    }

    private mutating func endField() throws {
        let text: String
        if field.contains(where: { $0 >= 0x80 }) {
            // Each cell is decoded as what its bytes are: a file that is UTF-8 for 30 lines and then
            // Windows-1252 (two exports pasted together) keeps both parts' letters, and the row is noted.
            let isUTF8 = TextSniffer.isValidUTF8(field, allowCutEnd: false)
            text = isUTF8 ? String(decoding: field, as: UTF8.self) : TextSniffer.decodeWindows1252(field[...])
            if isUTF8 != (encoding != .windows1252) { changedColumns.append(fields.count) }
        } else {
            text = String(decoding: field, as: UTF8.self)
        }
        if text.count > SheetReadError.maxCellCharacters {
            throw SheetReadError.cellTooLarge(file: fileName, row: recordLine, column: fields.count + 1)
        }
        fields.append(text.isEmpty ? .empty : .text(text))
        if fields.count > SheetReadError.maxColumns {
            throw SheetReadError.tooManyColumns(file: fileName, row: recordLine, count: fields.count)
        }
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
    }

    private mutating func emitRecord(_ emit: (SheetRow) throws -> Void) throws {
        let row = SheetRow(number: recordLine, values: fields, notes: changedColumns.isEmpty ? [] : [.encodingChanged(columns: changedColumns)])
        fields.removeAll(keepingCapacity: true)
        changedColumns.removeAll()
        try emit(row)
    }
}
