import Foundation
import LumbungDomain

/// Streams rows into an Excel 97–2003 workbook (.xls: BIFF8 records in a compound file) that Excel and LibreOffice
/// open — only what a reader needs: text as LABEL cells, numbers as NUMBER cells, dates as numbers whose cell style
/// has a dd/mm/yyyy format, a BOUNDSHEET per sheet. A sheet holds at most 65,536 rows and 256 columns: past the rows
/// the writer continues on a new sheet, the header repeated. Each sheet's cells go to a file on disk as they come;
/// `finish()` writes the workbook globals, the sheets and the compound file around them (with DIFAT sectors when the
/// workbook is over ≈ 7 MB). Output is deterministic.
public final class XLSTableWriter: WorkbookTableWriter {
    public static let maxRowsPerSheet = 65_536
    public static let maxColumns = 256
    /// The longest text a LABEL cell holds here (its record stays under BIFF8's 8,224 bytes in UTF-16).
    public static let maxTextLength = 4_000

    private let url: URL
    private let spools: SheetSpools
    public var rowsWritten: Int { spools.rowsWritten }

    public init(url: URL, sheetName: String, header: [Cell]? = nil, rowsPerSheet: Int = XLSTableWriter.maxRowsPerSheet) throws {
        self.url = url
        // Sheet names: at most 31 characters, none of []:*?/\, each once.
        spools = try SheetSpools(beside: url, sheetName: sheetName, header: header, rowsPerSheet: min(max(rowsPerSheet, 2), Self.maxRowsPerSheet)) { name, suffix in
            String(String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }).prefix(31 - suffix.count)) + suffix
        }
    }

    public func write(_ row: [Cell]) throws {
        try spools.write(row) { cells in
            // Its row number in its sheet (the rows written there so far; a continuation sheet's header is its row 0).
            let number = UInt16(truncatingIfNeeded: spools.sheets.last?.rows ?? 0)
            try Self.append(cells, row: number, to: &spools.buffer)
        }
    }

    public func startSheet(named name: String, header: [Cell]? = nil, columnWidths: [Double] = [], frozenRows: Int = 0) throws {
        try spools.start(named: name, header: header)
    }

    public func finish() throws {
        try spools.close()
        // The sheets' substreams: BOF and DIMENSIONS, the cells on disk, WINDOW2 and EOF.
        var pieces: [CompoundFileWriter.Piece] = []
        var sheetSizes: [Int] = []
        var sheetPieces: [[CompoundFileWriter.Piece]] = []
        for (index, sheet) in spools.sheets.enumerated() {
            let head = BIFFRecord.bof(sheet: true)
                + BIFFRecord.make(0x0200, BIFFRecord.le32(0) + BIFFRecord.le32(UInt32(sheet.rows)) + BIFFRecord.le16(0)
                    + BIFFRecord.le16(UInt16(sheet.columns)) + BIFFRecord.le16(0))
            let tail = BIFFRecord.make(0x023E, BIFFRecord.le16(index == 0 ? 0x06B6 : 0x00B6) + BIFFRecord.le16(0) + BIFFRecord.le16(0)
                + BIFFRecord.le16(0x40) + [UInt8](repeating: 0, count: 10)) + BIFFRecord.eof
            let cells = spools.size(of: sheet)
            sheetSizes.append(head.count + cells + tail.count)
            sheetPieces.append([.bytes(head), .file(sheet.file, size: cells), .bytes(tail)])
        }
        let globals = BIFFRecord.globals(sheetNames: spools.sheets.map(\.title), sheetSizes: sheetSizes)
        pieces.append(.bytes(globals))
        for piece in sheetPieces { pieces += piece }
        try CompoundFileWriter.write(stream: "Workbook", pieces: pieces, to: url)
        try spools.removeWorkFolder()
    }

    /// A row's cells as BIFF8 records.
    private static func append(_ row: [Cell], row rowIndex: UInt16, to buffer: inout [UInt8]) throws {
        guard row.count <= maxColumns else { throw SheetWriteError.tooManyColumnsInXLS(row.count) }
        for (column, cell) in row.enumerated() {
            let head = BIFFRecord.le16(rowIndex) + BIFFRecord.le16(UInt16(column))
            switch cell {
            case .empty:
                continue
            case .text(let text):
                let units = Array(text.utf16)
                guard units.count <= maxTextLength else { throw SheetWriteError.textTooLongForXLS(units.count) }
                buffer += BIFFRecord.make(0x0204, head + BIFFRecord.le16(BIFFRecord.generalStyle) + BIFFRecord.unicodeString(units))
            case .number(let number):
                buffer += BIFFRecord.make(0x0203, head + BIFFRecord.le16(BIFFRecord.generalStyle) + BIFFRecord.double(Double(number)))
            case .decimal(let value, _):
                guard value.isFinite else { continue }
                buffer += BIFFRecord.make(0x0203, head + BIFFRecord.le16(BIFFRecord.generalStyle) + BIFFRecord.double(value))
            case .date(let date, _):
                buffer += BIFFRecord.make(0x0203, head + BIFFRecord.le16(BIFFRecord.dateStyle) + BIFFRecord.double(Double(date.excelSerial)))
            }
        }
    }
}

/// BIFF8 records as `XLSTableWriter` writes them (MS-XLS): little-endian, a 2-byte type and a 2-byte length.
enum BIFFRecord {
    /// The cell style of text and numbers (XF 15, the default cell style) and of dates (XF 16, format 164 dd/mm/yyyy).
    static let generalStyle: UInt16 = 15
    static let dateStyle: UInt16 = 16

    /// The most data one BIFF8 record holds (MS-XLS 2.1.4); more continues in CONTINUE records.
    static let maxRecordData = 8_224
    static let continueType: UInt16 = 0x003C

    /// A record of `type` around `data`: its 2-byte length can never overflow, because data past `maxRecordData`
    /// goes on into CONTINUE records (cells never get there: `maxTextLength` keeps a LABEL under the limit).
    static func make(_ type: UInt16, _ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 4 * (1 + data.count / maxRecordData))
        var start = 0
        repeat {
            let end = min(start + maxRecordData, data.count)
            out += le16(start == 0 ? type : continueType) + le16(UInt16(truncatingIfNeeded: end - start)) + data[start..<end]
            start = end
        } while start < data.count
        return out
    }
    static func le16(_ word: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8)] }
    static func le32(_ word: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    static func double(_ number: Double) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: number.bitPattern >> (8 * UInt64($0))) } }

    /// An XLUnicodeString: 2-byte count, flags, then Latin-1 bytes or, when any character is beyond Latin-1, UTF-16LE.
    static func unicodeString(_ units: [UInt16]) -> [UInt8] {
        let wide = units.contains { $0 > 0xFF }
        return le16(UInt16(units.count)) + [wide ? 1 : 0] + (wide ? units.flatMap { le16($0) } : units.map { UInt8($0 & 0xFF) })
    }

    /// A ShortXLUnicodeString (sheet and font names): 1-byte count.
    static func shortString(_ text: String) -> [UInt8] {
        let units = Array(text.utf16.prefix(255))
        let wide = units.contains { $0 > 0xFF }
        return [UInt8(units.count), wide ? 1 : 0] + (wide ? units.flatMap { le16($0) } : units.map { UInt8($0 & 0xFF) })
    }

    static func bof(sheet: Bool) -> [UInt8] {
        make(0x0809, le16(0x0600) + le16(sheet ? 0x0010 : 0x0005) + le16(0x0DBB) + le16(0x07CC) + le32(0x0000_0000) + le32(0x0000_0006))
    }

    static let eof = make(0x000A, [])

    /// The workbook globals: BOF, code page (UTF-16), window, 1900 dates, four Arial fonts, the date format 164,
    /// 15 style XFs, the default cell XF 15 and the date XF 16, the Normal style, a BOUNDSHEET per sheet (its
    /// substream's offset: they follow the globals in order, of `sheetSizes` bytes each) and EOF.
    static func globals(sheetNames: [String], sheetSizes: [Int]) -> [UInt8] {
        var records = bof(sheet: false)
        records += make(0x0042, le16(1200))
        records += make(0x003D, le16(0) + le16(0) + le16(0x3A98) + le16(0x2328) + le16(0x0038) + le16(0) + le16(0) + le16(1) + le16(0x0258))
        records += make(0x0022, le16(0))
        for _ in 0..<4 {
            records += make(0x0031, le16(200) + le16(0) + le16(0x7FFF) + le16(400) + le16(0) + [0, 0, 0, 0] + shortString("Arial"))
        }
        records += make(0x041E, le16(164) + unicodeString(Array("dd/mm/yyyy".utf16)))
        let styleXF: [UInt8] = [0, 0, 0, 0, 0xF5, 0xFF, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0x20]
        for index in 0..<15 {
            // Style XFs 1–14 use font 1 as Excel writes them; XF 0 font 0.
            var xf = styleXF
            if index > 0 { xf[0] = 1 }
            records += make(0x00E0, xf)
        }
        records += make(0x00E0, [0, 0, 0, 0, 0x01, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0x20])
        records += make(0x00E0, [0, 0, 0xA4, 0x00, 0x01, 0x00, 0x20, 0, 0, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0x20])
        records += make(0x0293, le16(0x8000) + [0x00, 0xFF])
        let names = sheetNames.map(shortString)
        let boundSheetBytes = names.reduce(0) { $0 + 4 + 6 + $1.count }
        var offset = records.count + boundSheetBytes + eof.count
        for (name, size) in zip(names, sheetSizes) {
            records += make(0x0085, le32(UInt32(truncatingIfNeeded: offset)) + [0, 0] + name)
            offset += size
        }
        return records + eof
    }
}

/// Writes one stream into a compound file (version 3, 512-byte sectors), streamed from its pieces: the stream's
/// sectors, the directory, the FAT and, past 109 FAT sectors, DIFAT sectors. A stream under 4,096 bytes goes into
/// the mini stream, as the format requires.
enum CompoundFileWriter {
    enum Piece {
        case bytes([UInt8])
        case file(URL, size: Int)

        var size: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .file(_, let size): size
            }
        }
    }

    static let sectorSize = 512
    static let endOfChain: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF, fatSector: UInt32 = 0xFFFF_FFFD, difatSector: UInt32 = 0xFFFF_FFFC

    static func write(stream name: String, pieces: [Piece], to url: URL) throws {
        let size = pieces.reduce(0) { $0 + $1.size }
        guard size < Int(UInt32.max) else { throw SheetWriteError.workbookTooLargeForXLS }
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let out = try? FileHandle(forWritingTo: url) else {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        defer { try? out.close() }
        if size < 4096 {
            try writeSmall(name, pieces: pieces, size: size, to: out)
        } else {
            try writeLarge(name, pieces: pieces, size: size, to: out)
        }
    }

    private static func sectors(_ bytes: Int, _ size: Int) -> Int { (bytes + size - 1) / size }

    private static func words(_ values: [UInt32]) -> [UInt8] { values.flatMap { BIFFRecord.le32($0) } }

    private static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (sectorSize - bytes.count % sectorSize) % sectorSize)
    }

    /// The stream's sectors (large) or the mini stream's sectors from `start`, in one chain each.
    private static func chain(_ fat: inout [UInt32], from start: Int, count: Int) {
        for index in 0..<count { fat[start + index] = index == count - 1 ? endOfChain : UInt32(start + index + 1) }
    }

    /// A directory sector: the root entry (holding the mini stream), the stream, two unused entries.
    private static func directory(_ name: String, rootStart: UInt32, rootSize: Int, streamStart: UInt32, streamSize: Int) -> [UInt8] {
        func entry(_ name: String, type: UInt8, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16.prefix(31))
            for (index, unit) in units.enumerated() { bytes[index * 2] = UInt8(unit & 0xFF); bytes[index * 2 + 1] = UInt8(unit >> 8) }
            let length = BIFFRecord.le16(UInt16((units.count + 1) * 2))
            bytes[0x40] = length[0]; bytes[0x41] = length[1]
            bytes[0x42] = type
            bytes[0x43] = 1
            for (offset, value) in [(0x44, free), (0x48, free), (0x4C, child), (0x74, start), (0x78, UInt32(truncatingIfNeeded: size))] {
                for (index, byte) in BIFFRecord.le32(value).enumerated() { bytes[offset + index] = byte }
            }
            return bytes
        }
        var unused = [UInt8](repeating: 0, count: 128)
        for offset in [0x44, 0x48, 0x4C] { for index in 0..<4 { unused[offset + index] = 0xFF } }
        return entry("Root Entry", type: 5, child: 1, start: rootStart, size: rootSize)
            + entry(name, type: 2, child: free, start: streamStart, size: streamSize) + unused + unused
    }

    private static func header(fatSectors: [UInt32], fatCount: Int, directoryStart: Int, miniFATStart: UInt32, miniFATCount: Int,
                               difatStart: UInt32, difatCount: Int) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ offset: Int, _ bytes: [UInt8]) { for (index, byte) in bytes.enumerated() { header[offset + index] = byte } }
        put(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put(0x18, BIFFRecord.le16(0x3E)); put(0x1A, BIFFRecord.le16(3)); put(0x1C, BIFFRecord.le16(0xFFFE))
        put(0x1E, BIFFRecord.le16(9)); put(0x20, BIFFRecord.le16(6))
        put(0x2C, BIFFRecord.le32(UInt32(fatCount))); put(0x30, BIFFRecord.le32(UInt32(directoryStart)))
        put(0x38, BIFFRecord.le32(4096)); put(0x3C, BIFFRecord.le32(miniFATStart)); put(0x40, BIFFRecord.le32(UInt32(miniFATCount)))
        put(0x44, BIFFRecord.le32(difatStart)); put(0x48, BIFFRecord.le32(UInt32(difatCount)))
        for index in 0..<109 { put(0x4C + index * 4, BIFFRecord.le32(index < fatSectors.count ? fatSectors[index] : free)) }
        return header
    }

    /// A stream under 4,096 bytes: its 64-byte mini sectors in the root's mini stream, then the mini FAT, the
    /// directory and the FAT, one sector each.
    private static func writeSmall(_ name: String, pieces: [Piece], size: Int, to out: FileHandle) throws {
        var data: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): data += bytes
            case .file(let url, _): data += [UInt8](try Data(contentsOf: url))
            }
        }
        let miniSectors = sectors(size, 64)
        let miniData = padded(data + [UInt8](repeating: 0, count: miniSectors * 64 - data.count))
        let dataSectors = miniData.count / sectorSize
        var miniFAT = [UInt32](repeating: free, count: 128)
        chain(&miniFAT, from: 0, count: miniSectors)
        let miniFATSector = dataSectors, directorySector = dataSectors + 1, fatIndex = dataSectors + 2
        var fat = [UInt32](repeating: free, count: 128)
        chain(&fat, from: 0, count: dataSectors)
        fat[miniFATSector] = endOfChain
        fat[directorySector] = endOfChain
        fat[fatIndex] = fatSector
        try out.write(contentsOf: Data(header(fatSectors: [UInt32(fatIndex)], fatCount: 1, directoryStart: directorySector,
                                              miniFATStart: UInt32(miniFATSector), miniFATCount: 1, difatStart: endOfChain, difatCount: 0)))
        try out.write(contentsOf: Data(miniData))
        try out.write(contentsOf: Data(words(miniFAT)))
        try out.write(contentsOf: Data(directory(name, rootStart: 0, rootSize: miniSectors * 64, streamStart: 0, streamSize: size)))
        try out.write(contentsOf: Data(words(fat)))
    }

    /// A stream of 4,096 bytes or more: its sectors first, then the directory, the FAT sectors and the DIFAT sectors.
    private static func writeLarge(_ name: String, pieces: [Piece], size: Int, to out: FileHandle) throws {
        let streamSectors = sectors(size, sectorSize)
        var fatCount = 1, difatCount = 0
        while true {
            difatCount = fatCount > 109 ? sectors(fatCount - 109, 127) : 0
            if fatCount * 128 >= streamSectors + 1 + fatCount + difatCount { break }
            fatCount += 1
        }
        let directorySector = streamSectors
        let fatStart = streamSectors + 1
        let difatStart = fatStart + fatCount
        let fatSectors = (0..<fatCount).map { UInt32(fatStart + $0) }
        try out.write(contentsOf: Data(header(fatSectors: fatSectors, fatCount: fatCount, directoryStart: directorySector, miniFATStart: endOfChain,
                                              miniFATCount: 0, difatStart: difatCount > 0 ? UInt32(difatStart) : endOfChain, difatCount: difatCount)))
        var written = 0
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                try out.write(contentsOf: Data(bytes))
                written += bytes.count
            case .file(let url, _):
                let input = try FileHandle(forReadingFrom: url)
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try out.write(contentsOf: chunk)
                    written += chunk.count
                }
                try input.close()
            }
        }
        try out.write(contentsOf: Data([UInt8](repeating: 0, count: streamSectors * sectorSize - written)))
        try out.write(contentsOf: Data(directory(name, rootStart: endOfChain, rootSize: 0, streamStart: 0, streamSize: size)))
        // The FAT, written a sector at a time.
        let total = fatCount * 128
        var entry = 0
        while entry < total {
            var sector = [UInt32](repeating: free, count: 128)
            for index in 0..<128 {
                let sectorNumber = entry + index
                if sectorNumber < streamSectors {
                    sector[index] = sectorNumber == streamSectors - 1 ? endOfChain : UInt32(sectorNumber + 1)
                } else if sectorNumber == directorySector {
                    sector[index] = endOfChain
                } else if sectorNumber >= fatStart && sectorNumber < difatStart {
                    sector[index] = fatSector
                } else if sectorNumber >= difatStart && sectorNumber < difatStart + difatCount {
                    sector[index] = difatSector
                }
            }
            try out.write(contentsOf: Data(words(sector)))
            entry += 128
        }
        // DIFAT sectors: 127 FAT sector numbers each (after the header's 109), then the next DIFAT sector.
        for index in 0..<difatCount {
            var sector = [UInt32](repeating: free, count: 128)
            for slot in 0..<127 {
                let fat = 109 + index * 127 + slot
                if fat < fatCount { sector[slot] = fatSectors[fat] }
            }
            sector[127] = index == difatCount - 1 ? endOfChain : UInt32(difatStart + index + 1)
            try out.write(contentsOf: Data(words(sector)))
        }
    }
}
