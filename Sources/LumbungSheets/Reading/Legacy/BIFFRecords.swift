/// BIFF records read one after another from a workbook stream: a 2-byte type, a 2-byte length (at most
/// 8,224 in BIFF8) and the data. A record may be looked at and put back (`unread`), which the shared-string
/// table needs to tell where its CONTINUE records end.
struct BIFFRecordReader {
    struct Record {
        let type: UInt16
        let data: [UInt8]
        /// Where the record starts in the stream.
        let offset: Int
    }

    static let maxLength = 8_224

    let stream: CFBStream
    let file: String
    private var pushedBack: Record?

    init(stream: CFBStream, file: String) {
        self.stream = stream
        self.file = file
    }

    /// The next record, `nil` at the end of the stream.
    mutating func next() throws -> Record? {
        if let record = pushedBack {
            pushedBack = nil
            return record
        }
        let offset = stream.position
        let header = try stream.read(4)
        guard header.count == 4 else { return nil }
        let length = Int(header.u16(2))
        guard length <= Self.maxLength else {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("a record at byte \(offset) of the workbook stream is longer than BIFF allows", "rekaman pada bita ke-\(offset) aliran workbook lebih panjang dari yang diizinkan BIFF"))
        }
        let data = try stream.read(length)
        guard data.count == length else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("the workbook stream is cut off", "aliran workbook-nya terpotong")) }
        return Record(type: header.u16(0), data: data, offset: offset)
    }

    mutating func unread(_ record: Record) {
        pushedBack = record
    }

    mutating func seek(to offset: Int) {
        pushedBack = nil
        stream.seek(to: offset)
    }
}

/// BIFF8's record types that Lumbung reads.
enum BIFF {
    static let bof: UInt16 = 0x0809
    static let eof: UInt16 = 0x000A
    static let filePass: UInt16 = 0x002F
    static let dateMode: UInt16 = 0x0022
    static let format: UInt16 = 0x041E
    static let xf: UInt16 = 0x00E0
    static let boundSheet: UInt16 = 0x0085
    static let sst: UInt16 = 0x00FC
    static let `continue`: UInt16 = 0x003C
    static let labelSST: UInt16 = 0x00FD
    static let label: UInt16 = 0x0204
    static let richString: UInt16 = 0x00D6
    static let number: UInt16 = 0x0203
    static let rk: UInt16 = 0x027E
    static let mulRK: UInt16 = 0x00BD
    static let boolErr: UInt16 = 0x0205
    static let formula: UInt16 = 0x0006
    static let string: UInt16 = 0x0207
    /// BOF records of BIFF2, 3 and 4 (Excel 2.x–4.0), which Lumbung does not read.
    static let oldBOFs: Set<UInt16> = [0x0009, 0x0209, 0x0409]

    /// An RK number: a 30-bit integer or the top 30 bits of a double, maybe divided by 100.
    static func rk(_ value: UInt32) -> Double {
        let number: Double = value & 2 != 0 ? Double(Int32(bitPattern: value) >> 2) : Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        return value & 1 != 0 ? number / 100 : number
    }

    static func double(_ bytes: [UInt8], at offset: Int) -> Double {
        Double(bitPattern: bytes.u64(offset))
    }

    /// The text of an error value's code.
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        default: "#N/A"
        }
    }

    /// A string of `count` characters at `offset` (after its flags byte at `offset - 1`): one byte per
    /// character (Latin-1) or UTF-16LE, as the flags say; as much as the bytes hold.
    static func characters(_ bytes: [UInt8], at offset: Int, count: Int, wide: Bool) -> (String, end: Int) {
        let width = wide ? 2 : 1
        let available = max(0, (bytes.count - offset) / width)
        let take = min(count, available)
        var units: [UInt16] = []
        units.reserveCapacity(take)
        for index in 0..<take {
            units.append(wide ? bytes.u16(offset + index * 2) : UInt16(bytes[offset + index]))
        }
        return (String(decoding: units, as: UTF16.self), offset + take * width)
    }

    /// An XLUnicodeString (2-byte count, flags, characters) at `offset`.
    static func unicodeString(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset + 3 <= bytes.count else { return "" }
        return characters(bytes, at: offset + 3, count: Int(bytes.u16(offset)), wide: bytes[offset + 2] & 1 != 0).0
    }

    /// A ShortXLUnicodeString (1-byte count, flags, characters) at `offset`.
    static func shortUnicodeString(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset + 2 <= bytes.count else { return "" }
        return characters(bytes, at: offset + 2, count: Int(bytes[offset]), wide: bytes[offset + 1] & 1 != 0).0
    }
}

/// Reads strings that run on from a record into its CONTINUE records (the shared-string table, a long
/// formula string): where a string's characters cross into the next record, that record starts with a
/// new flags byte saying whether the rest is one or two bytes per character.
struct BIFFContinuedBytes {
    private var records: BIFFRecordReader
    private var data: [UInt8]
    private var index = 0
    private(set) var ended = false

    init(records: BIFFRecordReader, first: [UInt8]) {
        self.records = records
        data = first
    }

    /// The record reader, positioned after the last CONTINUE read.
    var reader: BIFFRecordReader { records }

    /// Moves to the next CONTINUE record; false (and `ended`) when the next record is something else.
    private mutating func nextRecord() throws -> Bool {
        guard let record = try records.next() else { ended = true; return false }
        guard record.type == BIFF.continue else {
            records.unread(record)
            ended = true
            return false
        }
        data = record.data
        index = 0
        return true
    }

    mutating func bytes(_ count: Int) throws -> [UInt8]? {
        var out: [UInt8] = []
        while out.count < count {
            if index >= data.count { guard try nextRecord() else { return nil } }
            let take = min(count - out.count, data.count - index)
            out.append(contentsOf: data[index..<(index + take)])
            index += take
        }
        return out
    }

    mutating func skip(_ count: Int) throws -> Bool {
        var left = count
        while left > 0 {
            if index >= data.count { guard try nextRecord() else { return false } }
            let take = min(left, data.count - index)
            index += take
            left -= take
        }
        return true
    }

    /// `count` characters starting `wide` or not, switching width where a CONTINUE record says so.
    mutating func characters(_ count: Int, wide startWide: Bool) throws -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(count)
        var wide = startWide
        while units.count < count {
            if index >= data.count {
                guard try nextRecord(), index < data.count else { return nil }
                wide = data[index] & 1 != 0
                index += 1
            }
            if wide {
                guard index + 2 <= data.count else { index = data.count; continue }
                units.append(UInt16(data[index]) | UInt16(data[index + 1]) << 8)
                index += 2
            } else {
                units.append(UInt16(data[index]))
                index += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// An XLUnicodeRichExtendedString (the shared-string table's entries); `nil` when the bytes end first.
    mutating func richExtendedString() throws -> String? {
        guard let head = try bytes(3) else { return nil }
        let count = Int(head.u16(0))
        let flags = head[2]
        var runs = 0, extended = 0
        if flags & 0x08 != 0 {
            guard let bytes = try bytes(2) else { return nil }
            runs = Int(bytes.u16(0))
        }
        if flags & 0x04 != 0 {
            guard let bytes = try bytes(4) else { return nil }
            extended = Int(Int32(bitPattern: bytes.u32(0)))
            guard extended >= 0 else { return nil }
        }
        guard let text = try characters(count, wide: flags & 1 != 0) else { return nil }
        guard try skip(runs * 4), try skip(extended) else { return nil }
        return text
    }

    /// An XLUnicodeString (a formula's cached string).
    mutating func unicodeString() throws -> String? {
        guard let head = try bytes(3) else { return nil }
        return try characters(Int(head.u16(0)), wide: head[2] & 1 != 0)
    }
}
