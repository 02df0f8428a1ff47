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
    /// Headers whose columns are not read, even when Lumbung knows their names ("abaikan" in a mapping).
    public var ignoredHeaders: [String] = []
    /// Labels of coded columns mapped to official values (a mapping's `labels`).
    public var labels = CodedLabels()
    /// The saved mapping the file is read with (set by `use(_:)`): checked against the file's headers before anything is read.
    public var template: ColumnTemplate?
    /// Cancels the import while it runs (nothing is written); `nil`: it cannot be cancelled.
    public var cancellation: ImportCancellation?
    /// The one sheet of a workbook to read (its position, 0 = the first), chosen on the mapping page; `nil`: every sheet.
    public var sheet: Int?
    /// When no mapping, template or layout was chosen: the saved templates offered (those of this organisation and
    /// LKKS's own; `.all` on the command line) — the one that fits the file's headers is used (`ColumnTemplateFit`).
    public var offeredTemplates: OfferedTemplates = .none
    /// Check everything against the registry, then roll back: nothing is kept.
    public var dryRun = false
    /// The date birth dates are checked against (none may be later) and ages counted on.
    public var asOf: CalendarDate
    /// Where the rejects file goes; by default next to the imported file.
    public var rejectsFolder: URL?
    /// The uploader's region scope: rows of desa outside it are rejected (`out_of_scope`), and people are
    /// joined only to families inside it. `nil` for the command line, which runs with the server's rights.
    public var scope: RegionCode?
    /// The desa of a file without region columns (a village system's population export): every row is
    /// placed there, and a row that names another desa is an error.
    public var village: RegionCode?
    /// The web's import job this is (`import_job`): the batch id is written to it in the batch's own transaction.
    public var jobID: String?
    /// Runs last in the import's transaction, after the registry rows and the programme flags are written: a test that
    /// throws here sees neither kept. `nil` in use.
    public var beforeCommit: (@Sendable () async throws -> Void)?

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    /// Reads the file with `mapping`: its columns and ignored headers; its layout unless one was chosen; its desa
    /// unless one was chosen (a desa code that is not one is refused when the import starts).
    public mutating func use(_ mapping: ColumnMapping) {
        self.mapping = mapping.columns
        ignoredHeaders = mapping.ignored
        labels = mapping.labels
        if let layout = mapping.layout, self.layout.lowercased() == "auto" { self.layout = layout }
        if village == nil, let desa = mapping.village, let code = try? RegionCode(desa) { village = code }
    }

    /// Reads the file with a saved template's mapping, checked against the file's headers first.
    public mutating func use(_ template: ColumnTemplate) {
        use(template.mapping)
        self.template = template
    }
}

/// Which saved templates an import without a mapping may choose from by the file's headers.
public enum OfferedTemplates: Sendable, Equatable {
    case none
    /// Every template (the command line, which runs with the server's rights).
    case all
    /// The templates a user of this organisation may use: its own and those of no organisation (LKKS's); `nil` (LKKS
    /// staff): every template, as on the mapping page.
    case organisation(String?)
}

/// How far an import is.
public struct ImportProgress: Sendable {
    public let rows: Int
    /// Share of the file read, 0…1.
    public let fraction: Double
}

/// Imports one file: finds its tables (every sheet of a workbook), the header and layout of each, reads
/// the evidence of whole columns (date order), streams and validates every row, writes the batch in one
/// transaction, reports, and gives back the rejected rows to fix.
public struct ImportJob: Sendable {
    public let database: Database
    public let references: ImportReferences

    public init(database: Database, references: ImportReferences) {
        self.database = database
        self.references = references
    }

    /// Before anything is read: the file can be read and the rejects folder (default: the file's own) is a writable
    /// folder. Returns that folder.
    static func preflight(_ file: URL, rejectsFolder: URL?) throws -> URL {
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw SheetReadError.unreadable(file: file.lastPathComponent, reason: .missing)
        }
        let folder = rejectsFolder ?? file.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder.path) else {
            throw ImportError.rejectsFolder(path: folder.path)
        }
        return folder
    }

    public func run(_ file: URL, options given: ImportOptions, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) async throws -> ImportReport {
        var options = given
        let rejectsFolder = try Self.preflight(file, rejectsFolder: options.rejectsFolder)
        if let village = options.village, references.tree[village]?.code.depth != 4 {
            throw ImportError.chosenVillage(village.dotted)
        }
        let readers = try TableScan.readers(for: file)
        if options.template == nil, options.mapping.isEmpty, options.ignoredHeaders.isEmpty, options.layout.lowercased() == "auto", options.offeredTemplates != .none {
            let store = ColumnTemplateStore(database: database)
            let templates: [ColumnTemplate]
            switch options.offeredTemplates {
            case .none: templates = []
            case .all: templates = try await store.templates()
            case .organisation(let name): templates = try await store.templates(organisation: name)
            }
            if !templates.isEmpty, let chosen = ColumnTemplateFit.pick(templates, inFirstRowsOf: try TableScan.firstRows(of: readers)) {
                options.use(chosen)
            }
        }
        if let template = options.template {
            let missing = ColumnTemplateFit.missing(template, inFirstRowsOf: try TableScan.firstRows(of: readers))
            if !missing.isEmpty { throw ImportError.templateDoesNotFit(file: file.lastPathComponent, template: template.name, missing: missing) }
        }
        let found = try TableScan.find(in: readers, choice: options.layout, mapping: options.mapping, ignoring: options.ignoredHeaders, only: options.sheet)
        // A stopped job (graceful shutdown cancels its task) ends between passes over the file, before writing anything.
        try Task.checkCancellation()
        let sha256 = try SHA256.of(file: file)
        try Task.checkCancellation()
        var report = ImportReport(file: file.lastPathComponent, layout: found.tables.map(\.layout.rawValue).joined(separator: " + "),
                                  headerRow: found.tables.first?.headerRow, dryRun: options.dryRun)
        report.skippedSheets = found.skipped
        if let template = options.template { report.notes.append("templat kolom '\(template.name)' dipakai") }
        let registry = RegistryStore(database: database, tree: references.tree)
        if !options.dryRun, let previous = try await registry.previousImport(sha256: sha256, scope: options.scope) {
            report.alreadyImportedInBatch = previous.batchID
            report.batchID = previous.batchID
            return report
        }
        var parts: [FileScan.Part] = []
        var usedSuffixes = Set<String>()
        for table in found.tables {
            let reader = readers[table.sheet]
            let order = try Self.dateOrder(of: table, in: reader)
            try Task.checkCancellation()
            let parser = RowParser(table: table, asOf: options.asOf, references: references, scope: options.scope,
                                   chosenVillage: options.village, dateOrder: order, labels: options.labels)
            // One rejects file per table: named after its sheet, numbered when two sheet names read alike.
            var suffix = found.tables.count > 1 ? "-" + Self.safeName(table.sheetName ?? String(table.sheet + 1)) : ""
            if suffix == "-" || usedSuffixes.contains(suffix) { suffix += (suffix == "-" ? "" : "-") + String(table.sheet + 1) }
            usedSuffixes.insert(suffix)
            let rejectsURL = rejectsFolder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + suffix + "-ditolak.csv")
            try? FileManager.default.removeItem(at: rejectsURL)
            parts.append(FileScan.Part(reader: reader, parser: parser, rejects: RejectsWriter(url: rejectsURL, header: table.columns.header)))
            report.tables.append(Self.describe(table, parser: parser))
            report.notes += Self.notes(for: table, order: order)
        }
        let scan = FileScan(parts: parts, progress: progress, cancellation: options.cancellation, fileName: file.lastPathComponent)
        var info = ImportBatchInfo(layout: report.layout ?? "", fileName: file.lastPathComponent, sha256: sha256,
                                   dryRun: options.dryRun, asOf: options.asOf, scope: options.scope)
        info.jobID = options.jobID
        let sheetNames = Dictionary(found.tables.compactMap { table in table.sheetName.map { (table.sheet, $0) } }, uniquingKeysWith: { a, _ in a })
        let columnNames = Dictionary(found.tables.map { table in
            let columns = table.columns
            let village = [ImportField.villageCode, .bpsVillage, .villageName].lazy.compactMap { columns.columns[$0].map { columns.header[$0] } }.first
            let relationship = [ImportField.relationship, .relationshipRegsosek].lazy.compactMap { columns.columns[$0].map { columns.header[$0] } }.first
            let family = [ImportField.kkNumber, .sourceFamilyID].lazy.compactMap { columns.columns[$0].map { columns.header[$0] } }.first
            return (table.sheet, RegistryImport.ColumnNames(village: village, relationship: relationship, family: family))
        }, uniquingKeysWith: { a, _ in a })
        let cancellation = options.cancellation
        // The national programme flags its rows carry (PKH, BPNT, BLT-DD, PBI-JK), as enrolments: a batch of their own,
        // written in the registry batch's transaction once its rows are, so that both are kept or neither is.
        let flagsJob = NationalFlagsImport(database: database, references: references)
        let flags = options.dryRun ? nil : try flagsJob.read(file, asOf: options.asOf)
        let asOf = options.asOf, scope = options.scope, beforeCommit = options.beforeCommit
        let (outcome, flagged) = try await registry.importBatch(info, sheetNames: sheetNames, { batch in
            batch.columnNames = columnNames
            let scanned = try await scan.run(into: batch)
            // A cancel that came while the last rows were written: the transaction is rolled back, not committed.
            if cancellation?.isCancelled == true { throw ImportError.cancelled(file: file.lastPathComponent) }
            return scanned
        }, then: { transaction -> NationalFlagsImport.Result? in
            var result: NationalFlagsImport.Result?
            if let flags { result = try await flagsJob.write(flags, in: transaction, asOf: asOf, scope: scope) }
            try await beforeCommit?()
            return result
        })
        // Rows the registry refused go to the rejects file too.
        try scan.appendRejects(outcome.refusedRows)
        report.batchID = options.dryRun ? nil : outcome.batchID
        report.rowsRead = scan.rowsRead
        // Each sheet's own counts (the tables are described in the order of the scan's parts).
        for index in report.tables.indices where index < scan.rowsReadByPart.count {
            report.tables[index].rowsRead = scan.rowsReadByPart[index]
            report.tables[index].rejected = scan.rejectedByPart[index]
        }
        report.skipped = scan.skippedRows
        report.inserted = outcome.inserted
        report.updated = outcome.updated
        report.unchanged = outcome.unchanged
        report.merged = outcome.merged.count
        report.rejected = scan.rejectedRows + outcome.refused.count
        report.warned = scan.warnedRows(excluding: Set(outcome.refusedRows.keys))
        report.familiesInserted = outcome.familiesInserted
        report.familiesUpdated = outcome.familiesUpdated
        report.count(scan.issues)
        report.count(outcome.refused)
        report.count(outcome.warnings)
        report.count(outcome.mergedIssues)
        report.unknownValues = scan.unknownValues()
        report.notes += outcome.replacedValues.sorted { $0.key < $1.key }.map { field, sources in
            let total = sources.reduce(0) { $0 + $1.count }
            let from = sources.map { "impor #\($0.batchID) «\($0.fileName)»: \($0.count)" }.joined(separator: "; ")
            return "\(RegistryImport.fieldLabel(field)): \(total) nilai yang sudah tersimpan diganti nilai berbeda dari berkas ini (nilai lama dari \(from))."
        }
        let rejectsFiles = try scan.finishRejects()
        report.rejectsFiles = rejectsFiles
        report.rejectsFile = rejectsFiles.first
        if let flagged = flagged ?? nil { report.notes.append(flagged.note) }
        return report
    }

    /// Whether a date column reads day-first or month-first, from every value in it.
    static func dateOrder(of table: FoundTable, in reader: any SheetReader) throws -> DateOrder {
        guard let column = table.columns.columns[.birthDate] else { return .dayFirst }
        var evidence = DateOrderEvidence()
        try reader.forEachRow { row in
            guard row.number > table.headerRow else { return }
            evidence.see(row[column])
        }
        return evidence.order
    }

    static func notes(for table: FoundTable, order: DateOrder) -> [String] {
        let sheet = table.sheetName.map { "Lembar \($0): " } ?? ""
        var notes: [String] = []
        if let column = table.columns.columns[.birthDate] {
            let name = table.columns.header[column]
            switch order {
            case .dayFirst: break
            case .monthFirst: notes.append("\(sheet)kolom \(name) dibaca bulan/hari/tahun, karena ada nilai yang bagian keduanya lebih dari 12.")
            case .undecided:
                notes.append("\(sheet)kolom \(name): tidak satu pun tanggal menunjukkan urutannya (semua hari ≤ 12); dibaca hari/bulan/tahun seperti kebiasaan Indonesia. Periksa beberapa baris: bila sebenarnya bulan/hari, impor ulang setelah berkasnya diperbaiki.")
            case .mixed:
                notes.append("\(sheet)kolom \(name) berisi tanggal hari/bulan dan bulan/hari sekaligus; setiap tanggal dibaca sebagaimana mungkin, yang meragukan sebagai hari/bulan. Periksa kolom ini di sumbernya.")
            }
        }
        for duplicate in table.columns.duplicates {
            notes.append("\(sheet)judul kolom '\(table.columns.header[duplicate.ignored])' (kolom \(duplicate.ignored + 1)) sama artinya dengan '\(table.columns.header[duplicate.used])' (kolom \(duplicate.used + 1)), yang dipakai untuk \(duplicate.field.label); kolom \(duplicate.ignored + 1) diabaikan. Ganti nama salah satunya bila isinya berbeda.")
        }
        if let number = table.numberRow { notes.append("\(sheet)baris \(number) berisi nomor kolom/kode pertanyaan di bawah judul kolom, bukan data; dilewati.") }
        return notes
    }

    static func describe(_ table: FoundTable, parser: RowParser) -> ImportReport.Table {
        let fields = table.columns.fields
        let regionSource = if parser.region.chosen != nil && !parser.region.hasRegionColumns { "desa pilihan" }
            else if fields.contains(.bpsDistrict) || fields.contains(.bpsVillage) { "kode BPS terpisah (lewat tabel padanan)" }
            else if fields.contains(.villageCode) { "kode desa (Kemendagri atau BPS)" }
            else if fields.contains(.villageName) { "nama wilayah" }
            else { "tidak ada (keluarga dicari di registri lewat No. KK)" }
        return ImportReport.Table(
            sheet: table.sheetName, layout: table.layout.rawValue, role: table.layout.role == .people ? "orang per baris" : "keluarga per baris",
            headerRow: table.headerRow, regionSource: regionSource,
            columns: table.columns.understood.map { ImportReport.Column(sheet: table.sheetName, header: $0.header, field: $0.field?.rawValue,
                                                                         fieldLabel: $0.field?.label) })
    }

    static func safeName(_ text: String) -> String {
        // Letters and digits kept, every run of anything else one dash: "Data (2)" → "Data-2".
        let words = text.split { !($0.isLetter || $0.isNumber) }
        return String(words.joined(separator: "-").prefix(40))
    }
}

/// One pass over a file's tables on its own thread, feeding parsed rows to the batch.
final class FileScan: @unchecked Sendable {
    struct Part {
        let reader: any SheetReader
        let parser: RowParser
        let rejects: RejectsWriter
    }

    private let parts: [Part]
    private let progress: @Sendable (ImportProgress) -> Void
    private let cancellation: ImportCancellation?
    private let fileName: String
    private(set) var rowsRead = 0
    /// Rows read and rows rejected while reading, per part (sheet), in the order of `parts`.
    private(set) var rowsReadByPart: [Int]
    private(set) var rejectedByPart: [Int]
    private(set) var skippedRows = 0
    private(set) var rejectedRows = 0
    private(set) var issues: [ImportIssue] = []
    private var warned = Set<Int>()
    private var stored: [StoredIssue] = []
    private var unknown: [String: [String: Int]] = [:]
    private var familiesWithRejectedRows = Set<FamilyKey>()

    static let rowsPerChunk = 2_000

    init(parts: [Part], progress: @escaping @Sendable (ImportProgress) -> Void, cancellation: ImportCancellation? = nil, fileName: String = "") {
        self.parts = parts
        rowsReadByPart = Array(repeating: 0, count: parts.count)
        rejectedByPart = Array(repeating: 0, count: parts.count)
        self.progress = progress
        self.cancellation = cancellation
        self.fileName = fileName
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
            var chunks = 0
            for try await chunk in feed.stream {
                try await batch.add(families: chunk.families)
                try await batch.add(people: chunk.people)
                if let cancellation {
                    chunks += 1
                    await cancellation.afterChunk?(chunks)
                    if cancellation.isCancelled { throw ImportError.cancelled(file: fileName) }
                }
                feed.written()
            }
        } catch {
            feed.cancel()
            throw error
        }
        // A cancelled task ends the stream early, as if the file had ended: stop instead of writing part of the file.
        if Task.isCancelled {
            feed.cancel()
            throw CancellationError()
        }
        batch.familiesWithRejectedRows = familiesWithRejectedRows
        return (stored, BatchCounts(read: rowsRead, warned: warned.count, rejected: rejectedRows, skipped: skippedRows))
    }

    /// Reads and checks every row on this thread and drops the parsed rows: no database (`ImportJob.parseOnly`).
    func readDiscarding() throws {
        try read(into: RowFeed(discarding: true))
    }

    /// Kept rows with a warning, less those the registry refused after all.
    func warnedRows(excluding refused: Set<Int>) -> Int {
        warned.subtracting(refused).count
    }

    /// Never inlined: bench/run.sh counts the instructions inside it by its name (callgrind --toggle-collect).
    @inline(never)
    private func read(into feed: RowFeed) throws {
        var chunk = RowFeed.Chunk()
        for (index, part) in parts.enumerated() {
            let table = part.parser.table
            let columnCount = table.columns.header.count
            let isCSV = part.reader is CSVSheetReader
            let firstData = (table.numberRow ?? table.headerRow) + 1
            var ended = false
            try part.reader.forEachRow(progress: { [self] fraction in
                progress(ImportProgress(rows: rowsRead, fraction: (Double(index) + fraction) / Double(parts.count)))
            }) { original in
                guard original.number >= firstData, !original.isBlank else { return }
                if let cancellation, cancellation.isCancelled { throw ImportError.cancelled(file: fileName) }
                rowsRead += 1
                rowsReadByPart[index] += 1
                if ended || Self.isEndMarker(original) {
                    ended = true
                    skippedRows += 1
                    return
                }
                let extra = original.values.dropFirst(columnCount).contains { !$0.isBlank }
                if extra || isCSV && original.values.count < columnCount && original.values.count > 1 {
                    throw ImportError.rowShape(file: part.reader.fileName, row: original.number, cells: original.values.count, columns: columnCount)
                }
                let (row, controls) = Self.withoutControlCharacters(original)
                var parsed = part.parser.parse(row)
                parsed.issues += Self.readerIssues(original, sheet: table.sheetName, header: table.columns.header)
                for column in controls {
                    parsed.issues.append(ImportIssue(row: row.number, sheet: table.sheetName, column: column < table.columns.header.count ? table.columns.header[column] : nil,
                                                     value: nil, severity: .warning, code: "control_character",
                                                     message: "Sel ini berisi karakter kendali (mis. NUL) yang tidak terlihat; karakter itu dibuang."))
                }
                for (column, value) in parsed.unknownValues { unknown[column, default: [:]][value, default: 0] += 1 }
                issues += parsed.issues
                let id = ImportedRowID.make(sheet: table.sheet, row: row.number)
                if parsed.rejected {
                    rejectedRows += 1
                    rejectedByPart[index] += 1
                    if let family = parsed.rejectedFamily { familiesWithRejectedRows.insert(family) }
                    try part.rejects.write(original, reasons: parsed.issues.filter { $0.severity == .error })
                    let raw = String(decoding: (try? JSONEncoder().encode(original.values.map(\.text))) ?? Data("[]".utf8), as: UTF8.self)
                    stored += parsed.issues.map { StoredIssue($0, rawRow: $0.severity == .error ? raw : nil) }
                } else {
                    if parsed.warned { warned.insert(id) }
                    stored += parsed.issues.map { StoredIssue($0, rawRow: nil) }
                    if let family = parsed.family { chunk.families.append(family) }
                    if let person = parsed.person { chunk.people.append(person) }
                }
                if chunk.families.count + chunk.people.count >= Self.rowsPerChunk {
                    try feed.send(chunk)
                    chunk = RowFeed.Chunk()
                }
            }
        }
        if !chunk.isEmpty { try feed.send(chunk) }
        progress(ImportProgress(rows: rowsRead, fraction: 1))
        if rowsRead == skippedRows { throw ImportError.noDataRows(file: parts.first?.reader.fileName ?? "") }
    }

    /// What the reader noted on a row (a change of encoding, a bad row number), as warnings on it.
    static func readerIssues(_ row: SheetRow, sheet: String?, header: [String]) -> [ImportIssue] {
        row.notes.flatMap { note -> [ImportIssue] in
            switch note {
            case .encodingChanged(let columns):
                return columns.map { column in
                    ImportIssue(row: row.number, sheet: sheet, column: column < header.count ? header[column] : nil, value: nil,
                                severity: .warning, code: "encoding_changed",
                                message: "Pengodean teks berkas berubah di baris ini: sel ini tidak ditulis dengan pengodean yang sama dengan bagian lain berkas (mis. UTF-8 lalu Windows-1252), jadi dibaca menurut isinya sendiri. Periksa ejaan nama di baris ini, lalu simpan ulang seluruh berkas sebagai \"CSV UTF-8\".")
                }
            case .rowNumberInvalid(let given):
                return [ImportIssue(row: row.number, sheet: sheet, column: nil, value: given, severity: .warning, code: "row_number_invalid",
                                    message: "Nomor baris yang tertulis di dalam berkas ('\(given)') bukan nomor baris yang sah atau tidak urut sesudah baris sebelumnya; baris ini dibaca sebagai baris \(row.number), tepat sesudah baris sebelumnya. Berkas ini mungkin dibuat program yang keliru: simpan ulang dari Excel atau LibreOffice.")]
            }
        }
    }

    /// A row that ends the data (`###`, as village systems' import templates mark it): it and every row
    /// after it are instructions, skipped and counted.
    static func isEndMarker(_ row: SheetRow) -> Bool {
        guard let first = row.values.first(where: { !$0.isBlank }) else { return false }
        return CellText.withoutSurroundingSpaces(first.text).hasPrefix("###")
    }

    /// The row with control characters (NUL, …; not tab or line breaks) taken out of its text cells, and the columns that held any.
    static func withoutControlCharacters(_ row: SheetRow) -> (SheetRow, [Int]) {
        var columns: [Int] = []
        var values = row.values
        for (index, value) in values.enumerated() {
            guard case .text(let text) = value, text.utf8.contains(where: { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 || $0 == 0x7F }) else { continue }
            values[index] = .text(String(text.unicodeScalars.filter { $0.value >= 32 || $0.value == 9 || $0.value == 10 || $0.value == 13 }.filter { $0.value != 0x7F }
                .map(Character.init)))
            columns.append(index)
        }
        return (SheetRow(number: row.number, values: values), columns)
    }

    /// Second pass: adds the rows the registry refused to the rejects files.
    func appendRejects(_ refused: [Int: ImportIssue]) throws {
        guard !refused.isEmpty else { return }
        for part in parts {
            let sheet = part.parser.table.sheet
            guard refused.keys.contains(where: { ImportedRowID.sheet(of: $0) == sheet }) else { continue }
            try part.reader.forEachRow { row in
                guard let issue = refused[ImportedRowID.make(sheet: sheet, row: row.number)] else { return }
                try part.rejects.write(row, reasons: [issue])
            }
        }
    }

    func unknownValues() -> [ImportReport.UnknownValues] {
        unknown.map { column, values in
            ImportReport.UnknownValues(column: column, values: values.map { ImportReport.ValueCount(value: $0.key, rows: $0.value) }
                .sorted { ($0.rows, $1.value) > ($1.rows, $0.value) })
        }.sorted { $0.column < $1.column }
    }

    func finishRejects() throws -> [String] {
        try parts.compactMap { try $0.rejects.finish() }
    }
}
