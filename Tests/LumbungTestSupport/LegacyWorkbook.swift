import Foundation

/// Excel 97–2003 workbooks built byte for byte for tests: BIFF8 records (`BIFFBuilder`) in a compound
/// file (`CompoundFileBuilder`), written from the format's specification, not by the reader under test.
public enum BIFFBuilder {
    public static func record(_ type: UInt16, _ data: [UInt8]) -> [UInt8] {
        le16(type) + le16(UInt16(data.count)) + data
    }

    public static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    public static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    public static func double(_ value: Double) -> [UInt8] { (0..<8).map { UInt8((value.bitPattern >> (8 * UInt64($0))) & 0xFF) } }

    /// An XLUnicodeString: 2-byte count, flags, characters (UTF-16LE when any is beyond Latin-1).
    public static func unicodeString(_ text: String) -> [UInt8] {
        let units = Array(text.utf16)
        let wide = units.contains { $0 > 0xFF }
        return le16(UInt16(units.count)) + [wide ? 1 : 0] + characters(units, wide: wide)
    }

    public static func characters(_ units: [UInt16], wide: Bool) -> [UInt8] {
        wide ? units.flatMap { le16($0) } : units.map { UInt8($0 & 0xFF) }
    }

    public static func bof(sheet: Bool) -> [UInt8] {
        record(0x0809, le16(0x0600) + le16(sheet ? 0x0010 : 0x0005) + le16(0x0DBB) + le16(0x07CC) + le32(0) + le32(0x0006))
    }

    public static let eof = record(0x000A, [])

    /// A cell of a hand-made sheet.
    public enum Cell {
        case sst(Int)
        case label(String)
        case number(Double, style: Int)
        case rk(UInt32, style: Int)
        case bool(Bool)
        case error(UInt8)
        case formulaNumber(Double, style: Int)
        case formulaString(String)
    }

    public static func cell(row: Int, column: Int, _ cell: Cell) -> [UInt8] {
        let head = le16(UInt16(row)) + le16(UInt16(column))
        switch cell {
        case .sst(let index): return record(0x00FD, head + le16(15) + le32(UInt32(index)))
        case .label(let text): return record(0x0204, head + le16(15) + unicodeString(text))
        case .number(let value, let style): return record(0x0203, head + le16(UInt16(style)) + double(value))
        case .rk(let value, let style): return record(0x027E, head + le16(UInt16(style)) + le32(value))
        case .bool(let value): return record(0x0205, head + le16(15) + [value ? 1 : 0, 0])
        case .error(let code): return record(0x0205, head + le16(15) + [code, 1])
        case .formulaNumber(let value, let style):
            return record(0x0006, head + le16(UInt16(style)) + double(value) + le16(0) + le32(0) + le16(0))
        case .formulaString(let text):
            return record(0x0006, head + le16(15) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + le16(0) + le32(0) + le16(0))
                + record(0x0207, unicodeString(text))
        }
    }

    /// A workbook stream: globals (date system, a custom date format 164 on style 16, built-in date format 14
    /// on style 17, the shared strings split over CONTINUE records every `sstChunk` bytes) and the sheets.
    public static func workbook(sheets: [(name: String, records: [UInt8])], sharedStrings: [String] = [], sstCount: UInt32? = nil,
                                sstChunk: Int = 8_000, date1904: Bool = false, extraGlobals: [UInt8] = []) -> [UInt8] {
        var globals = bof(sheet: false) + extraGlobals
        globals += record(0x0022, le16(date1904 ? 1 : 0))
        globals += record(0x041E, le16(164) + unicodeString("dd/mm/yyyy"))
        // 16 XFs of style 0 (general), then style 16 with format 164 and style 17 with format 14.
        for _ in 0..<16 { globals += record(0x00E0, le16(0) + le16(0) + [UInt8](repeating: 0, count: 16)) }
        globals += record(0x00E0, le16(0) + le16(164) + [UInt8](repeating: 0, count: 16))
        globals += record(0x00E0, le16(0) + le16(14) + [UInt8](repeating: 0, count: 16))
        if !sharedStrings.isEmpty || sstCount != nil {
            var body: [UInt8] = le32(UInt32(sharedStrings.count)) + le32(sstCount ?? UInt32(sharedStrings.count))
            var pieces: [[UInt8]] = []
            for text in sharedStrings {
                let units = Array(text.utf16)
                let wide = units.contains { $0 > 0xFF }
                let header = le16(UInt16(units.count)) + [wide ? 1 : 0]
                // Split inside the characters when the chunk is full: the next CONTINUE starts with a flags byte.
                if body.count + header.count + 1 > sstChunk { pieces.append(body); body = [] }
                body += header
                var rest = units[...]
                while !rest.isEmpty {
                    let room = max((sstChunk - body.count) / (wide ? 2 : 1), 0)
                    let take = rest.prefix(room)
                    body += characters(Array(take), wide: wide)
                    rest = rest.dropFirst(take.count)
                    if !rest.isEmpty {
                        pieces.append(body)
                        body = [wide ? 1 : 0]
                    }
                }
            }
            pieces.append(body)
            globals += record(0x00FC, pieces[0])
            for piece in pieces.dropFirst() { globals += record(0x003C, piece) }
        }
        // BOUNDSHEET records carry each sheet's offset: their size is known before the offsets are.
        let names = sheets.map { [UInt8(Array($0.name.utf16).count), 0] + $0.name.utf16.map { UInt8($0 & 0xFF) } }
        let boundSheetBytes = names.reduce(0) { $0 + 4 + 6 + $1.count }
        var offset = globals.count + boundSheetBytes + eof.count
        var boundSheets: [UInt8] = []
        var bodies: [UInt8] = []
        for (index, sheet) in sheets.enumerated() {
            boundSheets += record(0x0085, le32(UInt32(offset)) + [0, 0] + names[index])
            let body = bof(sheet: true) + sheet.records + eof
            bodies += body
            offset += body.count
        }
        return globals + boundSheets + eof + bodies
    }
}

/// A compound file (version 3, 512-byte sectors) holding the given streams: small ones in the mini stream,
/// the rest in sectors of their own, one FAT sector or more, no DIFAT (up to 109 FAT sectors).
public enum CompoundFileBuilder {
    public struct Layout {
        public var bytes: [UInt8]
        /// The first sector of each stream in regular sectors (nil for mini streams), by name.
        public var firstSector: [String: Int]
        /// Where each directory entry starts in `bytes`, by name.
        public var directoryEntry: [String: Int]
        /// Where the FAT's first sector starts.
        public let fatOffset: Int
    }

    static let end: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF

    public static func build(_ streams: [(name: String, bytes: [UInt8])]) -> Layout {
        let sectorSize = 512
        func sectors(_ count: Int, _ size: Int) -> Int { (count + size - 1) / size }
        var miniData: [UInt8] = []
        var miniFAT: [UInt32] = []
        var miniStart: [String: Int] = [:]
        for stream in streams where stream.bytes.count < 4096 && !stream.bytes.isEmpty {
            let first = miniFAT.count
            let count = sectors(stream.bytes.count, 64)
            miniStart[stream.name] = first
            for index in 0..<count { miniFAT.append(index == count - 1 ? end : UInt32(first + index + 1)) }
            miniData += stream.bytes + [UInt8](repeating: 0, count: count * 64 - stream.bytes.count)
        }
        let big = streams.filter { $0.bytes.count >= 4096 }
        let directorySectors = sectors((streams.count + 1) * 128, sectorSize)
        let miniFATSectors = sectors(miniFAT.count * 4, sectorSize)
        let miniDataSectors = sectors(miniData.count, sectorSize)
        let bigSectors = big.reduce(0) { $0 + sectors($1.bytes.count, sectorSize) }
        var fatSectors = 1
        while fatSectors * 128 < fatSectors + directorySectors + miniFATSectors + miniDataSectors + bigSectors { fatSectors += 1 }
        var fat = [UInt32](repeating: free, count: fatSectors * 128)
        var next = 0
        func chain(_ count: Int) -> Int {
            let first = next
            for index in 0..<count { fat[first + index] = index == count - 1 ? end : UInt32(first + index + 1) }
            next += count
            return first
        }
        for index in 0..<fatSectors { fat[index] = 0xFFFF_FFFD }
        next = fatSectors
        let directoryStart = chain(directorySectors)
        let miniFATStart = miniFATSectors > 0 ? chain(miniFATSectors) : Int(end)
        let miniDataStart = miniDataSectors > 0 ? chain(miniDataSectors) : Int(end)
        var firstSector: [String: Int] = [:]
        for stream in big { firstSector[stream.name] = chain(sectors(stream.bytes.count, sectorSize)) }

        func entry(_ name: String, type: UInt8, start: Int, size: Int, child: Int, right: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: 128)
            let units = Array(name.utf16)
            for (index, unit) in units.prefix(31).enumerated() { bytes[index * 2] = UInt8(unit & 0xFF); bytes[index * 2 + 1] = UInt8(unit >> 8) }
            let nameLength = BIFFBuilder.le16(UInt16((min(units.count, 31) + 1) * 2))
            bytes[0x40] = nameLength[0]; bytes[0x41] = nameLength[1]
            bytes[0x42] = type
            bytes[0x43] = 1
            for (offset, value) in [(0x44, free), (0x48, right < 0 ? free : UInt32(right)), (0x4C, child < 0 ? free : UInt32(child)),
                                    (0x74, UInt32(truncatingIfNeeded: start)), (0x78, UInt32(size))] {
                for (index, byte) in BIFFBuilder.le32(value).enumerated() { bytes[offset + index] = byte }
            }
            return bytes
        }
        var directory = entry("Root Entry", type: 5, start: miniDataStart, size: miniData.count, child: streams.isEmpty ? -1 : 1, right: -1)
        var directoryEntry: [String: Int] = [:]
        for (index, stream) in streams.enumerated() {
            directoryEntry[stream.name] = (directoryStart + 1) * sectorSize + (index + 1) * 128
            let start = stream.bytes.count >= 4096 ? firstSector[stream.name] ?? 0 : miniStart[stream.name] ?? Int(end)
            directory += entry(stream.name, type: 2, start: start, size: stream.bytes.count, child: -1, right: index + 2 <= streams.count ? index + 2 : -1)
        }

        var header = [UInt8](repeating: 0, count: 512)
        func put(_ offset: Int, _ bytes: [UInt8]) { for (index, byte) in bytes.enumerated() { header[offset + index] = byte } }
        put(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put(0x18, BIFFBuilder.le16(0x3E)); put(0x1A, BIFFBuilder.le16(3)); put(0x1C, BIFFBuilder.le16(0xFFFE))
        put(0x1E, BIFFBuilder.le16(9)); put(0x20, BIFFBuilder.le16(6))
        put(0x2C, BIFFBuilder.le32(UInt32(fatSectors))); put(0x30, BIFFBuilder.le32(UInt32(directoryStart)))
        put(0x38, BIFFBuilder.le32(4096)); put(0x3C, BIFFBuilder.le32(UInt32(truncatingIfNeeded: miniFATStart)))
        put(0x40, BIFFBuilder.le32(UInt32(miniFATSectors))); put(0x44, BIFFBuilder.le32(end)); put(0x48, BIFFBuilder.le32(0))
        for index in 0..<109 { put(0x4C + index * 4, BIFFBuilder.le32(index < fatSectors ? UInt32(index) : free)) }

        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (sectorSize - bytes.count % sectorSize) % sectorSize) }
        var out = header + padded(fat.flatMap { BIFFBuilder.le32($0) }) + padded(directory)
        let miniFATBytes = miniFAT.flatMap { BIFFBuilder.le32($0) }
        out += miniFATBytes + [UInt8](repeating: 0xFF, count: miniFATSectors * sectorSize - miniFATBytes.count)
        out += padded(miniData)
        for stream in big { out += padded(stream.bytes) }
        return Layout(bytes: out, firstSector: firstSector, directoryEntry: directoryEntry, fatOffset: 512)
    }
}
