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
            programme reaches. Inclusion errors: families in desil 6–10 receiving PKH, BPNT or PBI-JK.
            Example: lumbung report coverage --within 52 --level kabupaten --format json
                     lumbung report coverage --within 52.03 --level desa --sector pangan
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
        let rows = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database -> [RegionCoverage] in
            let tree = try await RegionStore(database: database).fetchTree()
            guard tree[region] != nil else { throw CLIFailure.failure(RegionLookupError.unknown(region).description) }
            let villages = try await ProgrammeStore(database: database).coverageByVillage(within: region, sector: chosenSector)
            return CoverageReport.regions(CoverageReport.totals(villages, tree: tree), tree: tree, within: region, level: level)
        }
        print(Self.render(rows, format: format), terminator: "")
    }

    struct Output: Encodable {
        let regions: [RegionCoverage]
    }

    static func render(_ rows: [RegionCoverage], format: String) -> String {
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(Output(regions: rows))) ?? Data("{}".utf8), as: UTF8.self) + "\n"
        }
        let programmes = Array(Set(rows.flatMap(\.familiesReached.keys))).sorted()
        var lines = [(["code", "name", "families"] + programmes + ["duplicated", "eligible_unreached", "desil1_unreached", "inclusion_errors"]).joined(separator: "\t")]
        for row in rows {
            lines.append(([row.code, row.name, String(row.families)] + programmes.map { String(row.familiesReached[$0] ?? 0) }
                          + [String(row.duplicatedAidFamilies), String(row.eligibleUnreachedFamilies), String(row.desil1UnreachedFamilies),
                             String(row.inclusionErrorFamilies)]).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
