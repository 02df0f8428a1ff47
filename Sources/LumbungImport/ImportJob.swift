import Foundation
import LumbungDomain
import LumbungSheets
import LumbungStore

/// How to import a file.
public struct ImportOptions: Sendable {
    /// `auto` or a layout (`dtsen`, `p3ke`, `siksng`, `lumbung`, or a full name such as `dtsen-individu`).
    public var layout = "auto"
    /// Header → field mapping from a mapping file (its layout, if given, wins over `layout`).
    public var mapping: [String: ImportField] = [:]
    /// Check everything against the registry, then roll back: nothing is kept.
    public var dryRun = false
    /// The date birth dates are checked against (none may be later) and ages counted on.
    public var asOf: CalendarDate
    /// Where the rejects file goes; by default next to the imported file.
    public var rejectsFolder: URL?
    /// The uploader's region scope: rows of desa outside it are rejected (`out_of_scope`), and people are
    /// joined only to families inside it. `nil` for the command line, which runs with the server's rights.
    public var scope: RegionCode?

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }
}

/// How far an import is.
public struct ImportProgress: Sendable {
    public let rows: Int
    /// Share of the file read, 0…1.
    public let fraction: Double
}

/// Imports one file: sniff, find the header and layout, stream and validate every row, write the
/// batch in one transaction, report, and give back the rejected rows to fix.
public struct ImportJob: Sendable {
    public let database: Database
    public let references: ImportReferences

    public init(database: Database, references: ImportReferences) {
        self.database = database
        self.references = references
    }

    /// Opens a file as CSV or XLSX by its content, not its name.
    public static func reader(for url: URL) throws -> any SheetReader {
        let head = (try? FileHandle(forReadingFrom: url)).flatMap { try? $0.read(upToCount: 4) }.map(Array.init) ?? []
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || url.pathExtension.lowercased() == "xlsx" && !head.isEmpty
            && TextSniffer.looksBinary(head) {
            return try XLSXSheetReader(url: url)
        }
        return try CSVSheetReader(url: url)
    }

    /// A workbook whose table goes on in further sheets (Excel's 1,048,576-row limit) would lose rows if
    /// only the first were read: such a workbook is refused with what to do instead.
    static func refuseContinuationSheets(_ reader: any SheetReader, header: [String]) throws {
        guard let workbook = reader as? XLSXSheetReader, workbook.sheetNames.count > 1 else { return }
        var continued: [String] = []
        for index in 1..<workbook.sheetNames.count {
            let sheet = try XLSXSheetReader(url: workbook.url, sheet: index)
            var first: [String]?
            struct Stop: Error {}
            do {
                try sheet.forEachRow { row in
                    guard !row.isBlank else { return }
                    first = row.values.map(\.text)
                    throw Stop()
                }
            } catch is Stop {}
            if let first, first.prefix(header.count) == header[...] { continued.append(workbook.sheetNames[index]) }
        }
        if !continued.isEmpty { throw ImportError.continuedOnMoreSheets(file: workbook.fileName, sheets: continued) }
    }

    public func run(_ file: URL, options: ImportOptions, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) async throws -> ImportReport {
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw SheetReadError.unreadable(file: file.lastPathComponent, reason: "the file does not exist or cannot be read")
        }
        let reader = try Self.reader(for: file)
        let header = try HeaderScan.find(in: reader, choice: options.layout, mapping: options.mapping)
        try Self.refuseContinuationSheets(reader, header: header.columns.header)
        let sha256 = try SHA256.of(file: file)
        var report = ImportReport(file: file.lastPathComponent, layout: header.layout.rawValue, headerRow: header.row, dryRun: options.dryRun)
        let registry = RegistryStore(database: database, tree: references.tree)
        if !options.dryRun, let previous = try await registry.previousImport(sha256: sha256, scope: options.scope) {
            report.alreadyImportedInBatch = previous.batchID
            report.batchID = previous.batchID
            return report
        }
        let parser = RowParser(layout: header.layout, columns: header.columns, asOf: options.asOf, resolver: references.resolver,
                               knownDistricts: references.knownDistricts, scope: options.scope)
        let rejectsURL = (options.rejectsFolder ?? file.deletingLastPathComponent())
            .appendingPathComponent(file.deletingPathExtension().lastPathComponent + "-ditolak.csv")
        try? FileManager.default.removeItem(at: rejectsURL)
        let scan = FileScan(reader: reader, parser: parser, headerRow: header.row,
                            rejects: RejectsWriter(url: rejectsURL, header: header.columns.header), progress: progress)
        let info = ImportBatchInfo(layout: header.layout.rawValue, fileName: file.lastPathComponent, sha256: sha256,
                                   dryRun: options.dryRun, asOf: options.asOf, scope: options.scope)
        let outcome = try await registry.importBatch(info, rowsArePeople: header.layout.makesPeople) { batch in
            try await scan.run(into: batch)
        }
        // Rows whose family the registry did not know go to the rejects file too.
        try scan.appendRejects(rows: Set(outcome.familyNotFound))
        report.batchID = options.dryRun ? nil : outcome.batchID
        report.rowsRead = scan.rowsRead
        report.inserted = outcome.inserted
        report.updated = outcome.updated
        report.merged = outcome.merged.count
        report.warned = scan.warnedRows
        report.rejected = scan.rejectedRows + outcome.familyNotFound.count
        report.count(scan.issues)
        report.count(outcome.familyNotFound.map { ImportIssue.familyNotFound(row: $0) })
        report.count(outcome.merged.map { ImportIssue.duplicateInFile(row: $0.row, keptRow: $0.into) })
        report.rejectsFile = try scan.finishRejects()
        return report
    }
}

/// One pass over a file on its own thread, feeding parsed rows to the batch.
final class FileScan: @unchecked Sendable {
    private let reader: any SheetReader
    private let parser: RowParser
    private let headerRow: Int
    private let rejects: RejectsWriter
    private let progress: @Sendable (ImportProgress) -> Void
    private(set) var rowsRead = 0
    private(set) var warnedRows = 0
    private(set) var rejectedRows = 0
    private(set) var issues: [ImportIssue] = []
    private var stored: [StoredIssue] = []

    static let rowsPerChunk = 2_000

    init(reader: any SheetReader, parser: RowParser, headerRow: Int, rejects: RejectsWriter, progress: @escaping @Sendable (ImportProgress) -> Void) {
        self.reader = reader
        self.parser = parser
        self.headerRow = headerRow
        self.rejects = rejects
        self.progress = progress
    }

    func run(into batch: RegistryImport) async throws -> (issues: [StoredIssue], counts: BatchCounts) {
        let feed = RowFeed()
        let thread = Thread { [self] in
            do {
                try self.read(into: feed)
                feed.finish()
            } catch {
                feed.finish(throwing: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            for try await chunk in feed.stream {
                try await batch.add(families: chunk.families)
                try await batch.add(people: chunk.people)
                feed.written()
            }
        } catch {
            feed.cancel()
            throw error
        }
        return (stored, BatchCounts(read: rowsRead, warned: warnedRows, rejected: rejectedRows))
    }

    private func read(into feed: RowFeed) throws {
        var chunk = RowFeed.Chunk()
        let columnCount = parser.columns.header.count
        let isCSV = reader is CSVSheetReader
        try reader.forEachRow(progress: { [self] fraction in
            progress(ImportProgress(rows: rowsRead, fraction: fraction))
        }) { row in
            guard row.number > headerRow, !row.isBlank else { return }
            let extra = row.values.dropFirst(columnCount).contains { !$0.isBlank }
            if extra || isCSV && row.values.count < columnCount && row.values.count > 1 {
                throw ImportError.rowShape(file: reader.fileName, row: row.number, cells: row.values.count, columns: columnCount)
            }
            rowsRead += 1
            let parsed = parser.parse(row)
            issues += parsed.issues
            if parsed.rejected {
                rejectedRows += 1
                try rejects.write(row, reasons: parsed.issues.filter { $0.severity == .error })
                let raw = String(decoding: (try? JSONEncoder().encode(row.values.map(\.text))) ?? Data("[]".utf8), as: UTF8.self)
                stored += parsed.issues.map { StoredIssue($0, rawRow: $0.severity == .error ? raw : nil) }
            } else {
                if parsed.warned { warnedRows += 1 }
                stored += parsed.issues.map { StoredIssue($0, rawRow: nil) }
                if let family = parsed.family { chunk.families.append(family) }
                if let person = parsed.person { chunk.people.append(person) }
            }
            if chunk.families.count + chunk.people.count >= Self.rowsPerChunk {
                try feed.send(chunk)
                chunk = RowFeed.Chunk()
            }
        }
        if !chunk.isEmpty { try feed.send(chunk) }
        progress(ImportProgress(rows: rowsRead, fraction: 1))
        if rowsRead == 0 { throw ImportError.noDataRows(file: reader.fileName) }
    }

    /// Second pass: adds the rows the database rejected to the rejects file.
    func appendRejects(rows: Set<Int>) throws {
        guard !rows.isEmpty else { return }
        try reader.forEachRow { row in
            guard rows.contains(row.number) else { return }
            try rejects.write(row, reasons: [ImportIssue.familyNotFound(row: row.number)])
        }
    }

    func finishRejects() throws -> String? {
        try rejects.finish()
    }
}
