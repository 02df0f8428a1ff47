import LumbungDomain

/// One cell as read from a file: CSV gives text only; a workbook also says numbers, dates and booleans.
public enum SheetValue: Sendable, Equatable {
    case empty
    case text(String)
    /// A number cell, with the exact text the file stores (`5203014508920001`, `5.20301E+15`, `4`).
    case number(String)
    /// A number cell whose style is a date format.
    case date(CalendarDate)
    case bool(Bool)
    /// An error value such as `#N/A`.
    case error(String)

    /// The value as a user would read it in a CSV export.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let text), .number(let text), .error(let text): text
        case .date(let date): date.description
        case .bool(let value): value ? "TRUE" : "FALSE"
        }
    }

    public var isBlank: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.allSatisfy(\.isWhitespace)
        default: false
        }
    }
}

/// Something the reader did to a row that the user should know of: the row is still read.
public enum SheetRowNote: Sendable, Equatable {
    /// The cells in these columns (0-based) are not in the encoding of the rest of the file (a CSV that is
    /// UTF-8 and then Windows-1252, or the other way round): each was decoded as what its bytes are.
    case encodingChanged(columns: [Int])
    /// The row number the file gives (`r="-5"`, `r="x"`, or one not after the previous row's) cannot be
    /// right: the row is placed after the previous one instead, and `given` is what the file said.
    case rowNumberInvalid(given: String)
}

/// One row of a sheet, numbered as a spreadsheet user sees it (1 = first line or row).
public struct SheetRow: Sendable, Equatable {
    public let number: Int
    public var values: [SheetValue]
    /// What the reader had to decide for this row (mixed encodings, a bad row number).
    public var notes: [SheetRowNote]

    public init(number: Int, values: [SheetValue], notes: [SheetRowNote] = []) {
        self.number = number
        self.values = values
        self.notes = notes
    }

    public var isBlank: Bool { values.allSatisfy(\.isBlank) }

    public subscript(index: Int) -> SheetValue { index < values.count ? values[index] : .empty }
}

/// A file read row by row, never whole.
public protocol SheetReader {
    /// The file's name, for messages.
    var fileName: String { get }
    /// The workbook's sheet names in order (empty for a file of one table: CSV, HTML).
    var sheetNames: [String] { get }
    /// Calls `body` for each row in order, and `progress` now and then with the share of the file read
    /// (0…1). Throws `SheetReadError` when the file is broken.
    func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws
}

extension SheetReader {
    public var sheetNames: [String] { [] }

    /// Calls `body` for each row in order.
    public func forEachRow(_ body: (SheetRow) throws -> Void) throws {
        try forEachRow(progress: { _ in }, body)
    }
}

/// Why a file cannot be read as a table, with where in it, when there is a where.
public enum SheetReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(file: String)
    case notATable(file: String, looksLike: ForeignKind)
    case oldOrProtectedWorkbook(file: String)
    /// An encrypted workbook (an .xls with a password to open, or an .xlsx/.ods encrypted with one).
    case passwordProtected(file: String)
    /// A workbook of a format older than Excel 97 (BIFF5 and before), named in `format`.
    case tooOldFormat(file: String, format: String)
    case damagedWorkbook(file: String, detail: BilingualText)
    case cellTooLarge(file: String, row: Int, column: Int)
    case tooManyColumns(file: String, row: Int, count: Int)
    case unreadable(file: String, reason: UnreadableReason)
    /// A part of a workbook that unpacks to more than Lumbung reads (a decompression or XML bomb, or a
    /// file too big for the .xlsx route).
    case tooLargeUnpacked(file: String, part: String, limit: UnpackedLimit)

    /// Largest cell accepted, Excel's own limit.
    public static let maxCellCharacters = 32_767
    /// Most columns accepted, Excel's own limit.
    public static let maxColumns = 16_384

    public var file: String {
        switch self {
        case .empty(let file), .notATable(let file, _), .oldOrProtectedWorkbook(let file), .passwordProtected(let file), .tooOldFormat(let file, _), .damagedWorkbook(let file, _),
             .cellTooLarge(let file, _, _), .tooManyColumns(let file, _, _), .unreadable(let file, _),
             .tooLargeUnpacked(let file, _, _): file
        }
    }

    public var description: String {
        switch self {
        case .empty(let file): "\(file) is empty: there are no rows to import."
        case .notATable(let file, let kind): "\(file) is not a spreadsheet or CSV file: it looks like \(kind.english). Export the data as .xlsx or .csv."
        case .oldOrProtectedWorkbook(let file):
            "\(file) is an old-format (.xls) or password-protected workbook: open it in Excel, remove the password if any, and save it as .xlsx."
        case .passwordProtected(let file):
            "\(file) is protected with a password (encrypted), so its contents cannot be read. Save it again as .xlsx without a password: in Excel, File › Info › Protect Workbook › Encrypt with Password, clear the password, save; in LibreOffice, Save As with \"Save with password\" unticked."
        case .tooOldFormat(let file, let format):
            "\(file) is in the \(format) format, older than Excel 97, which Lumbung does not read. Save it again as .xlsx: open it in Excel or LibreOffice and choose File › Save As › Excel Workbook (.xlsx)."
        case .damagedWorkbook(let file, let detail): "\(file) is a damaged or incomplete workbook (\(detail.english)): save it again from Excel or download it again."
        case .cellTooLarge(let file, let row, let column):
            "\(file), row \(row), column \(column): the cell holds more than 32,767 characters, more than any spreadsheet cell can."
        case .tooManyColumns(let file, let row, let count): "\(file), row \(row): \(count) columns, more than a spreadsheet's 16,384."
        case .unreadable(let file, let reason): "\(file) cannot be read: \(reason.english)."
        case .tooLargeUnpacked(let file, let part, let limit):
            "\(file) is too large once unpacked: its part \(part) holds more than \(limit.english). Such a file is usually damaged or made to overload the server; if the data really is this large, save it from Excel as \"CSV UTF-8\" and import the CSV file."
        }
    }

    /// The same message in Bahasa Indonesia, for the web app.
    public var indonesianDescription: String {
        switch self {
        case .empty(let file): "\(file) kosong: tidak ada baris untuk diimpor."
        case .notATable(let file, let kind): "\(file) bukan berkas spreadsheet atau CSV: isinya tampak seperti \(kind.indonesian). Ekspor datanya sebagai .xlsx atau .csv."
        case .oldOrProtectedWorkbook(let file):
            "\(file) adalah workbook format lama (.xls) atau dilindungi kata sandi: buka di Excel, hapus kata sandinya bila ada, lalu simpan sebagai .xlsx."
        case .passwordProtected(let file):
            "\(file) dilindungi kata sandi (terenkripsi), jadi isinya tidak dapat dibaca. Simpan ulang sebagai .xlsx tanpa kata sandi: di Excel, File › Info › Proteksi Buku Kerja › Enkripsi dengan Kata Sandi, kosongkan kata sandinya, lalu simpan; di LibreOffice, Simpan Sebagai dengan \"Simpan dengan kata sandi\" tidak dicentang."
        case .tooOldFormat(let file, let format):
            "\(file) berformat \(format), lebih lama dari Excel 97, dan tidak dapat dibaca Lumbung. Simpan ulang sebagai .xlsx: buka di Excel atau LibreOffice, lalu pilih File › Simpan Sebagai › Buku Kerja Excel (.xlsx)."
        case .damagedWorkbook(let file, let detail): "\(file) adalah workbook yang rusak atau tidak lengkap (\(detail.indonesian)): simpan ulang dari Excel atau unduh ulang."
        case .cellTooLarge(let file, let row, let column):
            "\(file), baris \(row), kolom \(column): sel berisi lebih dari 32.767 karakter, melebihi batas sel spreadsheet."
        case .tooManyColumns(let file, let row, let count): "\(file), baris \(row): \(count) kolom, melebihi batas 16.384 kolom."
        case .unreadable(let file, let reason): "\(file) tidak dapat dibaca: \(reason.indonesian)."
        case .tooLargeUnpacked(let file, let part, let limit):
            "Berkas \(file) terlalu besar setelah dibuka: bagiannya \(part) berisi lebih dari \(limit.indonesian). Berkas seperti ini biasanya rusak atau sengaja dibuat untuk membebani server; bila datanya memang sebesar ini, simpan dari Excel sebagai \"CSV UTF-8\" lalu impor berkas CSV itu."
        }
    }
}

/// A phrase in English and in Bahasa Indonesia: what is wrong inside a damaged workbook
/// (`SheetReadError.damagedWorkbook`), or the part of a file it is about.
public struct BilingualText: Sendable, Equatable, CustomStringConvertible {
    public let english: String
    public let indonesian: String

    public init(_ english: String, _ indonesian: String) {
        self.english = english
        self.indonesian = indonesian
    }

    public var description: String { english }
}

/// Why a file could not be read at all (`SheetReadError.unreadable`).
public enum UnreadableReason: Sendable, Equatable {
    /// The file cannot be opened (gone, or no permission).
    case cannotOpen
    /// Opening worked, reading failed part-way.
    case readFailed
    /// No file of that name, or it cannot be read.
    case missing

    public var english: String {
        switch self {
        case .cannotOpen: "the file cannot be opened"
        case .readFailed: "reading it failed"
        case .missing: "the file does not exist or cannot be read"
        }
    }

    public var indonesian: String {
        switch self {
        case .cannotOpen: "berkas tidak dapat dibuka"
        case .readFailed: "pembacaannya gagal di tengah jalan"
        case .missing: "berkas tidak ada atau tidak dapat dibaca"
        }
    }
}

/// The bound a workbook part went past, as `SheetReadError.tooLargeUnpacked` names it.
public enum UnpackedLimit: Sendable, Equatable {
    /// Bytes of XML once inflated.
    case bytes(Int)
    /// Strings in the shared-string table.
    case strings(Int)
    /// Characters of text held in memory (the shared-string table as a whole, or one tag).
    case characters(Int)
    /// Cells of a worksheet, the empty ones between its cells included.
    case cells(Int)

    var english: String {
        switch self {
        case .bytes(let count): "\(Self.mebibytes(count)) MiB of XML"
        case .strings(let count): "\(IndonesianNumber.formatEnglish(count)) shared strings"
        case .characters(let count): "\(IndonesianNumber.formatEnglish(count)) characters of text"
        case .cells(let count): "\(IndonesianNumber.formatEnglish(count)) cells"
        }
    }

    var indonesian: String {
        switch self {
        case .bytes(let count): "\(Self.mebibytes(count)) MiB XML"
        case .strings(let count): "\(IndonesianNumber.format(count)) teks bersama (shared strings)"
        case .characters(let count): "\(IndonesianNumber.format(count)) karakter teks"
        case .cells(let count): "\(IndonesianNumber.format(count)) sel"
        }
    }

    private static func mebibytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? IndonesianNumber.format(bytes >> 20) : "1"
    }
}
