import ArgumentParser
import Foundation
import LumbungDomain
import LumbungStore

/// `lumbung audit` searches the audit log; `lumbung audit verify` checks its hash chain.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Search the audit log, or verify that it was not tampered with.",
        subcommands: [Search.self, Verify.self],
        defaultSubcommand: Search.self
    )

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The newest events, filtered by user, action, region and time.",
            discussion: "Example: lumbung audit --action login.failed --from 2026-11-01\nActions: "
                + AuditEvent.Action.allCases.map(\.rawValue).joined(separator: ", "))
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "Username.") var user: String?
        @Option(help: "Action, e.g. login.failed.") var action: String?
        @Option(help: "Region code: events in it or below it.") var region: String?
        @Option(help: "From this date or time (yyyy-mm-dd).") var from: String?
        @Option(help: "Until this date or time (yyyy-mm-dd), inclusive.") var until: String?
        @Option(help: "At most this many events.") var limit: Int = 100

        func run() async throws {
            if let action, AuditEvent.Action(rawValue: action) == nil {
                throw CLIFailure.usage("Unknown action '\(action)': use one of " + AuditEvent.Action.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            let filter = AuditLog.Filter(actor: user, action: action, region: region, from: from, until: until, limit: limit)
            let events = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { try await AuditLog(database: $0).search(filter) }
            for event in events {
                let parts = [String(event.id), event.at, event.actor, event.action.rawValue, event.outcome, event.region ?? "-", event.target ?? "-",
                             event.recordCount.map { "\($0) records" } ?? "-", event.address ?? "-"]
                print(parts.joined(separator: "\t"))
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the hash chain of the whole audit log; exit 1 when it is broken.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Option(help: "A newest hash noted earlier: the chain must still contain it.") var contains: String?

        func run() async throws {
            let result = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { try await AuditLog(database: $0).verify() }
            if let broken = result.firstBreak {
                throw CLIFailure.failure("The audit log is broken at event \(broken): it was edited, inserted or deleted there (\(result.checked) events before it hold).")
            }
            if let contains {
                guard let id = try await UserCommand.withDatabase(databaseOptions, loggingOptions, { try await AuditLog(database: $0).event(withHash: contains) }) else {
                    throw CLIFailure.failure("The audit log no longer contains hash \(contains): it was rewritten after that hash was noted.")
                }
                print("Hash \(contains.prefix(12))… is event \(id).")
            }
            print("The audit log holds: \(result.checked) events, chain intact.")
            print("Newest hash: \(result.head) (note it elsewhere: a later chain must still contain it)")
        }
    }
}
