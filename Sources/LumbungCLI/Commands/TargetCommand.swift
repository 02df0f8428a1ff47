import ArgumentParser
import Foundation
import LumbungDomain
import LumbungImport
import LumbungSheets
import LumbungStore

/// `lumbung target set|list|import`: baselines and targets per indicator × region.
struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set, list and import baselines and targets per indicator and region.",
        subcommands: [Set.self, List.self, Import.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a baseline and/or targets for one indicator in one region.",
            discussion: """
                Values are in the indicator's unit: percent for rates (12.5 = 12,5 %), people or families for counts.
                Examples:
                  lumbung target set desil1_families 52.03 --baseline 21.5 --baseline-year 2024 --source "DTSEN 2024"
                  lumbung target set desil1_families 52.03 --target 2025=19 --target 2026=17
                  lumbung target set desil1_families 52.03 --reduce 10 --through 2029     (turun 10 % per tahun dari baseline)
                  lumbung target set desil1_people 52.03 --split sex=perempuan --baseline 20 --baseline-year 2024
                A split (rincian) is one group of one of the indicator's splits: sex=laki-laki|perempuan, disability=ya|tidak,
                age_band=0-4|5-17|18-59|60+ for people; head_sex, member_with_disability, elderly_member, child_member for families.
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "Indicator id (see GET /api/v1/indicators), e.g. desil1_families.") var indicator: String
        @Argument(help: "Region code, e.g. 52.03.") var region: String
        @Option(help: "Baseline value.") var baseline: Double?
        @Option(help: "Baseline year.") var baselineYear: Int?
        @Option(help: "Where the baseline comes from.") var source: String = ""
        @Option(help: "A target as YEAR=VALUE (repeatable).") var target: [String] = []
        @Option(help: "Derive targets: a reduction of this many percent per year from the baseline, compounded.") var reduce: Double?
        @Option(help: "The last year of derived targets.") var through: Int?
        @Option(help: "A split of the indicator: SPLIT=GROUP, e.g. sex=perempuan (default: all).") var split: String = "all"

        func run() async throws {
            let code = try ReportCommand.parseRegion(region)
            let rincian: TargetSplit
            if let known = IndicatorCatalogue.indicator(indicator) {
                do { rincian = try TargetSplit.parse(split, for: known) } catch { throw CLIFailure.usage(error.description) }
            } else {
                // An external indicator has no splits.
                guard ["", "all", "semua"].contains(split.lowercased()) else {
                    throw CLIFailure.usage(MonitoringProblem.splitUnknown(split, indicator: indicator, choices: "all").description)
                }
                rincian = .all
            }
            var change = TargetPlan(indicator: indicator, region: code, split: rincian)
            if let baseline {
                guard let baselineYear else { throw CLIFailure.usage("--baseline butuh --baseline-year.") }
                change.baseline = Baseline(value: baseline, year: baselineYear, source: source)
            }
            for text in target {
                let parts = text.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let year = Int(parts[0]), let value = TargetSheet.number(.text(String(parts[1]))) else {
                    throw CLIFailure.usage("--target '\(text)' tidak terbaca: tulis TAHUN=NILAI (mis. 2025=19,5).")
                }
                change.targets[year] = value
            }
            let (indicator, reduce, through, given) = (self.indicator, self.reduce, self.through, change)
            let saved = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                var change = given
                if IndicatorCatalogue.indicator(indicator) == nil, try await ExternalIndicatorStore(database: database).indicator(indicator) == nil {
                    throw CLIFailure.usage(MonitoringProblem.indicatorUnknown(indicator).description)
                }
                let store = TargetStore(database: database)
                if let reduce {
                    guard let through else { throw CLIFailure.usage("--reduce butuh --through TAHUN.") }
                    let current = try await store.plan(indicator: indicator, region: code, split: rincian)
                    guard let base = change.baseline ?? current.baseline else {
                        throw MonitoringProblem.baselineMissing(indicator: indicator, region: code.dotted)
                    }
                    change.targets.merge(try TargetPlan.derived(from: base, reducingBy: reduce, through: through)) { given, _ in given }
                }
                guard change.baseline != nil || !change.targets.isEmpty else { throw CLIFailure.usage("Tidak ada yang disimpan: beri --baseline, --target atau --reduce.") }
                return try await store.save([change], by: "baris perintah")
            }
            for plan in saved { print(TargetCommand.line(plan)) }
        }
    }

    static func line(_ plan: TargetPlan) -> String {
        let baseline = plan.baseline.map { "baseline \(IndonesianNumber.decimal($0.value)) (\($0.year)\($0.source.isEmpty ? "" : ", " + $0.source))" } ?? "baseline -"
        let targets = plan.targets.sorted { $0.key < $1.key }.map { "\($0.key): \(IndonesianNumber.decimal($0.value))" }.joined(separator: ", ")
        return "\(plan.indicator)\t\(plan.region.dotted)\(plan.split.isAll ? "" : "\t" + plan.split.key)\t\(baseline)\ttarget \(targets.isEmpty ? "-" : targets)"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List baselines and targets.",
                                                        discussion: "Example: lumbung target list --indicator desil1_families --within 52.03 --format json")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "Only this indicator.") var indicator: String?
        @Option(help: "Only regions within this code.") var within: String?
        @Option(help: "text or json.") var format = "text"

        struct Output: Encodable { let plans: [TargetPlan.Document] }

        func run() async throws {
            try SnapshotCommand.checkFormat(format)
            let scope = try within.map(ReportCommand.parseRegion)
            let indicator = self.indicator
            let plans = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await TargetStore(database: database).plans(indicator: indicator, within: scope)
            }
            if format == "json" {
                print(SnapshotCommand.json(Output(plans: plans.map(\.document))), terminator: "")
            } else {
                for plan in plans { print(TargetCommand.line(plan)) }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import baselines and targets from a sheet (CSV, XLSX, ODS): all rows or none.",
            discussion: """
                Columns: kode_wilayah, indikator, tahun, baseline and/or target, sumber and rincian (optional; e.g. sex=perempuan).
                Example: lumbung target import target-2025.xlsx
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The sheet.") var file: String

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw CLIFailure.failure("Berkas '\(file)' tidak ada atau tidak terbaca.") }
            let saved = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let tree = try await RegionStore(database: database).fetchTree()
                let sheet: TargetSheet
                let external = Swift.Set(try await ExternalIndicatorStore(database: database).indicators().map(\.id))
                do { sheet = try TargetSheet.read(url, tree: tree, external: external) } catch let error as SheetReadError {
                    throw CLIFailure.failure(error.indonesianDescription)
                }
                guard sheet.problems.isEmpty else {
                    throw CLIFailure.failure("Berkas ditolak, tidak ada yang disimpan:\n" + sheet.problems.map { "  " + $0.description }.joined(separator: "\n"))
                }
                return try await TargetStore(database: database).save(sheet.plans, by: "baris perintah")
            }
            print("\(saved.count) rencana indikator × wilayah disimpan")
        }
    }
}
