import ArgumentParser
import Foundation
import LumbungDomain
import LumbungStore

/// `lumbung programme target CODE REGION --year Y --target N [--realised N]`: a programme's output target in a region.
struct ProgrammeTargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set a programme's output target (families or people reached) in a region for a year.",
        discussion: """
            The realisation is counted from the programme's enrolments of the year, unless --realised gives the figure the
            organisation reports.
            Examples:
              lumbung programme target SEMBAKO-LOTIM 52.03.01 --year 2025 --target 400
              lumbung programme target PKH 52.03 --year 2024 --target 12000 --realised 11250
            """)
    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions
    @Argument(help: "Programme code.") var programme: String
    @Argument(help: "Region code, e.g. 52.03.01.") var region: String
    @Option(help: "The year.") var year: Int
    @Option(help: "Families (or people) to reach.") var target: Int
    @Option(help: "The realisation the organisation reports (default: counted from the enrolments).") var realised: Int?

    func run() async throws {
        let code = try ReportCommand.parseRegion(region)
        let given = ProgrammeTarget(programme: programme, region: code, year: year, target: target, entered: realised)
        try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
            try await ProgrammeTargetStore(database: database).save([given], by: "baris perintah")
        }
        print("\(programme)\t\(code.dotted)\t\(year)\ttarget \(target)" + (realised.map { "\trealisasi \($0) (dilaporkan)" } ?? ""))
    }
}

/// `lumbung programme results CODE [--within REGION] [--format json]`: target, realisasi and capaian per region and year.
struct ProgrammeResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "A programme's targets with realisasi (counted from enrolments, or reported) and capaian per region and year.",
        discussion: "Example: lumbung programme results SEMBAKO-LOTIM --within 52.03 --format json")
    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions
    @Argument(help: "Programme code.") var programme: String
    @Option(help: "Only regions within this code.") var within: String?
    @Option(help: "text or json.") var format = "text"

    struct Output: Encodable { let programme: String; let results: [ProgrammeResult] }

    func run() async throws {
        try SnapshotCommand.checkFormat(format)
        let scope = try within.map(ReportCommand.parseRegion)
        let code = programme
        let results = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
            let tree = try await RegionStore(database: database).fetchTree()
            guard let parsed = ProgrammeCode(code), try await ProgrammeStore(database: database).programme(parsed) != nil else {
                throw ProgrammeProblem.programmeUnknown(code)
            }
            return try await ProgrammeTargetStore(database: database).results(of: code, within: scope, tree: tree, restricted: false)
        }
        if format == "json" {
            print(SnapshotCommand.json(Output(programme: code, results: results)), terminator: "")
        } else {
            for result in results {
                let capaian = result.capaian.map { IndonesianNumber.decimal($0) + "% " + (result.band ?? "") } ?? "-"
                print("\(result.year)\t\(result.region)\t\(result.name)\ttarget \(result.target)\trealisasi \(result.realisation.map(String.init) ?? "-") (\(result.source.rawValue))\tcapaian \(capaian)")
            }
        }
    }
}

/// `lumbung programme outcome CODE [--add ID]… [--remove ID]…`: the outcome indicators a programme names (registry or
/// external indicators), changed and then listed.
struct ProgrammeOutcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Link or unlink a programme's outcome indicators (registry or external), then list them.",
        discussion: """
            The programme page and its printable report follow each outcome indicator in the programme's target regions:
            baseline, target of the year, value at each snapshot, capaian. Indicator ids: GET /api/v1/indicators, and
            lumbung external list for those of other sources.
            Examples:
              lumbung programme outcome PKH --add desil1_families --add stunting_dinkes
              lumbung programme outcome PKH --remove stunting_dinkes
              lumbung programme outcome PKH
            """)
    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions
    @Argument(help: "Programme code.") var programme: String
    @Option(help: "An indicator to link (repeatable).") var add: [String] = []
    @Option(help: "An indicator to unlink (repeatable).") var remove: [String] = []

    func run() async throws {
        let code = programme
        let (added, removed) = (add, remove)
        let linked = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
            let store = ProgrammeOutcomeStore(database: database)
            let actor = AuditActor.commandLine
            for indicator in added { try await store.link(indicator, to: code, by: actor) }
            for indicator in removed where !(try await store.unlink(indicator, from: code, by: actor)) {
                throw MonitoringProblem.indicatorUnknown(indicator)
            }
            guard let parsed = ProgrammeCode(code), try await ProgrammeStore(database: database).programme(parsed) != nil else {
                throw ProgrammeProblem.programmeUnknown(code)
            }
            return try await store.outcomes(of: code)
        }
        if linked.isEmpty { print("\(code)\t(belum ada indikator hasil)") }
        for indicator in linked {
            print("\(code)\t\(indicator)\t\(IndicatorCatalogue.indicator(indicator)?.nameID ?? "(sumber lain)")")
        }
    }
}
