import ArgumentParser
import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// `lumbung external import|list`: figures other bodies publish per region (stunting, sanitation, BPS poverty …).
struct ExternalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "external",
        abstract: "Import and list indicators published by other sources (per kabupaten, kecamatan or desa).",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a region-level table (CSV, XLSX, ODS) of one indicator: all rows or none.",
            discussion: """
                Columns: a region (kode_wilayah = Kemendagri code, or kode_bps = BPS code through the crosswalk, or the names
                kabupaten/kecamatan/desa) and nilai (the value). What the figures are comes from the options or from a header
                block above the table (rows 'id | …', 'nama | …', 'satuan | …', 'arah | …', 'sumber | …', 'tanggal | …').
                Units: persen, permil, jiwa, keluarga, jumlah. Directions: higher_is_better, lower_is_better.
                The same table again changes nothing; a newer --date adds a value to the series.
                Example:
                  lumbung external import stunting-2024.xlsx --indicator stunting_dinkes --name "Prevalensi stunting" \\
                    --unit persen --direction lower_is_better --source "Dinas Kesehatan NTB (e-PPGBM)" --date 2024
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The table.") var file: String
        @Option(help: "Indicator id (lowercase letters, digits, _ or -), e.g. stunting_dinkes.") var indicator: String?
        @Option(help: "Indicator name as pages show it.") var name: String?
        @Option(help: "Unit: persen, permil, jiwa, keluarga or jumlah.") var unit: String?
        @Option(help: "higher_is_better or lower_is_better.") var direction: String?
        @Option(help: "Who published the figures.") var source: String?
        @Option(help: "When they hold: a year (2024) or a date (2024-06-30).") var date: String?
        @Option(help: "text or json.") var format = "text"

        func run() async throws {
            try SnapshotCommand.checkFormat(format)
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw CLIFailure.failure("Berkas '\(file)' tidak ada atau tidak terbaca.") }
            let given = ExternalIndicatorSheet.Header(id: indicator, name: name, unit: unit, direction: direction, source: source, date: date)
            let result = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                do {
                    return try await ExternalIndicatorImportJob(database: database, references: try ImportReferences.load())
                        .run(url, given: given, by: "baris perintah")
                } catch let error as SheetReadError {
                    throw CLIFailure.failure(error.indonesianDescription)
                } catch let error as ExternalIndicatorImportJob.Refused {
                    throw CLIFailure.failure(error.description)
                }
            }
            if format == "json" {
                print(SnapshotCommand.json(result.outcome), terminator: "")
            } else {
                let outcome = result.outcome
                print("\(result.indicator.id) (\(result.period)): \(outcome.added) nilai baru, \(outcome.unchanged) sama seperti tersimpan, \(outcome.corrected) dikoreksi")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the external indicators, or one indicator's values per region.",
            discussion: """
                Examples:
                  lumbung external list
                  lumbung external list --indicator stunting_dinkes --within 52.03 --format json
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "Show this indicator's values.") var indicator: String?
        @Option(help: "Only regions within this code (with --indicator).") var within: String?
        @Option(help: "text or json.") var format = "text"

        struct Indicators: Encodable { let indicators: [ExternalIndicatorStore.Summary] }
        struct Values: Encodable { let indicator: ExternalIndicator; let values: [ExternalIndicatorStore.StoredValue] }

        func run() async throws {
            try SnapshotCommand.checkFormat(format)
            let scope = try within.map(ReportCommand.parseRegion)
            let (id, json) = (indicator, format == "json")
            let text = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database -> String in
                let store = ExternalIndicatorStore(database: database)
                guard let id else {
                    let summaries = try await store.summaries()
                    if json { return SnapshotCommand.json(Indicators(indicators: summaries)) }
                    return summaries.map { "\($0.id)\t\($0.name)\t\($0.unit)\t\($0.direction)\t\($0.regions) wilayah\tterbaru \($0.latestPeriod ?? "-")\t\($0.source)\n" }.joined()
                }
                guard let indicator = try await store.indicator(id) else { throw ExternalIndicatorProblem.unknown(String(id.prefix(60))) }
                let values = try await store.values(indicator: id, within: scope)
                if json { return SnapshotCommand.json(Values(indicator: indicator, values: values)) }
                return values.map { "\($0.region)\t\($0.period)\t\(indicator.show($0.value))\t\($0.source)\n" }.joined()
            }
            print(text, terminator: "")
        }
    }
}
