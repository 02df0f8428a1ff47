import ArgumentParser
import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `lumbung report coverage --within CODE --level kabupaten|kecamatan|desa`: programme coverage per region.
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Programme coverage per region: families reached, duplicated aid, eligible families missed, inclusion errors.",
        discussion: """
            Families reached: per programme, families (KK) with at least one enrolment. Duplicated aid: families receiving
            programmes of one sector from two or more organisations. Eligible unreached: families in desil 1–4 that no
            programme reaches. Inclusion errors: families in desil 6–10 (or from --inclusion-threshold) receiving PKH, BPNT
            or PBI-JK. The JSON also gives, per region, the people reached (residents of the families reached) and the
            better-off families reached per programme (leakage), and the programme pairs reaching the same families; and,
            for the region of --within, the 4W matrix: organisation × sector, its programmes and their target regions, the
            families and people reached there, and the budget.
            Example: lumbung report coverage --within 52 --level kabupaten --format json
                     lumbung report coverage --within 52.03 --level desa --sector pangan
                     lumbung report coverage --within 52.03 --period 2025
                     lumbung report coverage --within 52.03 --from 2025-01-01 --to 2025-06-30
                     lumbung report coverage --within 52.03 --level kecamatan --inclusion-threshold 8 --format json
            With a period only enrolments of that period count: by the date received when the list gives one, else by
            the year the list names (TAHUN), else by the programme's own period.
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Option(help: "The region to report within (52, 52.03, …).")
    var within: String = "52"

    @Option(help: "kabupaten, kecamatan or desa.")
    var level: String = "kabupaten"

    @Option(help: "Only programmes of this sector reach families (\(Sector.choices)).")
    var sector: String?

    @Option(help: "Only enrolments of this period count: a year (2025), a month (2025-03) or a day (2025-03-15).")
    var period: String?

    @Option(help: "Only enrolments from this day on count (yyyy-mm-dd).")
    var from: String?

    @Option(help: "Only enrolments up to this day count (yyyy-mm-dd).")
    var to: String?

    @Option(help: "The desil from which a family receiving PKH, BPNT or PBI-JK is an inclusion error (5–10).")
    var inclusionThreshold: String = String(CoverageRules.inclusionErrorDesil)

    @Option(help: "table or json.")
    var format: String = "table"

    func run() async throws {
        guard ["table", "json"].contains(format) else { throw CLIFailure.usage("Unknown format '\(format)': use table or json.") }
        guard let level = CoverageReport.Level(rawValue: level) else { throw CLIFailure.usage("--level must be kabupaten, kecamatan or desa.") }
        let region = try ReportCommand.parseRegion(within)
        guard level.depth >= region.depth else { throw CLIFailure.usage("\(level.rawValue) is not at or below \(region.dotted).") }
        let chosenSector = try sector.map { text in
            guard let parsed = Sector.parse(text) else { throw CLIFailure.usage(ProgrammeProblem.sectorUnknown(text).description) }
            return parsed
        }
        let chosenPeriod = try Self.period(period, from: from, to: to)
        guard let threshold = CoverageRules.inclusionThreshold(inclusionThreshold) else {
            throw CLIFailure.usage("--inclusion-threshold '\(inclusionThreshold)' is no desil from \(CoverageRules.inclusionThresholds.lowerBound) to \(CoverageRules.inclusionThresholds.upperBound).")
        }
        let (rows, matrix) = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database -> ([RegionCoverage], [FourWRow]) in
            let tree = try await RegionStore(database: database).fetchTree()
            guard tree[region] != nil else { throw CLIFailure.failure(RegionLookupError.unknown(region).description) }
            let store = ProgrammeStore(database: database)
            let villages = try await store.coverageByVillage(within: region, sector: chosenSector, period: chosenPeriod)
            let totals = CoverageReport.totals(villages, tree: tree)
            let records = FourWMatrix.listed(try await store.programmes(visibleIn: region, counted: false), sector: chosenSector, period: chosenPeriod)
            return (CoverageReport.regions(totals, tree: tree, within: region, level: level, threshold: threshold),
                    FourWMatrix.rows(tally: totals[region] ?? CoverageTally(), records: records, sector: chosenSector))
        }
        print(Self.render(rows, matrix: matrix, format: format), terminator: "")
    }

    /// The period of `--period`, or of `--from`/`--to` (either may be left out); `nil` without any.
    static func period(_ text: String?, from: String?, to: String?) throws -> CoveragePeriod? {
        if let text {
            guard from == nil, to == nil else { throw CLIFailure.usage("Give --period or --from/--to, not both.") }
            guard let period = CoveragePeriod(text) else {
                throw CLIFailure.usage("--period '\(text)' is no period: give a year (2025), a month (2025-03) or a day (2025-03-15).")
            }
            return period
        }
        guard from != nil || to != nil else { return nil }
        func day(_ text: String?, _ option: String, otherwise: CalendarDate?) throws -> CalendarDate? {
            guard let text else { return otherwise }
            guard let date = CalendarDate(iso: text) else { throw CLIFailure.usage("\(option) '\(text)' is not a date: write it as yyyy-mm-dd.") }
            return date
        }
        guard let start = try day(from, "--from", otherwise: CalendarDate(year: 1900, month: 1, day: 1)),
              let end = try day(to, "--to", otherwise: CalendarDate(year: 2200, month: 12, day: 31)) else { return nil }
        guard let period = CoveragePeriod(from: start, to: end) else { throw CLIFailure.usage("--to (\(end)) is before --from (\(start)).") }
        return period
    }

    struct Output: Encodable {
        let regions: [RegionCoverage]
        /// The 4W matrix of the region asked for (`--within`).
        let matrix: [FourWRow]
    }

    static func render(_ rows: [RegionCoverage], matrix: [FourWRow], format: String) -> String {
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(Output(regions: rows, matrix: matrix))) ?? Data("{}".utf8), as: UTF8.self) + "\n"
        }
        let programmes = Array(Set(rows.flatMap(\.familiesReached.keys))).sorted()
        let threshold = rows.first?.inclusionThreshold ?? CoverageRules.inclusionErrorDesil
        let heading: [String] = ["code", "name", "families"] + programmes + ["duplicated", "eligible_unreached", "desil1_unreached", "inclusion_errors"]
            + programmes.map { "\($0)_desil\(threshold)plus" }
        var lines = [heading.joined(separator: "\t")]
        for row in rows {
            var cells: [String] = [row.code, row.name, String(row.families)]
            cells += programmes.map { String(row.familiesReached[$0] ?? 0) }
            cells += [String(row.duplicatedAidFamilies), String(row.eligibleUnreachedFamilies), String(row.desil1UnreachedFamilies), String(row.inclusionErrorFamilies)]
            cells += programmes.map { String(row.betterOffFamiliesReached[$0] ?? 0) }
            lines.append(cells.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
