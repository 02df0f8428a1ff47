import ArgumentParser
import Foundation
import Logging
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// `lumbung import FILE…`: validates and imports DTSEN, P3KE, SIKS-NG or Lumbung-template files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CSV or XLSX files of families and people into the registry.",
        discussion: """
            Each file is one batch, written all or nothing. Rows with errors are rejected and written, with
            their reasons, to FILE-ditolak.csv beside the file (or in --rejects), to fix in Excel and import
            again; rows with warnings are kept and flagged. Importing a file again changes nothing.
            The layout is recognised from the headers and the data, never from the file name: family rows, or
            person rows that carry their family's No. KK (or a source family id) and build the families
            themselves. Every sheet of a workbook is read. Files may come in any order; a source never erases
            what another gave. A file without region columns (a village system's export) needs --desa.

            Examples:
              lumbung import dtsen-keluarga-5203.csv dtsen-individu-5203.csv
              lumbung import penduduk.xlsx --desa 52.01.01.2002
              lumbung import usulan.xlsx --layout siksng --dry-run
              lumbung import data.csv --mapping kolom.json
              lumbung import data.csv --mapping "BAZNAS Lombok Timur"     (a saved mapping: lumbung mapping list)
            Beneficiary lists: with --programme CODE a file is read as the list of that programme (a NIK or No. KK per
            row, optionally name, birth date, address, desa code, date received, amount, period); a file with a
            KODE PROGRAM column (the generator's penerima-program files) is read as beneficiaries without it, and
            programmes it names that are not registered are registered from its columns. Rows are matched to the
            registry by NIK, then No. KK, then name + birth date in the desa (a weaker match, reported); rows that
            match nobody are kept as unmatched enrolments. A list that matches nobody at all is refused.
              lumbung import penerima-pkh.xlsx --programme PKH
              lumbung import penerima-program-5203.csv
            A programme workbook (a first sheet describing the programme as key/value rows: Nama Program, Sasaran,
            Sumber Dana, Tanggal Mulai, Tanggal Selesai …; a second sheet of participants ending at ###) registers or
            changes its programme and enrols its participants in one batch:
              lumbung import peserta-lansia.xlsx --organisation "Dinas Sosial Kabupaten Lombok Timur"
            """
    )

    @Argument(help: "CSV or XLSX files, imported in the order given.")
    var files: [String]

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Option(help: "auto, dtsen, p3ke, siksng or lumbung (or a full name such as dtsen-individu).")
    var layout: String = "auto"

    @Option(help: "A saved mapping's name (lumbung mapping list), or a JSON file mapping the file's headers to fields: {\"layout\": …, \"columns\": {\"header\": \"field\"}}.")
    var mapping: String?

    @Flag(help: "Check everything against the registry and report, but keep nothing.")
    var dryRun = false

    @Option(help: "The date the data is as of (yyyy-mm-dd): no birth date may be later; ages are counted on it. Default: today.")
    var asOf: String?

    @Option(help: "Folder for the rejects files (default: beside each file).")
    var rejects: String?

    @Option(help: "The desa/kelurahan (10-digit Kemendagri code, e.g. 52.01.01.2002) of files without region columns.")
    var desa: String?

    @Option(help: "Read the files as beneficiary lists of this programme (its code, e.g. PKH).")
    var programme: String?

    @Option(help: "Import beneficiary lists as this organisation: only its own programmes; a programme workbook's programme is registered as its.")
    var organisation: String?

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.import", default: .warning)
        var options = ImportOptions(asOf: try Self.date(asOf))
        options.layout = layout
        options.dryRun = dryRun
        options.rejectsFolder = rejects.map { URL(fileURLWithPath: $0) }
        if let desa {
            guard let code = try? RegionCode(desa), code.depth == 4 else {
                throw CLIFailure.usage("--desa '\(desa)' is not a desa/kelurahan code: give its 10-digit Kemendagri code, e.g. 52.01.01.2002.")
            }
            options.village = code
        }
        var mappingFile: ColumnMapping?
        if let mapping, FileManager.default.fileExists(atPath: mapping) {
            do {
                mappingFile = try ColumnMappingFile.load(URL(fileURLWithPath: mapping))
            } catch let error as ImportError {
                throw CLIFailure.usage(error.description)
            }
        }
        let programmeCode = try programme.map(ProgrammeCommand.code)
        let database = try await databaseOptions.openMigrated(logger: logger)
        if let mappingFile {
            options.use(mappingFile)
        } else if let mapping {
            do {
                options.use(try await MappingCommand.template(mapping, in: database))
            } catch let failure as CLIFailure {
                await database.close()
                throw CLIFailure.usage("--mapping '\(mapping)' is neither a file nor a saved mapping (\(failure.description))")
            }
        } else {
            // No mapping named: a saved one whose headers the file has is used by itself (the report says which).
            options.offeredTemplates = .all
        }
        if asOf == nil, let date = options.template?.mapping.dataDate ?? mappingFile?.dataDate {
            guard let day = CalendarDate(iso: date) else {
                await database.close()
                throw CLIFailure.usage("The mapping's tanggal_data '\(date)' is not a date: write it as yyyy-mm-dd.")
            }
            options.asOf = day
        }
        let references = try ImportReferences.load()
        let job = ImportJob(database: database, references: references)
        let beneficiaries = BeneficiaryImportJob(database: database, references: references)
        var failures = 0
        for path in files {
            let url = URL(fileURLWithPath: path)
            let line = ProgressLine(label: url.lastPathComponent)
            do {
                let report: ImportReport
                if programmeCode != nil || BeneficiaryColumns.isProgrammeList(url) {
                    var listOptions = BeneficiaryImportOptions(asOf: options.asOf, programme: programmeCode)
                    listOptions.dryRun = dryRun
                    listOptions.rejectsFolder = options.rejectsFolder
                    listOptions.registerListedProgrammes = true
                    listOptions.owner = organisation
                    report = try await beneficiaries.run(url, options: listOptions)
                } else {
                    report = try await job.run(url, options: options) { line.update(rows: $0.rows, fraction: $0.fraction) }
                }
                line.done()
                print(ShownText.escapingControls(ImportReportText.render(report)))
            } catch let error as SheetReadError {
                line.done()
                LumbungMain.printError(error.description)
                failures += 1
            } catch let error as ImportError {
                line.done()
                LumbungMain.printError(error.description)
                failures += 1
            } catch let error as StoreError {
                line.done()
                LumbungMain.printError("\(url.lastPathComponent): \(error.description)")
                failures += 1
            } catch let error as EnrolmentListError {
                line.done()
                LumbungMain.printError("\(url.lastPathComponent): \(error.description)")
                failures += 1
            }
        }
        await database.close()
        if failures > 0 { throw ExitCode.failure }
    }

    static func date(_ text: String?) throws -> CalendarDate {
        guard let text else { return .todayInNTB(secondsSince1970: Date().timeIntervalSince1970) }
        guard let date = CalendarDate(iso: text) else {
            throw CLIFailure.usage("--as-of '\(text)' is not a date: write it as yyyy-mm-dd.")
        }
        return date
    }
}

/// The import report as terminal text.
enum ImportReportText {
    static func render(_ report: ImportReport) -> String {
        if let batch = report.alreadyImportedInBatch {
            return "\(report.file): already imported in batch \(batch); nothing changed."
        }
        var lines = [
            "\(report.file): \(report.dryRun ? "checked (dry run, nothing kept)" : "imported as batch \(report.batchID ?? 0)") — layout \(report.layout ?? "?"), header on row \(report.headerRow ?? 0)",
            "  rows read \(report.rowsRead) = new \(report.inserted) + updated \(report.updated) + unchanged \(report.unchanged) + merged duplicates \(report.merged) + rejected \(report.rejected) + skipped \(report.skipped)",
            "  kept with warnings \(report.warned)" + (report.familiesInserted + report.familiesUpdated > 0
                ? " · families from person rows: \(report.familiesInserted) new, \(report.familiesUpdated) updated" : ""),
        ]
        for table in report.tables {
            let counts = table.rowsRead.map { read in ", \(read) rows read, \(table.rejected ?? 0) rejected" } ?? ""
            lines.append("  columns understood" + (table.sheet.map { " (sheet \($0))" } ?? "") + " — \(table.role), region from \(table.regionSource)\(counts):")
            let used = table.columns.filter { $0.field != nil }.map { "\($0.header) → \($0.fieldLabel ?? "")" }
            let unused = table.columns.filter { $0.field == nil }.map(\.header)
            lines.append("    " + used.joined(separator: "; "))
            if !unused.isEmpty { lines.append("    not used: " + unused.joined(separator: ", ")) }
        }
        for sheet in report.skippedSheets { lines.append("  sheet \(sheet.name) skipped: " + (sheet.reason ?? "no known header")) }
        for note in report.notes { lines.append("  note: \(note)") }
        for unknown in report.unknownValues.prefix(10) { lines.append("  " + unknown.summary) }
        let top = report.topProblems.prefix(8)
        if !top.isEmpty { lines.append("  problems:") }
        for problem in top {
            lines.append("    \(problem.severity == .error ? "error  " : "warning") \(problem.code) × \(problem.count): \(problem.examples.first?.message ?? "")")
            let rows = problem.examples.map { "row \($0.row)" + ($0.column.map { " (\($0))" } ?? "") }.joined(separator: ", ")
            lines.append("            e.g. \(rows)")
        }
        if let enrolments = report.enrolments {
            let matched = EnrolmentMatch.allCases.map { "\($0.rawValue) \(enrolments.byMatch[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            lines.append("  new enrolments by match: \(matched)")
            if !enrolments.registeredProgrammes.isEmpty { lines.append("  programmes registered from the file: " + enrolments.registeredProgrammes.joined(separator: ", ")) }
        }
        for rejects in report.rejectsFiles { lines.append("  rejected rows with reasons: \(rejects)") }
        return lines.joined(separator: "\n")
    }
}
