import ArgumentParser
import Foundation
import Logging
import LumbungDomain
import LumbungStore

/// `lumbung user add|list|disable|enable|reset-password|token`: the people who sign in. Every change is
/// written to the audit log as `cli:<operating-system user>`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list, disable and reset users; issue API tokens.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self, Token.self, Tokens.self, RevokeToken.self]
    )

    /// The password from standard input (one line), so it stays out of the shell history and `ps`.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIFailure.usage("Give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | lumbung user add …")
        }
        return line
    }

    static func withDatabase<T: Sendable>(_ options: DatabaseOptions, _ logging: LoggingOptions,
                                          _ body: @Sendable (Database) async throws -> T) async throws -> T {
        let database = try await options.openMigrated(logger: try logging.logger(label: "lumbung.user", default: .warning))
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input.",
            discussion: """
                Roles: admin, analyst, operator, partner (needs --organisation), viewer.
                Example: printf '%s\\n' "$PASSWORD" | lumbung user add siti --name "Siti Aminah" --role operator --scope 52.01
                """)
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "Username: 3–40 lowercase letters, digits, '.', '-' or '_'.") var username: String
        @Option(help: "Full name.") var name: String
        @Option(help: "admin, analyst, operator, partner or viewer.") var role: String
        @Option(help: "Region code the user may see (52 for the whole province).") var scope: String = "52"
        @Option(help: "Organisation (required for partners).") var organisation: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw CLIFailure.usage("Unknown role '\(self.role)': use admin, analyst, operator, partner or viewer.") }
            let password = try UserCommand.readPassword()
            let user = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { database in
                try await UserStore(database: database).add(username: username, displayName: name, role: role, scope: scope,
                                                             organisation: organisation, password: password, by: .commandLine)
            }
            print("added \(user.username) (\(user.role.rawValue), scope \(user.scope.region.dotted))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions

        func run() async throws {
            let users = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { try await UserStore(database: $0).list() }
            print("username             role      scope          status    name")
            for user in users {
                let cells = [user.username.padding(toLength: 21, withPad: " ", startingAt: 0), user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                             user.scope.region.dotted.padding(toLength: 15, withPad: " ", startingAt: 0),
                             (user.disabled ? "disabled" : "active").padding(toLength: 10, withPad: " ", startingAt: 0)]
                print(cells.joined() + user.displayName + (user.organisation.map { " (\($0))" } ?? ""))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: ends their sessions and revokes their tokens.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument var username: String

        func run() async throws { try await UserCommand.setDisabled(username, true, databaseOptions, loggingOptions) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument var username: String

        func run() async throws { try await UserCommand.setDisabled(username, false, databaseOptions, loggingOptions) }
    }

    static func setDisabled(_ username: String, _ disabled: Bool, _ options: DatabaseOptions, _ logging: LoggingOptions) async throws {
        try await withDatabase(options, logging) { try await UserStore(database: $0).setDisabled(username, disabled, by: .commandLine) }
        print("\(disabled ? "disabled" : "enabled") \(username)")
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password",
                                                        abstract: "Set a new password (read from standard input), end the user's sessions and revoke their API tokens.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument var username: String

        func run() async throws {
            let password = try UserCommand.readPassword()
            try await UserCommand.withDatabase(databaseOptions, loggingOptions) {
                try await UserStore(database: $0).resetPassword(username, to: password, by: .commandLine)
            }
            print("password of \(username) reset")
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a partner system (shown once; stored only as a hash).",
            discussion: "Use it as: curl -H 'Authorization: Bearer lmb_…' http://host:8080/api/v1/regions/52/indicators")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument var username: String
        @Option(help: "What the token is for.") var name: String = "api"
        @Option(help: "Days until it expires.") var days: Int = 90

        func run() async throws {
            guard (1...730).contains(days) else { throw CLIFailure.usage("--days must be 1–730.") }
            let issued = try await UserCommand.withDatabase(databaseOptions, loggingOptions) {
                try await SessionStore(database: $0).issueToken(for: username, name: name, days: days, by: .commandLine)
            }
            let expiry = Date(timeIntervalSince1970: TimeInterval(issued.expiresAt)).formatted(.iso8601.year().month().day())
            print("token \(issued.id) for \(username), valid until \(expiry):\n\(issued.token)")
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's API tokens (never the tokens themselves).")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument var username: String

        func run() async throws {
            let tokens = try await UserCommand.withDatabase(databaseOptions, loggingOptions) { try await SessionStore(database: $0).tokens(of: username) }
            func day(_ seconds: Int) -> String { Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601.year().month().day()) }
            for token in tokens {
                print("\(token.id)\t\(token.name)\tissued \(day(token.createdAt))\tuntil \(day(token.expiresAt))\t\(token.revoked ? "revoked" : "active")")
            }
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoke an API token by its number.")
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var loggingOptions: LoggingOptions
        @Argument(help: "The token's number, from `lumbung user tokens`.") var id: Int

        func run() async throws {
            try await UserCommand.withDatabase(databaseOptions, loggingOptions) { try await SessionStore(database: $0).revokeToken(id: id, by: .commandLine) }
            print("token \(id) revoked")
        }
    }
}
