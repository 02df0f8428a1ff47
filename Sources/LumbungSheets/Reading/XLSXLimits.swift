import Foundation
import ZIPFoundation

/// How much of a workbook Lumbung unpacks. An .xlsx is a ZIP archive, and deflate turns a few hundred
/// kilobytes into gigabytes (a decompression bomb): every part is inflated under a bound, checked against
/// the size the archive declares before inflating and against the bytes actually inflated while streaming
/// (the declared size can lie). The worksheet streams row by row and is only bounded in bytes; the
/// shared-string table is held in memory, so its count and its text are bounded too.
///
/// The defaults leave room for a kabupaten's whole registry (a million rows); a bigger workbook is
/// refused with a message that asks for CSV, which streams without these bounds.
public struct XLSXLimits: Sendable {
    /// workbook.xml, relationships and styles: kilobytes in any real file.
    public var smallPartBytes: Int
    /// The worksheet, streamed.
    public var sheetBytes: Int
    /// xl/sharedStrings.xml as XML.
    public var sharedStringsPartBytes: Int
    /// Strings in the shared-string table.
    public var sharedStrings: Int
    /// Characters (UTF-8 bytes) of all shared strings together.
    public var sharedStringBytes: Int
    /// Cells a worksheet may give (empty ones it skips over included): this many per byte of the packed
    /// worksheet, plus `baseCells`. A real sheet gives about one cell per packed byte.
    public var cellsPerPackedByte: Int
    public var baseCells: Int

    public init(smallPartBytes: Int = 16 << 20, sheetBytes: Int = 4 << 30, sharedStringsPartBytes: Int = 1 << 30,
                sharedStrings: Int = 2_000_000, sharedStringBytes: Int = 64 << 20, cellsPerPackedByte: Int = 1_000,
                baseCells: Int = 1_000_000) {
        self.smallPartBytes = smallPartBytes
        self.sheetBytes = sheetBytes
        self.sharedStringsPartBytes = sharedStringsPartBytes
        self.sharedStrings = sharedStrings
        self.sharedStringBytes = sharedStringBytes
        self.cellsPerPackedByte = cellsPerPackedByte
        self.baseCells = baseCells
    }

    /// The cells a worksheet of `packedBytes` (as the archive declares it, capped at 1 TiB) may give.
    func cells(packedBytes: UInt64) -> Int {
        baseCells + min(Int(clamping: packedBytes), 1 << 40) * cellsPerPackedByte
    }

    public static let standard = XLSXLimits()
}

/// Inflating one part of a workbook under a bound.
enum BoundedPart {
    /// Streams the inflated bytes of `entry` to `consume`, throwing `SheetReadError.tooLargeUnpacked`
    /// (naming `file` and the part) as soon as they pass `limit` — or before inflating anything when the
    /// archive itself declares more.
    static func extract(_ archive: Archive, _ entry: Entry, file: String, limit: Int, _ consume: (Data) throws -> Void) throws {
        let tooLarge = SheetReadError.tooLargeUnpacked(file: file, part: entry.path, limit: .bytes(limit))
        guard entry.uncompressedSize <= UInt64(max(limit, 0)) else { throw tooLarge }
        var inflated = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                inflated += chunk.count
                guard inflated <= limit else { throw tooLarge }
                try consume(chunk)
            }
        } catch where String(reflecting: type(of: error)).hasPrefix("ZIPFoundation.") {
            // The package's own errors (a bad deflate stream, a wrong CRC, a truncated entry) are a damaged file, said
            // so with the file's name, never an error the importer does not know; the consumer's errors pass unchanged.
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("\(entry.path) cannot be inflated", "bagian \(entry.path) tidak dapat dibuka (didekompresi)"))
        }
    }
}
