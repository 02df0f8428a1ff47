import ArgumentParser
import Foundation
import Logging
import LumbungAnalytics
import LumbungDomain
import LumbungSheets
import LumbungStore

/// `lumbung report indicators CODE`: the indicators of a region and each region below it.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print reports computed from the registry.",
        subcommands: [IndicatorsReport.self, RankingReport.self, CoverageCommand.self, UnreachedCommand.self]
    )

    static func parseRegion(_ text: String) throws -> RegionCode {
        do { return try RegionCode(text) } catch { throw CLIFailure.usage("\(error)") }
    }

    /// The region and the totals of every region under it, from the database.
    static func load(_ code: RegionCode, _ databaseOptions: DatabaseOptions, _ loggingOptions: LoggingOptions)
        async throws -> (Region, RegionTotals) {
        let logger = try loggingOptions.logger(label: "lumbung.report", default: .warning)
        let database = try await databaseOptions.openMigrated(logger: logger)
        do {
            let tree = try await RegionStore(database: database).fetchTree()
            guard let region = tree[code] else { throw CLIFailure.failure(RegionLookupError.unknown(code).description) }
            let villages = try await VillageAggregateStore(database: database).fetchTallies(within: code)
            await database.close()
            return (region, RegionTotals(villages: villages, tree: tree))
        } catch {
            await database.close()
            throw error
        }
    }

    struct RankingReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ranking",
            abstract: "The priority ranking of the desa or kecamatan within a region.",
            discussion: """
                Example: lumbung report ranking 52.03 --level desa --weights desil1_families:3,unfit_housing:1
                Low programme coverage raises an area with a weight on desil1_coverage (share of desil-1 families some
                programme reaches): --weights desil1_families:3,desil1_coverage:2
                Default weights: \(PriorityRanking.defaultWeights.map { "\($0.indicator):\(Int(saturating: $0.weight))" }.joined(separator: ","))
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions

        @Argument(help: "The region to rank within (52, 52.03, …).")
        var code: String

        @Option(help: "desa or kecamatan.")
        var level: String = "desa"

        @Option(help: "indicator:weight pairs, comma-separated.")
        var weights: String?

        @Option(help: "table, csv or json.")
        var format: String = "table"

        @Option(name: .customLong("min-families"), help: "Rank only areas with at least this many families (0: all), as the web pages do.")
        var minimumFamilies: Int = ComparableArea.minimumFamilies

        func run() async throws {
            guard ["table", "csv", "json"].contains(format) else { throw CLIFailure.usage("Unknown format '\(format)': use table, csv or json.") }
            guard minimumFamilies >= 0 else { throw CLIFailure.usage("--min-families must be 0 or more.") }
            guard let rankedLevel = PriorityRanking.Level(name: level) else { throw CLIFailure.usage("--level must be desa or kecamatan.") }
            let regionCode = try ReportCommand.parseRegion(code)
            guard rankedLevel.isBelow(regionCode) else { throw CLIFailure.usage("\(level) is not below \(regionCode.dotted).") }
            var chosen = PriorityRanking.defaultWeights
            if let weights {
                do { chosen = try PriorityRanking.parseWeights(weights) } catch { throw CLIFailure.usage(error.message) }
            }
            let (_, totals) = try await ReportCommand.load(regionCode, databaseOptions, loggingOptions)
            let areas = PriorityRanking.areas(rankedLevel, within: regionCode, totals: totals, minimumFamilies: minimumFamilies)
            var coverage: [RegionCode: IndicatorValue] = [:]
            if chosen.contains(where: { $0.indicator == CoverageIndicator.id && $0.weight > 0 }) {
                // Programme coverage of each area: its desa's coverage summed up the tree.
                let sums = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database -> [RegionCode: CoverageTally] in
                    let tree = try await RegionStore(database: database).fetchTree()
                    return CoverageReport.totals(try await ProgrammeStore(database: database).coverageByVillage(within: regionCode), tree: tree)
                }
                coverage = CoverageIndicator.values(Dictionary(areas.map { ($0.region.code, sums[$0.region.code] ?? CoverageTally()) }, uniquingKeysWith: { a, _ in a }),
                                                    parent: sums[regionCode] ?? CoverageTally(), restricted: false)
            }
            let ranking = PriorityRanking(areas: areas, weights: chosen, coverage: coverage)
            print(RankingText.render(ranking, format: format), terminator: "")
        }
    }

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
            let regionCode = try ReportCommand.parseRegion(code)
            let (region, totals) = try await ReportCommand.load(regionCode, databaseOptions, loggingOptions)
            let report = RegionIndicators.compute(for: region, totals: totals)
            print(IndicatorReportText.render(report, format: format), terminator: "")
        }
    }
}

/// Rankings as text.
enum RankingText {
    static func render(_ ranking: PriorityRanking, format: String) -> String {
        switch format {
        case "json":
            struct Output: Encodable {
                let weights: [PriorityRanking.Weight]
                let stability: PriorityRanking.Stability
                let rows: [PriorityRanking.Row]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let output = Output(weights: ranking.weights, stability: ranking.stability, rows: ranking.rows)
            return String(decoding: (try? encoder.encode(output)) ?? Data(), as: UTF8.self) + "\n"
        case "csv":
            let indicators = ranking.weights.map(\.indicator)
            var lines = [(["rank", "code", "name", "score", "best_rank", "worst_rank", "families", "people"]
                + indicators.flatMap { ["\($0)_percent", "\($0)_count", "\($0)_points"] }).joined(separator: ",")]
            for row in ranking.rows {
                let name = CSVField.text(row.name)
                var fields: [String] = [String(row.rank), row.code, name, String(row.score), String(row.rankRange[0]), String(row.rankRange[1]),
                                        Self.number(row.families), Self.number(row.people)]
                for component in row.components {
                    fields += [component.percent.map { String($0) } ?? "", Self.number(component.count), component.contribution.map { String($0) } ?? ""]
                }
                lines.append(fields.joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            var lines = ["rank  score   ranks    families  code            name"]
            for row in ranking.rows {
                let ranks = "\(row.rankRange[0])–\(row.rankRange[1])"
                lines.append([pad(String(row.rank), 6), pad(String(format: "%.1f", row.score), 8), pad(ranks, 9), pad(Self.number(row.families), 10),
                              pad(row.code, 16)].joined() + row.name)
            }
            let stability = ranking.stability
            lines.append("\(stability.stayedInTop) of the top \(stability.top) stay in the top \(stability.top) when every weight varies by ±\(Int(saturating: stability.weightVariation * 100)) % (\(stability.trials) trials).")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A count; withheld counts (never for the command line, which has full rights) show as "<5".
    private static func number(_ value: Int?) -> String { value.map(String.init) ?? "<\(CellSuppression.threshold)" }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
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
            // Long format, one line per figure, so Excel pivots it: the whole value, then each group of each split.
            var lines = ["code,name,indicator,split,group,count,denominator,percent"]
            func line(_ entry: RegionIndicators.Entry, _ indicator: String, _ split: String, _ group: String,
                      _ count: Int, _ denominator: Int?, _ percent: Double?) {
                let name = CSVField.text(entry.name)
                let denominatorText: String = denominator.map { String($0) } ?? ""
                let percentText: String = percent.map { String(format: "%.2f", $0) } ?? ""
                let fields: [String] = [entry.code, name, indicator, split, group, String(count), denominatorText, percentText]
                lines.append(fields.joined(separator: ","))
            }
            for entry in entries {
                for value in entry.values {
                    line(entry, value.indicator, "", "", value.count, value.denominator, value.percent)
                    for split in value.splits {
                        for group in split.groups {
                            line(entry, value.indicator, split.by, group.group, group.count, group.denominator, group.percent)
                        }
                    }
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
