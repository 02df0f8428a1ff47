import Foundation

/// A Compound File Binary container (OLE2, [MS-CFB]): the "file system inside a file" of Excel 97–2003
/// workbooks and of encrypted Office files. Only what a reader needs: the header, the FAT (through the
/// DIFAT), the mini FAT and mini stream, the directory, and streams read sector by sector.
///
/// Every number in the file is checked before use: a sector index past the end of the file, a chain that
/// loops, a stream longer than its sectors or a table bigger than the file are `SheetReadError`s naming
/// the file, never a crash or an allocation larger than the file itself.
struct CompoundFile {
    struct Entry {
        let name: String
        /// 1 storage, 2 stream, 5 root.
        let type: UInt8
        let start: UInt32
        let size: Int
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let freeSector: UInt32 = 0xFFFF_FFFF
    static let miniSectorSize = 64
    static let miniStreamCutoff = 4096

    let file: String
    let entries: [Entry]
    private let source: RandomAccessFile
    private let sectorSize: Int
    /// Whole sectors the file holds after its header.
    private let sectorCount: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let miniStreamChain: [UInt32]
    private let miniStreamSize: Int

    init(url: URL, file: String) throws {
        self.file = file
        let source = try RandomAccessFile(url: url, file: file)
        self.source = source
        let header = try source.read(at: 0, count: 512, what: BilingualText("its header", "kepalanya"))
        guard Array(header[0..<8]) == Self.signature else { throw Self.damaged(file, BilingualText("its compound-file signature is wrong", "tanda berkas majemuknya (compound file) salah")) }
        let major = header.u16(0x1A)
        let shift = header.u16(0x1E)
        guard header.u16(0x1C) == 0xFFFE, (major == 3 && shift == 9) || (major == 4 && shift == 12), header.u16(0x20) == 6 else {
            throw Self.damaged(file, BilingualText("its compound-file header is invalid", "kepala berkas majemuknya (compound file) tidak sah"))
        }
        let sectorSize = 1 << Int(shift)
        self.sectorSize = sectorSize
        let sectorCount = max(0, (source.size - sectorSize) / sectorSize)
        self.sectorCount = sectorCount
        let fatSectors = Int(header.u32(0x2C))
        guard fatSectors <= sectorCount else { throw Self.damaged(file, BilingualText("its FAT is larger than the file", "tabel FAT-nya lebih besar dari berkasnya")) }

        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        var fatLocations: [UInt32] = []
        for index in 0..<109 where fatLocations.count < fatSectors {
            fatLocations.append(header.u32(0x4C + index * 4))
        }
        var difat = header.u32(0x44)
        var difatSeen = 0
        let perDIFAT = sectorSize / 4 - 1
        while fatLocations.count < fatSectors {
            guard difat < UInt32(sectorCount) else { throw Self.damaged(file, BilingualText("a DIFAT sector number points past the end of the file", "nomor sektor DIFAT menunjuk melewati akhir berkas")) }
            difatSeen += 1
            guard difatSeen <= sectorCount else { throw Self.damaged(file, BilingualText("its DIFAT chain loops", "rantai DIFAT-nya berputar-putar")) }
            let sector = try source.read(at: (Int(difat) + 1) * sectorSize, count: sectorSize, what: BilingualText("a DIFAT sector", "sebuah sektor DIFAT"))
            for index in 0..<perDIFAT where fatLocations.count < fatSectors {
                fatLocations.append(sector.u32(index * 4))
            }
            difat = sector.u32(perDIFAT * 4)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors * sectorSize / 4)
        for location in fatLocations {
            guard location < UInt32(sectorCount) else { throw Self.damaged(file, BilingualText("a FAT sector number points past the end of the file", "nomor sektor FAT menunjuk melewati akhir berkas")) }
            let sector = try source.read(at: (Int(location) + 1) * sectorSize, count: sectorSize, what: BilingualText("a FAT sector", "sebuah sektor FAT"))
            for index in 0..<(sectorSize / 4) { fat.append(sector.u32(index * 4)) }
        }
        self.fat = fat

        // The directory: 128-byte entries in the chain that starts at the header's first directory sector.
        let directoryChain = try Self.chain(from: header.u32(0x30), fat: fat, sectorCount: sectorCount, file: file, what: BilingualText("directory", "direktori"))
        var entries: [Entry] = []
        for sector in directoryChain {
            let bytes = try source.read(at: (Int(sector) + 1) * sectorSize, count: sectorSize, what: BilingualText("a directory sector", "sebuah sektor direktori"))
            for offset in stride(from: 0, to: sectorSize, by: 128) {
                let nameLength = min(Int(bytes.u16(offset + 0x40)), 64)
                var units: [UInt16] = []
                for index in stride(from: 0, to: max(nameLength - 2, 0), by: 2) { units.append(bytes.u16(offset + index)) }
                let size = major == 3 ? Int(bytes.u32(offset + 0x78)) : Int(clamping: bytes.u64(offset + 0x78))
                entries.append(Entry(name: String(decoding: units, as: UTF16.self), type: bytes[offset + 0x42],
                                     start: bytes.u32(offset + 0x74), size: size))
            }
        }
        guard let root = entries.first, root.type == 5 else { throw Self.damaged(file, BilingualText("its directory has no root entry", "direktorinya tidak memiliki entri akar")) }
        self.entries = entries

        // The mini FAT and the mini stream (held by the root entry), for streams under 4,096 bytes.
        let miniFATChain = try Self.chain(from: header.u32(0x3C), fat: fat, sectorCount: sectorCount, file: file, what: BilingualText("mini FAT", "mini FAT"))
        var miniFAT: [UInt32] = []
        for sector in miniFATChain {
            let bytes = try source.read(at: (Int(sector) + 1) * sectorSize, count: sectorSize, what: BilingualText("a mini FAT sector", "sebuah sektor mini FAT"))
            for index in 0..<(sectorSize / 4) { miniFAT.append(bytes.u32(index * 4)) }
        }
        self.miniFAT = miniFAT
        miniStreamChain = root.size > 0 ? try Self.chain(from: root.start, fat: fat, sectorCount: sectorCount, file: file, what: BilingualText("mini stream", "mini stream")) : []
        guard root.size <= miniStreamChain.count * sectorSize else { throw Self.damaged(file, BilingualText("its mini stream is longer than its sectors", "mini stream-nya lebih panjang dari sektornya")) }
        miniStreamSize = root.size
    }

    /// The stream called `name` (case-insensitive), if the directory has one.
    func stream(named name: String) -> Entry? {
        entries.first { $0.type == 2 && $0.name.lowercased() == name.lowercased() }
    }

    /// A reader over the bytes of `entry`.
    func open(_ entry: Entry) throws -> CFBStream {
        if entry.size < Self.miniStreamCutoff {
            // A small stream lives in the mini stream, in 64-byte mini sectors: read it whole (under 4 KiB).
            let chain = try Self.chain(from: entry.start, fat: miniFAT, sectorCount: miniStreamSize / Self.miniSectorSize, file: file,
                                       what: BilingualText("stream \(entry.name)", "aliran \(entry.name)"), allowEmpty: entry.size == 0)
            guard entry.size <= chain.count * Self.miniSectorSize else { throw Self.damaged(file, BilingualText("the stream \(entry.name) is longer than its sectors", "aliran \(entry.name) lebih panjang dari sektornya")) }
            var bytes: [UInt8] = []
            for mini in chain where bytes.count < entry.size {
                let offset = Int(mini) * Self.miniSectorSize
                let sector = miniStreamChain[offset / sectorSize]
                let position = (Int(sector) + 1) * sectorSize + offset % sectorSize
                bytes += try source.read(at: position, count: Self.miniSectorSize, what: BilingualText("a mini sector", "sebuah sektor mini"))
            }
            return CFBStream(bytes: Array(bytes.prefix(entry.size)))
        }
        let chain = try Self.chain(from: entry.start, fat: fat, sectorCount: sectorCount, file: file, what: BilingualText("stream \(entry.name)", "aliran \(entry.name)"))
        guard entry.size <= chain.count * sectorSize else { throw Self.damaged(file, BilingualText("the stream \(entry.name) is longer than its sectors", "aliran \(entry.name) lebih panjang dari sektornya")) }
        return CFBStream(source: source, chain: chain, sectorSize: sectorSize, size: entry.size)
    }

    /// The sectors of the chain starting at `start`, following `fat`: every index must be a sector of the
    /// file (or of the mini stream) and the chain may not be longer than there are sectors (a loop).
    static func chain(from start: UInt32, fat: [UInt32], sectorCount: Int, file: String, what: BilingualText, allowEmpty: Bool = true) throws -> [UInt32] {
        var chain: [UInt32] = []
        var sector = start
        let limit = min(sectorCount, fat.count)
        while sector != endOfChain {
            if sector == freeSector && chain.isEmpty && allowEmpty { break }
            guard sector < UInt32(limit) else { throw damaged(file, BilingualText("a sector number of the \(what.english) points past the end of the file", "nomor sektor \(what.indonesian) menunjuk melewati akhir berkas")) }
            guard chain.count < limit else { throw damaged(file, BilingualText("the sector chain of the \(what.english) loops", "rantai sektor \(what.indonesian) berputar-putar")) }
            chain.append(sector)
            sector = fat[Int(sector)]
        }
        return chain
    }

    static func damaged(_ file: String, _ detail: BilingualText) -> SheetReadError {
        .damagedWorkbook(file: file, detail: detail)
    }
}

/// The bytes of one stream of a compound file, read in order (or from a position), a run of adjacent
/// sectors at a time.
final class CFBStream {
    private let source: RandomAccessFile?
    private let chain: [UInt32]
    private let sectorSize: Int
    let size: Int
    private(set) var position = 0
    private var buffer: [UInt8]
    private var bufferStart = 0

    /// A stream held in memory (a small one, from the mini stream).
    init(bytes: [UInt8]) {
        source = nil
        chain = []
        sectorSize = 1
        size = bytes.count
        buffer = bytes
    }

    init(source: RandomAccessFile, chain: [UInt32], sectorSize: Int, size: Int) {
        self.source = source
        self.chain = chain
        self.sectorSize = sectorSize
        self.size = size
        buffer = []
    }

    var remaining: Int { size - position }

    func seek(to offset: Int) {
        position = min(max(offset, 0), size)
    }

    /// The next `count` bytes, or fewer at the end of the stream.
    func read(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var wanted = min(max(count, 0), remaining)
        out.reserveCapacity(wanted)
        while wanted > 0 {
            if position < bufferStart || position >= bufferStart + buffer.count { try fill() }
            let from = position - bufferStart
            let take = min(wanted, buffer.count - from)
            guard take > 0 else { break }
            out.append(contentsOf: buffer[from..<(from + take)])
            position += take
            wanted -= take
        }
        return out
    }

    /// Loads the run of adjacent sectors (up to 64 KiB) that holds `position`.
    private func fill() throws {
        guard let source else { return }
        let first = position / sectorSize
        var last = first
        while last + 1 < chain.count, chain[last + 1] == chain[last] &+ 1, (last + 2 - first) * sectorSize <= 1 << 16 { last += 1 }
        let bytes = try source.read(at: (Int(chain[first]) + 1) * sectorSize, count: (last - first + 1) * sectorSize, what: BilingualText("a stream sector", "sebuah sektor aliran"))
        bufferStart = first * sectorSize
        buffer = Array(bytes.prefix(size - bufferStart))
    }
}

/// A file read at offsets, every read checked against its size.
final class RandomAccessFile {
    let size: Int
    private let handle: FileHandle
    private let file: String

    init(url: URL, file: String) throws {
        self.file = file
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw SheetReadError.unreadable(file: file, reason: .cannotOpen)
        }
        self.handle = handle
        size = Int(clamping: (try? handle.seekToEnd()) ?? 0)
    }

    deinit { try? handle.close() }

    func read(at offset: Int, count: Int, what: BilingualText) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size - count else {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("\(what.english) lies past the end of the file (is it cut off?)", "\(what.indonesian) terletak melewati akhir berkas (apakah berkasnya terpotong?)"))
        }
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("\(what.english) is cut off", "\(what.indonesian) terpotong")) }
            return Array(data)
        } catch let error as SheetReadError {
            throw error
        } catch {
            throw SheetReadError.unreadable(file: file, reason: .readFailed)
        }
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers at `offset`; 0 where the bytes run out (callers check lengths first).
    func u16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= count else { return 0 }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }

    func u64(_ offset: Int) -> UInt64 {
        UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }
}
