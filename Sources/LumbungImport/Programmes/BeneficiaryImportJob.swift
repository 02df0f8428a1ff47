import Foundation
import LumbungDomain
import LumbungSheets
import LumbungStore

/// How to import a beneficiary list.
public struct BeneficiaryImportOptions: Sendable {
    public var asOf: CalendarDate
    /// The programme of a list of one programme (rows naming none); a list with a programme column names its own.
    public var programme: ProgrammeCode?
    /// The importing partner's organisation: only its own programmes' lists are taken.
    public var owner: String?
    /// Register programmes a list of several programmes names and that are not registered yet (command line).
    public var registerListedProgrammes = false
    public var dryRun = false
    public var rejectsFolder: URL?
    /// The uploader's region scope: rows of families outside it are refused.
    public var scope: RegionCode?
    /// Who imports: the audit log's actor for a programme a workbook registers or changes.
    public var actor: AuditActor = .commandLine

    public init(asOf: CalendarDate, programme: ProgrammeCode?) {
        self.asOf = asOf
        self.programme = programme
    }
}

/// Imports a beneficiary list through the import pipeline: finds the header, reads and checks every row (no
/// database), then matches and writes the rows as enrolments of their programme in one batch, all or nothing;
/// reports, and writes the rejected rows with their reasons to a rejects file. The same file again changes nothing.
public struct BeneficiaryImportJob: Sendable {
    public let database: Database
    public let references: ImportReferences

    public static let layout = "penerima-program"

    public init(database: Database, references: ImportReferences) {
        self.database = database
        self.references = references
    }

    public func run(_ file: URL, options: BeneficiaryImportOptions) async throws -> ImportReport {
        let rejectsFolder = try ImportJob.preflight(file, rejectsFolder: options.rejectsFolder)
        let readers = try TableScan.readers(for: file)
        let workbook = try ProgrammeWorkbook.read(readers, file: file.lastPathComponent, programme: options.programme)
        let reader: any SheetReader
        let columns: BeneficiaryColumns
        if let workbook {
            (reader, columns) = (workbook.participants, workbook.columns)
        } else if let found = try BeneficiaryColumns.locate(in: readers) {
            (reader, columns) = found
        } else {
            throw ImportError.noBeneficiaryHeader(file: file.lastPathComponent)
        }
        let programme = workbook?.description.code ?? options.programme
        if !columns.hasProgrammeColumn && programme == nil {
            if ProgrammeWorkbook.looksLikeParticipantSheet(columns) { throw ImportError.programmeSheetMissing(file: file.lastPathComponent) }
            throw ImportError.beneficiaryProgrammeMissing(file: file.lastPathComponent)
        }
        let layout = Self.layout + (programme.map { ":" + $0.value } ?? "")
        var report = ImportReport(file: file.lastPathComponent, layout: layout, headerRow: columns.headerRow, dryRun: options.dryRun)
        report.tables = [ImportReport.Table(
            sheet: workbook?.participantSheet, layout: Self.layout, role: "penerima per baris", headerRow: columns.headerRow,
            regionSource: columns.columns[.villageCode] != nil ? "kode desa" : "tidak ada (dicari di registri lewat NIK/No. KK)",
            columns: columns.header.enumerated().compactMap { index, header in
                guard !header.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                let field = columns.columns.first { $0.value == index }?.key
                return ImportReport.Column(sheet: workbook?.participantSheet, header: header, field: field?.rawValue, fieldLabel: field?.label)
            })]
        let sha256 = try SHA256.of(file: file)
        let store = ProgrammeStore(database: database)
        if !options.dryRun, let previous = try await store.previousList(sha256: sha256, layout: layout, scope: options.scope) {
            report.alreadyImportedInBatch = previous
            report.batchID = previous
            return report
        }
        let rejectsURL = rejectsFolder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "-ditolak.csv")
        try? FileManager.default.removeItem(at: rejectsURL)
        let scan = BeneficiaryScan(reader: reader, parser: BeneficiaryRowParser(columns: columns, asOf: options.asOf, references: references),
                                   rejects: RejectsWriter(url: rejectsURL, header: columns.header))
        let info = EnrolmentListInfo(
            batch: ImportBatchInfo(layout: layout, fileName: file.lastPathComponent, sha256: sha256, dryRun: options.dryRun, asOf: options.asOf, scope: options.scope),
            programme: programme, owner: options.owner, registerListedProgrammes: options.registerListedProgrammes,
            described: workbook?.description, actor: options.actor)
        let outcome: EnrolmentOutcome
        var refusedRows: [Int: ImportIssue] = [:]
        do {
            outcome = try await store.importEnrolments(info) { writer in
                let result = try await scan.run(into: writer)
                return result
            }
        } catch {
            try? scan.discardRejects()
            throw error
        }
        for issue in outcome.refused { refusedRows[issue.row] = issue }
        try scan.appendRejects(refusedRows)
        report.batchID = options.dryRun ? nil : outcome.batchID
        report.rowsRead = scan.rowsRead
        report.skipped = scan.skippedRows
        report.inserted = outcome.inserted
        report.updated = outcome.updated
        report.unchanged = outcome.unchanged
        report.merged = outcome.merged
        report.rejected = scan.rejectedRows + outcome.refused.count
        report.warned = Set(outcome.warnings.map(\.row) + scan.warnedRows).subtracting(refusedRows.keys).count
        report.count(scan.issues)
        report.count(outcome.refused)
        report.count(outcome.warnings)
        report.enrolments = ImportReport.Enrolments(byMatch: Dictionary(uniqueKeysWithValues: outcome.insertedByMatch.map { ($0.key.rawValue, $0.value) }),
                                                    registeredProgrammes: outcome.registeredProgrammes)
        let byMatch = EnrolmentMatch.allCases.compactMap { kind in outcome.insertedByMatch[kind].map { "\(kind.label) \($0)" } }
        if !byMatch.isEmpty { report.notes.append("Peserta baru menurut cara pencocokan: " + byMatch.joined(separator: ", ") + ".") }
        if let workbook {
            let verb = outcome.registeredProgrammes.contains(workbook.description.code.value) ? "didaftarkan"
                : outcome.changedProgrammes.contains(workbook.description.code.value) ? "diperbarui" : "tidak berubah"
            report.notes.append("Program \(workbook.description.code.value) (\(workbook.description.name)) \(verb) menurut lembar \(workbook.programmeSheet); peserta dibaca dari lembar \(workbook.participantSheet).")
        }
        if !outcome.registeredProgrammes.isEmpty, workbook == nil {
            report.notes.append("Program yang didaftarkan dari berkas ini: " + outcome.registeredProgrammes.joined(separator: ", ") + ". Lengkapi periode, anggaran dan wilayahnya di halaman Program.")
        }
        report.rejectsFile = try scan.finishRejects()
        report.rejectsFiles = report.rejectsFile.map { [$0] } ?? []
        return report
    }
}

/// One pass over a beneficiary list on its own thread, feeding parsed rows to the writer a chunk at a time.
final class BeneficiaryScan: @unchecked Sendable {
    let reader: any SheetReader
    let parser: BeneficiaryRowParser
    let rejects: RejectsWriter
    private(set) var rowsRead = 0
    private(set) var skippedRows = 0
    private(set) var rejectedRows = 0
    private(set) var issues: [ImportIssue] = []
    private(set) var warnedRows: [Int] = []
    private var stored: [StoredIssue] = []

    static let rowsPerChunk = 1_000

    init(reader: any SheetReader, parser: BeneficiaryRowParser, rejects: RejectsWriter) {
        self.reader = reader
        self.parser = parser
        self.rejects = rejects
    }

    func run(into writer: EnrolmentWriter) async throws -> (issues: [StoredIssue], counts: BatchCounts) {
        let (stream, continuation) = AsyncThrowingStream<[BeneficiaryEntry], any Error>.makeStream()
        let permits = DispatchSemaphore(value: 4)
        let cancelled = LockedFlag()
        let thread = Thread { [self] in
            do {
                try self.read { chunk in
                    permits.wait()
                    if cancelled.isSet { throw CancellationError() }
                    continuation.yield(chunk)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            for try await chunk in stream {
                try await writer.add(chunk)
                permits.signal()
            }
        } catch {
            cancelled.set()
            for _ in 0..<8 { permits.signal() }
            throw error
        }
        return (stored, BatchCounts(read: rowsRead, warned: warnedRows.count, rejected: rejectedRows, skipped: skippedRows))
    }

    private func read(_ send: ([BeneficiaryEntry]) throws -> Void) throws {
        let table = parser.columns
        var chunk: [BeneficiaryEntry] = []
        var ended = false
        try reader.forEachRow { row in
            guard row.number > table.headerRow, !row.isBlank else { return }
            rowsRead += 1
            if ended || FileScan.isEndMarker(row) {
                ended = true
                skippedRows += 1
                return
            }
            let (clean, _) = FileScan.withoutControlCharacters(row)
            let parsed = parser.parse(clean)
            issues += parsed.issues
            if let entry = parsed.entry {
                if !parsed.issues.isEmpty { warnedRows.append(row.number) }
                stored += parsed.issues.map { StoredIssue($0, rawRow: nil) }
                chunk.append(entry)
                if chunk.count >= Self.rowsPerChunk {
                    try send(chunk)
                    chunk = []
                }
            } else {
                rejectedRows += 1
                try rejects.write(row, reasons: parsed.issues.filter { $0.severity == .error })
                let raw = String(decoding: (try? JSONEncoder().encode(row.values.map(\.text))) ?? Data("[]".utf8), as: UTF8.self)
                stored += parsed.issues.map { StoredIssue($0, rawRow: $0.severity == .error ? raw : nil) }
            }
        }
        if !chunk.isEmpty { try send(chunk) }
        if rowsRead == skippedRows { throw ImportError.noDataRows(file: reader.fileName) }
    }

    /// Adds the rows the store refused to the rejects file (a second pass over the file).
    func appendRejects(_ refused: [Int: ImportIssue]) throws {
        guard !refused.isEmpty else { return }
        try reader.forEachRow { row in
            guard let issue = refused[row.number] else { return }
            try rejects.write(row, reasons: [issue])
        }
    }

    func finishRejects() throws -> String? { try rejects.finish() }

    /// A refused list leaves no rejects file behind.
    func discardRejects() throws {
        if let path = try rejects.finish() { try FileManager.default.removeItem(atPath: path) }
    }
}

/// A flag set once from one thread and read from another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
