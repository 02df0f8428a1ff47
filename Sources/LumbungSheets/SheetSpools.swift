import Foundation

/// The sheets of a workbook being written (.ods, .xls): each sheet's rows spooled, already encoded, to a file of its own
/// in a work folder beside the workbook, so that `finish()` can write the workbook's parts in the order its format
/// wants; a sheet past the format's row limit continues on a new sheet ("Data (2)") with the header repeated.
final class SheetSpools {
    struct Sheet {
        let title: String
        let file: URL
        var rows = 0
        var columns = 0
    }

    let workFolder: URL
    private(set) var sheets: [Sheet] = []
    /// The encoded rows not yet on disk.
    var buffer: [UInt8] = []
    private var handle: FileHandle?
    private var name: String
    private var header: [Cell]?
    private var sheetsOfName = 0
    private let rowsPerSheet: Int
    private let title: (String, String) -> String
    /// Rows written since the last named sheet began, its continuations included.
    private(set) var rowsWritten = 0

    /// `title` makes a sheet's title of its name and its continuation suffix (`""`, `" (2)"` …).
    init(beside url: URL, sheetName: String, header: [Cell]?, rowsPerSheet: Int, title: @escaping (String, String) -> String = { $0 + $1 }) throws {
        workFolder = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).parts")
        name = sheetName
        self.header = header
        self.rowsPerSheet = rowsPerSheet
        self.title = title
        try? FileManager.default.removeItem(at: workFolder)
        do {
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw SheetWriteError.cannotCreate(path: url.path)
        }
        try open()
    }

    /// Writes a row through `encode` (which appends it to `buffer`), continuing on a new sheet when this one is full.
    func write(_ row: [Cell], encode: ([Cell]) throws -> Void) throws {
        if sheets[sheets.count - 1].rows == rowsPerSheet {
            try close()
            try open()
            if let header { try add(header, encode) }
        }
        try add(row, encode)
        rowsWritten += 1
    }

    /// Ends the current sheet and starts another one called `name`.
    func start(named name: String, header: [Cell]?) throws {
        try close()
        self.name = name
        self.header = header
        sheetsOfName = 0
        rowsWritten = 0
        try open()
    }

    /// Ends the last sheet; the sheets' files stay for the workbook to be assembled from, then `removeWorkFolder()`.
    func close() throws {
        guard handle != nil else { return }
        try flush()
        try handle?.close()
        handle = nil
    }

    func removeWorkFolder() throws {
        try FileManager.default.removeItem(at: workFolder)
    }

    /// The size of a sheet's file on disk.
    func size(of sheet: Sheet) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: sheet.file.path)[.size] as? Int) ?? 0
    }

    private func add(_ row: [Cell], _ encode: ([Cell]) throws -> Void) throws {
        try encode(row)
        sheets[sheets.count - 1].rows += 1
        sheets[sheets.count - 1].columns = max(sheets[sheets.count - 1].columns, row.count)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func open() throws {
        let file = workFolder.appendingPathComponent("sheet\(sheets.count + 1)")
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw SheetWriteError.cannotCreate(path: file.path) }
        sheetsOfName += 1
        sheets.append(Sheet(title: title(name, sheetsOfName == 1 ? "" : " (\(sheetsOfName))"), file: file))
        handle = try FileHandle(forWritingTo: file)
    }

    private func flush() throws {
        guard !buffer.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
