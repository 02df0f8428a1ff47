import ArgumentParser
import Foundation
import Logging
import LumbungDomain
import LumbungStore

/// `lumbung organisation add|list|edit|close`: the bodies that run programmes.
struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation",
        abstract: "Register, list, change and close the organisations that run programmes.",
        subcommands: [Add.self, List.self, Edit.self, Close.self]
    )

    /// The organisation called `name` (case ignored), or the refusal naming it.
    static func named(_ name: String, in store: ProgrammeStore) async throws -> Organisation {
        guard let organisation = try await store.organisation(named: name), organisation.id != nil else { throw ProgrammeProblem.organisationUnknown(name) }
        return organisation
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an organisation's name or kind (its programmes follow it).",
            discussion: """
                Kinds: \(OrganisationKind.choices).
                Example: lumbung organisation edit "BAZNAS NTB" --name "BAZNAS Provinsi NTB" --kind baznas
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The organisation's current name.") var organisation: String
        @Option(help: "Its new name.") var name: String?
        @Option(help: "Its new kind: \(OrganisationKind.choices).") var kind: String?

        func run() async throws {
            guard name != nil || kind != nil else { throw CLIFailure.usage("Nothing to change: give --name or --kind.") }
            let newKind = try kind.map { text in
                guard let parsed = OrganisationKind.parse(text) else { throw CLIFailure.usage("Unknown kind '\(text)': use \(OrganisationKind.choices).") }
                return parsed
            }
            let changed = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let store = ProgrammeStore(database: database)
                let current = try await OrganisationCommand.named(organisation, in: store)
                return try await store.changeOrganisation(current.id ?? 0, name: name, kind: newKind, by: .commandLine)
            }
            print("changed organisation \(changed.name) (\(changed.kind.rawValue))")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an organisation: it keeps its programmes and their history, but gets no new programmes.",
            discussion: "Example: lumbung organisation close \"LSM Mitra Sejahtera\" --on 2025-12-31")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The organisation's name.") var organisation: String
        @Option(help: "The closing date (yyyy-mm-dd); default today.") var on: String?

        func run() async throws {
            let date = try on.map { try ProgrammeCommand.date($0, option: "--on") } ?? .todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
            let closed = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let store = ProgrammeStore(database: database)
                let current = try await OrganisationCommand.named(organisation, in: store)
                return try await store.closeOrganisation(current.id ?? 0, on: date, by: .commandLine)
            }
            print("closed organisation \(closed.name) on \(date)")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an organisation.",
            discussion: """
                Kinds: \(OrganisationKind.choices).
                Example: lumbung organisation add "BAZNAS NTB" --kind baznas --region 52
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The organisation's name (partners' users name it with --organisation).") var name: String
        @Option(help: "\(OrganisationKind.choices).") var kind: String
        @Option(help: "The region it works in, when it is a regional body (52.03, …).") var region: String?

        func run() async throws {
            guard let kind = OrganisationKind.parse(kind) else { throw CLIFailure.usage("Unknown kind '\(self.kind)': use \(OrganisationKind.choices).") }
            let code = try region.map(ReportCommand.parseRegion)
            let organisation = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ProgrammeStore(database: database).addOrganisation(Organisation(name: name, kind: kind, region: code), by: .commandLine)
            }
            print("added organisation \(organisation.name) (\(organisation.kind.rawValue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organisations.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions

        func run() async throws {
            let organisations = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ProgrammeStore(database: database).organisations()
            }
            for organisation in organisations {
                print(([organisation.name, organisation.kind.rawValue, organisation.region?.dotted ?? "-"]
                       + (organisation.closedOn.map { ["closed \($0)"] } ?? [])).joined(separator: "\t"))
            }
        }
    }
}

/// `lumbung programme add|list|show|edit|close`: the programmes of every organisation.
struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Register, list, show, change and close programmes.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Close.self, ProgrammeTargetCommand.self, ProgrammeResultsCommand.self, ProgrammeOutcomeCommand.self]
    )

    static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw CLIFailure.usage("\(option) '\(text)' is not a date: write it as yyyy-mm-dd.") }
        return date
    }

    static func code(_ text: String) throws -> ProgrammeCode {
        guard let code = ProgrammeCode(text) else { throw CLIFailure.usage(ProgrammeProblem.codeInvalid(text).description) }
        return code
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a programme of a registered organisation.",
            discussion: """
                Sectors: \(Sector.choices). Units: individu (each person) or keluarga (the family).
                Example: lumbung programme add PKH --name "Program Keluarga Harapan" --organisation "Kementerian Sosial" \\
                           --sector tunai --unit keluarga --funding APBN --start 2025-01-01 --end 2025-12-31 \\
                           --budget 120000000000 --region 52 --eligibility "keluarga miskin dengan komponen" --max-desil 4
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The programme's code: 2–32 letters, digits, '-' or '_' (PKH, SEMBAKO-PEMDA).") var code: String
        @Option(help: "Its name.") var name: String
        @Option(help: "The organisation that runs it (registered with `lumbung organisation add`).") var organisation: String
        @Option(parsing: .upToNextOption, help: "One or more sectors: \(Sector.choices).") var sector: [String]
        @Option(help: "individu or keluarga.") var unit: String = "keluarga"
        @Option(help: "Source of funds (APBN, APBD, Dana Desa, zakat, CSR …).") var funding: String = ""
        @Option(help: "First day (yyyy-mm-dd).") var start: String
        @Option(help: "Last day (yyyy-mm-dd); none for a standing programme.") var end: String?
        @Option(help: "Budget for the period, in whole rupiah.") var budget: Int?
        @Option(parsing: .upToNextOption, help: "Target regions (52 for the whole province).") var region: [String] = ["52"]
        @Option(help: "The eligibility rule in words.") var eligibility: String = ""
        @Option(help: "Eligible families are in desil 1 to this.") var maxDesil: Int?

        func run() async throws {
            let sectors: [Sector] = try sector.map { text in
                guard let parsed = Sector.parse(text) else { throw CLIFailure.usage(ProgrammeProblem.sectorUnknown(text).description) }
                return parsed
            }
            guard let unit = ProgrammeUnit.parse(unit) else { throw CLIFailure.usage(ProgrammeProblem.unitUnknown(unit).description) }
            let programmeCode = try ProgrammeCommand.code(code)
            let regions = try region.map(ReportCommand.parseRegion)
            let start = try ProgrammeCommand.date(start, option: "--start")
            let end = try end.map { try ProgrammeCommand.date($0, option: "--end") }
            let record = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let store = ProgrammeStore(database: database)
                guard let owner = try await store.organisation(named: organisation) else { throw ProgrammeProblem.organisationUnknown(organisation) }
                let programme = Programme(code: programmeCode, name: name, organisationID: owner.id, sectors: sectors, unit: unit, fundingSource: funding,
                                          start: start, end: end, budget: budget, targetRegions: regions, eligibility: eligibility, maximumDesil: maxDesil)
                return try await store.add(programme, by: .commandLine)
            }
            print("added programme \(record.programme.code) (\(record.organisation.name))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the programmes with their enrolments.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "Only programmes working in this region.") var within: String?
        @Option(help: "Only this organisation's programmes.") var organisation: String?

        func run() async throws {
            let scope = try within.map(ReportCommand.parseRegion)
            let records = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ProgrammeStore(database: database).programmes(visibleIn: scope, organisation: organisation)
            }
            print(["code", "name", "organisation", "sectors", "unit", "period", "enrolments", "unmatched", "families"].joined(separator: "\t"))
            for record in records {
                let programme = record.programme
                print([programme.code.value, programme.name, record.organisation.name, programme.sectors.map(\.rawValue).joined(separator: ","), programme.unit.rawValue,
                       ProgrammeCommand.period(programme), String(record.enrolments), String(record.unmatched), String(record.familiesReached)].joined(separator: "\t"))
            }
        }
    }

    static func period(_ programme: Programme) -> String {
        "\(programme.start)…\(programme.end?.description ?? "")" + (programme.closedOn.map { " (closed \($0))" } ?? "")
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one programme.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The programme's code.") var code: String
        @Option(help: "text or json.") var format: String = "text"

        func run() async throws {
            guard ["text", "json"].contains(format) else { throw CLIFailure.usage("Unknown format '\(format)': use text or json.") }
            let programmeCode = try ProgrammeCommand.code(code)
            guard let record = try await UserCommand.withDatabase(databaseOptions, loggingOptions, { database in
                try await ProgrammeStore(database: database).programme(programmeCode)
            }) else { throw CLIFailure.failure(ProgrammeProblem.programmeUnknown(programmeCode.value).description) }
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
                return
            }
            let programme = record.programme
            print("""
                \(programme.code) — \(programme.name)
                  organisation: \(record.organisation.name) (\(record.organisation.kind.rawValue))
                  sectors: \(programme.sectors.map(\.rawValue).joined(separator: ", ")) · unit: \(programme.unit.rawValue) · funding: \(programme.fundingSource)
                  period: \(ProgrammeCommand.period(programme)) · budget: \(programme.budget.map { "Rp \($0)" } ?? "-")
                  regions: \(programme.targetRegions.map(\.dotted).joined(separator: ", "))
                  eligibility: \(programme.eligibility)\(programme.maximumDesil.map { " (desil ≤ \($0))" } ?? "")
                  enrolments: \(record.enrolments) (\(EnrolmentMatch.allCases.map { "\($0.rawValue) \(record.enrolmentsByMatch[$0.rawValue] ?? 0)" }.joined(separator: ", "))) · families reached: \(record.familiesReached)
                """)
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a programme: the options given replace the stored values, the others stay (the code stays).",
            discussion: """
                The same checks as adding it (and as the page's form). --end none makes it open-ended; --budget none and
                --max-desil none clear them.
                Example: lumbung programme edit LANSIA-NTB --name "Bantuan Lansia Terlantar" --end 2026-06-30 --budget 120000000
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The programme's code.") var code: String
        @Option(help: "Its name.") var name: String?
        @Option(help: "The organisation that runs it (an open one, or the one it has).") var organisation: String?
        @Option(parsing: .upToNextOption, help: "One or more sectors: \(Sector.choices).") var sector: [String] = []
        @Option(help: "individu or keluarga.") var unit: String?
        @Option(help: "Source of funds.") var funding: String?
        @Option(help: "First day (yyyy-mm-dd).") var start: String?
        @Option(help: "Last day (yyyy-mm-dd), or none.") var end: String?
        @Option(help: "Budget for the period in whole rupiah, or none.") var budget: String?
        @Option(parsing: .upToNextOption, help: "Target regions (52 for the whole province).") var region: [String] = []
        @Option(help: "The eligibility rule in words.") var eligibility: String?
        @Option(help: "Eligible families are in desil 1 to this, or none.") var maxDesil: String?

        func run() async throws {
            let programmeCode = try ProgrammeCommand.code(code)
            let sectors: [Sector] = try sector.map { text in
                guard let parsed = Sector.parse(text) else { throw CLIFailure.usage(ProgrammeProblem.sectorUnknown(text).description) }
                return parsed
            }
            let newUnit = try unit.map { text in
                guard let parsed = ProgrammeUnit.parse(text) else { throw CLIFailure.usage(ProgrammeProblem.unitUnknown(text).description) }
                return parsed
            }
            let regions = try region.map(ReportCommand.parseRegion)
            let newStart = try start.map { try ProgrammeCommand.date($0, option: "--start") }
            let newEnd: CalendarDate?? = try end.map { $0.lowercased() == "none" ? .none : try ProgrammeCommand.date($0, option: "--end") }
            let newBudget: Int?? = try budget.map { text in
                if text.lowercased() == "none" { return .none }
                guard text.count <= 15, let value = Int(text.filter { $0 != "." && $0 != "_" }) else {
                    throw CLIFailure.usage(ProgrammeProblem.budgetUnreadable(text).description)
                }
                return value
            }
            let newDesil: Int?? = try maxDesil.map { text in
                if text.lowercased() == "none" { return .none }
                guard text.count <= 3, let value = Int(text) else { throw CLIFailure.usage(ProgrammeProblem.desilOutOfRange(0).description) }
                return value
            }
            let record = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                let store = ProgrammeStore(database: database)
                guard let current = try await store.programme(programmeCode) else { throw ProgrammeProblem.programmeUnknown(programmeCode.value) }
                var programme = current.programme
                if let name { programme.name = name }
                if let organisation { programme.organisationID = try await OrganisationCommand.named(organisation, in: store).id }
                if !sectors.isEmpty { programme.sectors = sectors }
                if let newUnit { programme.unit = newUnit }
                if let funding { programme.fundingSource = funding }
                if let newStart { programme.start = newStart }
                if let newEnd { programme.end = newEnd }
                if let newBudget { programme.budget = newBudget }
                if !regions.isEmpty { programme.targetRegions = regions }
                if let eligibility { programme.eligibility = eligibility }
                if let newDesil { programme.maximumDesil = newDesil }
                return try await store.update(programme, by: .commandLine)
            }
            print("changed programme \(record.programme.code) (\(record.organisation.name))")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a programme: it takes no more lists; what it reached stays.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The programme's code.") var code: String
        @Option(help: "The closing date (yyyy-mm-dd); default today.") var on: String?

        func run() async throws {
            let programmeCode = try ProgrammeCommand.code(code)
            let date = try on.map { try ProgrammeCommand.date($0, option: "--on") } ?? .todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
            let record = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await ProgrammeStore(database: database).close(programmeCode, on: date, by: .commandLine)
            }
            print("closed \(record.programme.code) on \(date)")
        }
    }
}
