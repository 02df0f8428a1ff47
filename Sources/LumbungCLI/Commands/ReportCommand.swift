import ArgumentParser
import Foundation
import Logging
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `lumbung report indicators CODE`: the indicators of a region and each region below it.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print reports computed from the registry.",
        subcommands: [IndicatorsReport.self]
    )

    struct IndicatorsReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators",
            abstract: "Indicators of a region and of each region one level down.",
            discussion: "Example: lumbung report indicators 52.03 --format csv > lombok-timur.csv"
        )

        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions

        @Argument(help: "A region code (52, 52.03, 52.03.01, …).")
        var code: String

        @Option(help: "table, csv or json.")
        var format: String = "table"

        func run() async throws {
            guard ["table", "csv", "json"].contains(format) else { throw CLIFailure.usage("Unknown format '\(format)': use table, csv or json.") }
            let regionCode: RegionCode
            do { regionCode = try RegionCode(code) } catch { throw CLIFailure.usage("\(error)") }
            let logger = try loggingOptions.logger(label: "lumbung.report", default: .warning)
            let database = try await databaseOptions.openMigrated(logger: logger)
            let report: RegionIndicators
            do {
                let tree = try await RegionStore(database: database).fetchTree()
                guard let region = tree[regionCode] else { throw CLIFailure.failure(RegionLookupError.unknown(regionCode).description) }
                let villages = try await VillageAggregateStore(database: database).fetchTallies(within: regionCode)
                report = RegionIndicators.compute(for: region, tree: tree, villages: villages)
                await database.close()
            } catch {
                await database.close()
                throw error
            }
            print(IndicatorReportText.render(report, format: format), terminator: "")
        }
    }
}

/// Indicator reports as text: a table for the terminal, CSV for Excel, JSON for programs.
enum IndicatorReportText {
    static func render(_ report: RegionIndicators, format: String) -> String {
        let entries = [report.region] + report.children
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self) + "\n"
        case "csv":
            var lines = ["code,name,indicator,count,denominator,percent,male,female"]
            for entry in entries {
                for value in entry.values {
                    let name = entry.name.contains(",") ? "\"\(entry.name)\"" : entry.name
                    let denominator: String = value.denominator.map { String($0) } ?? ""
                    let percent: String = value.percent.map { String(format: "%.2f", $0) } ?? ""
                    let male: String = value.male.map { String($0) } ?? ""
                    let female: String = value.female.map { String($0) } ?? ""
                    let fields: [String] = [entry.code, name, value.indicator, String(value.count), denominator, percent, male, female]
                    lines.append(fields.joined(separator: ","))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            let shown = ["people", "families", "desil1_families", "desil1to4_families", "children", "elderly", "disability", "unfit_housing"]
            var lines = ["code            " + shown.map { pad($0, 14) }.joined()]
            for entry in entries {
                let cells = shown.map { id -> String in
                    guard let value = entry.values.first(where: { $0.indicator == id }) else { return pad("", 14) }
                    return pad(value.percent.map { String(format: "%.1f%%", $0) } ?? String(value.count), 14)
                }
                lines.append(pad(entry.code, 16) + cells.joined() + entry.name)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
