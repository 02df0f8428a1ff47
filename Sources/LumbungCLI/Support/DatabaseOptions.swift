import ArgumentParser
import Foundation
import Logging
import LumbungStore

/// `--database`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file path or postgres://user:password@host:5432/name.",
        discussion: "Falls back to LUMBUNG_DATABASE_URL, then to lumbung.sqlite in the working directory.",
        valueName: "url-or-path"))
    var database: String?

    /// Flag > environment > default.
    func location() throws -> DatabaseLocation {
        if let database { return try DatabaseLocation(database) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["LUMBUNG_DATABASE_URL"], !fromEnvironment.isEmpty {
            return try DatabaseLocation(fromEnvironment)
        }
        return .defaultSQLite
    }

    /// Opens the database and brings its schema up to date.
    func openMigrated(logger: Logger) async throws -> Database {
        let database = try await Database.open(try location(), logger: logger)
        do {
            try await Migrator(logger: logger).migrate(database)
        } catch {
            await database.close()
            throw error
        }
        return database
    }
}

/// `--log-level`, shared by every command.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (or LUMBUNG_LOG_LEVEL).")
    var logLevel: String?

    func logger(label: String, default level: Logger.Level) throws -> Logger {
        let text = logLevel ?? ProcessInfo.processInfo.environment["LUMBUNG_LOG_LEVEL"]
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        if let text {
            guard let parsed = Logger.Level(rawValue: text.lowercased()) else {
                throw CLIFailure.usage("'\(text)' is not a log level: use trace, debug, info, notice, warning, error or critical.")
            }
            logger.logLevel = parsed
        } else {
            logger.logLevel = level
        }
        return logger
    }
}
