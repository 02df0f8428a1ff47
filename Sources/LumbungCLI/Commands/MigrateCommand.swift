import ArgumentParser
import Logging
import LumbungStore

/// `lumbung migrate`: applies pending migrations, or lists the applied ones with `--status`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database schema up to date.",
        discussion: "Each migration runs in its own transaction: one that fails leaves the database as it was."
    )

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    @Flag(help: "List the migrations already applied and those pending; change nothing.")
    var status = false

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.migrate", default: .warning)
        let database = try await Database.open(try databaseOptions.location(), logger: logger)
        do {
            let migrator = Migrator(logger: logger)
            if status {
                let applied = try await migrator.applied(on: database)
                for migration in migrator.migrations {
                    let done = applied.first { $0.id == migration.id }
                    let state = done.map { "applied \($0.appliedAt)" } ?? "pending"
                    print("\(Self.number(migration.id))  \(state)  \(migration.name)")
                }
            } else {
                let applied = try await migrator.migrate(database)
                if applied.isEmpty {
                    print("The database at \(database.location) is up to date (\(migrator.migrations.count) migrations).")
                }
                for migration in applied {
                    print("applied \(Self.number(migration.id))  \(migration.name)")
                }
            }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    /// `7` → `007`.
    static func number(_ id: Int) -> String {
        let text = String(id)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
