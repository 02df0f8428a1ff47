import ArgumentParser
import Foundation
import LumbungDomain
import LumbungStore

/// `lumbung snapshot create|list|diff`: dated, named freezes of the registry's figures and the release diff between two.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Freeze today's figures as a named snapshot, list snapshots, and count what changed between two.",
        subcommands: [Create.self, List.self, Diff.self]
    )

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    static func checkFormat(_ format: String) throws {
        guard ["text", "json"].contains(format) else { throw CLIFailure.usage("Format '\(format)' tidak dikenal: pakai text atau json.") }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze the indicator values of every region (and per person what a release diff needs) as snapshot NAME.",
            discussion: """
                A snapshot is never recomputed: later imports change the registry, not the snapshot. Refused while an import runs.
                Example: lumbung snapshot create rilis-2025-1 --date 2025-06-30
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "1–64 letters, digits, '.', '-' or '_' (unique).") var name: String
        @Option(help: "The date the figures stand for, yyyy-mm-dd (default: the newest reference date of the imported data).") var date: String?

        func run() async throws {
            guard let snapshotName = SnapshotName(name) else { throw CLIFailure.usage(MonitoringProblem.snapshotNameInvalid(name).description) }
            let day = try date.map { text in
                guard let day = CalendarDate(iso: text), text.count == 10 else { throw CLIFailure.usage(MonitoringProblem.dateUnreadable(text).description) }
                return day
            }
            let snapshot = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await SnapshotStore(database: database).create(name: snapshotName, date: day, by: "baris perintah")
            }
            print("snapshot \(snapshot.name) (\(snapshot.date)) dibuat: \(snapshot.villages) desa, \(snapshot.families) keluarga, \(snapshot.people) penduduk")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the snapshots, oldest date first.",
                                                        discussion: "Example: lumbung snapshot list --format json")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "text or json.") var format = "text"

        struct Output: Encodable { let snapshots: [SnapshotStore.Snapshot] }

        func run() async throws {
            try SnapshotCommand.checkFormat(format)
            let snapshots = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await SnapshotStore(database: database).list()
            }
            if format == "json" {
                print(SnapshotCommand.json(Output(snapshots: snapshots)), terminator: "")
                return
            }
            var lines = [["name", "date", "villages", "families", "people", "last_batch", "created_at", "created_by"].joined(separator: "\t")]
            for snapshot in snapshots {
                lines.append([snapshot.name, snapshot.date, String(snapshot.villages), String(snapshot.families), String(snapshot.people),
                              snapshot.lastBatch.map(String.init) ?? "-", snapshot.createdAt, snapshot.createdBy].joined(separator: "\t"))
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count, per region, families who entered or left desil 1 and 1–4, people born, died and moved, and new and ended enrolments between snapshots A and B.",
            discussion: """
                Definitions: README, section Pemantauan. Moves are counted at both ends; at kecamatan and kabupaten level
                only moves that cross the region's border.
                Enrolments: running in B and not in A (new) or the reverse (ended); --by-programme adds them per programme.
                Example: lumbung snapshot diff rilis-2024 rilis-2025 --level kabupaten --format json
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The older snapshot.") var from: String
        @Argument(help: "The newer snapshot.") var to: String
        @Option(help: "kabupaten, kecamatan or desa.") var level = "kabupaten"
        @Option(help: "Only regions within this code (52.03).") var within: String?
        @Option(help: "text or json.") var format = "json"
        @Flag(help: "New and ended enrolments per programme too.") var byProgramme = false

        func run() async throws {
            try SnapshotCommand.checkFormat(format)
            let byProgramme = self.byProgramme
            let diffLevel: DiffLevel
            do { diffLevel = try DiffLevel.parse(level) } catch { throw CLIFailure.usage(error.description) }
            let scope = try within.map(ReportCommand.parseRegion)
            let (from, to) = (self.from, self.to)
            let diff = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let store = SnapshotStore(database: database)
                return try await store.diff(from: try await store.snapshot(named: from), to: try await store.snapshot(named: to), level: diffLevel, within: scope,
                                      byProgramme: byProgramme)
            }
            if format == "json" {
                print(SnapshotCommand.json(diff), terminator: "")
                return
            }
            var lines = [["code", "enteredDesil1", "leftDesil1", "enteredDesil1to4", "leftDesil1to4", "births", "deaths", "movedIn", "movedOut", "newEnrolments",
                          "endedEnrolments"].joined(separator: "\t")]
            for region in diff.regions {
                lines.append(([region.code] + [region.enteredDesil1, region.leftDesil1, region.enteredDesil1to4, region.leftDesil1to4, region.births,
                                                region.deaths, region.movedIn, region.movedOut, region.newEnrolments, region.endedEnrolments]
                    .map(String.init)).joined(separator: "\t"))
                for programme in region.programmes ?? [] {
                    lines.append("  \(programme.programme)\tnewEnrolments \(programme.newEnrolments)\tendedEnrolments \(programme.endedEnrolments)")
                }
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
