import ArgumentParser
import Foundation
import LumbungDomain
import LumbungSheets
import LumbungStore

/// `lumbung report unreached --within CODE --desil 1|1-4`: the poor families no programme reaches, for verification.
struct UnreachedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unreached",
        abstract: "The families in desil 1 (or 1–4) that no running programme reaches: a visit list for verification (personal data, audited).",
        discussion: """
            The same families the coverage report counts as desil1_unreached (--desil 1) or eligible_unreached (--desil 1-4).
            With --sector only programmes of that sector count as reaching a family. The list is written to standard output
            as CSV (';', the No. KK in full) or JSON; writing it is recorded in the audit log as an export of personal data.
            Example: lumbung report unreached --within 52.03.01 --desil 1 > kunjungan.csv
                     lumbung report unreached --within 52.03 --desil 1-4 --sector pangan --format json
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Option(help: "The region to list within (52.03, 52.03.01, …).")
    var within: String

    @Option(help: "1 (desil 1) or 1-4 (desil 1–4).")
    var desil: String = "1"

    @Option(help: "Only programmes of this sector reach families (\(Sector.choices)).")
    var sector: String?

    @Option(help: "csv or json.")
    var format: String = "csv"

    @Option(help: "At most this many families (1–100000).")
    var limit: Int = 100_000

    struct Output: Encodable {
        let within: String
        let desil: String
        let sector: String?
        let total: Int
        let families: [UnreachedFamily]
    }

    func run() async throws {
        guard ["csv", "json"].contains(format) else { throw CLIFailure.usage("Unknown format '\(format)': use csv or json.") }
        guard (1...100_000).contains(limit) else { throw CLIFailure.usage("--limit must be from 1 to 100000.") }
        let region = try ReportCommand.parseRegion(within)
        guard let selection = UnreachedSelection(text: desil) else { throw CLIFailure.usage("--desil '\(desil)' is no list: use 1 or 1-4.") }
        let chosenSector = try sector.map { text in
            guard let parsed = Sector.parse(text) else { throw CLIFailure.usage(ProgrammeProblem.sectorUnknown(text).description) }
            return parsed
        }
        let (families, total) = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database -> ([UnreachedFamily], Int) in
            let tree = try await RegionStore(database: database).fetchTree()
            guard tree[region] != nil else { throw CLIFailure.failure(RegionLookupError.unknown(region).description) }
            let found = try await ProgrammeStore(database: database).unreachedFamilies(within: region, selection: selection, sector: chosenSector, limit: limit)
            try await AuditLog(database: database).append(.commandLine, .personalDataExported, region: region.dotted,
                                                          target: selection.auditTarget(region: region, sector: chosenSector),
                                                          recordCount: found.families.count)
            return found
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let output = Output(within: region.dotted, desil: selection.rawValue, sector: chosenSector?.rawValue, total: total, families: families)
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
            return
        }
        var lines = ["kk_number;head_name;village_code;address;rt;rw;desil;members"]
        for row in families {
            lines.append([row.kkNumber ?? "", row.headName ?? "", row.village, row.address ?? "", row.rt ?? "", row.rw ?? ""]
                .map { CSVField.text($0, delimiter: ";") }.joined(separator: ";") + ";\(row.desil);\(row.members)")
        }
        print(lines.joined(separator: "\n"))
    }
}
