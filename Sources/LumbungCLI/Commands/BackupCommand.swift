import ArgumentParser
import Foundation
import Logging
import LumbungStore

/// `lumbung backup FILE`: a consistent copy of the whole database in one file, with a manifest of every
/// table's row count and checksum. Safe while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a backup of the whole database to one file.",
        discussion: """
            SQLite: an online copy (VACUUM INTO) taken while the server keeps running. PostgreSQL: pg_dump's custom
            format from one snapshot (pg_dump is looked for in LUMBUNG_PG_BIN, PATH, /usr/lib/postgresql/*/bin).
            The file is a zip holding the copy and manifest.json (row counts and checksums of every table, from the
            same snapshot). An existing FILE is replaced only when the new backup is complete.
            Example (nightly, from cron): 15 2 * * *  lumbung backup --database /srv/lumbung/lumbung.sqlite /srv/cadangan/lumbung-$(date +\\%F).zip
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions
    @Argument(help: "The backup file to write, e.g. lumbung-2026-12-07.zip.") var file: String

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.backup", default: .warning)
        let database = try await Database.open(try databaseOptions.location(), logger: logger)
        do {
            let manifest = try await DatabaseBackup.backup(database, to: URL(fileURLWithPath: file), logger: logger)
            await database.close()
            print("backup of \(database.location) written to \(file): \(manifest.tables.count) tables, \(manifest.totalRows) rows, schema version \(manifest.schemaVersion)")
        } catch {
            await database.close()
            throw error
        }
    }
}

/// `lumbung restore FILE --database TARGET`: a backup into a new SQLite file or an empty PostgreSQL database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new SQLite file or an empty PostgreSQL database.",
        discussion: """
            Nothing stored is overwritten: the target must not exist (SQLite) or must hold no tables (PostgreSQL).
            The copy's SHA-256 is checked before anything is written, and every table's row count and checksum
            after. A backup from a newer Lumbung, of the other engine, cut short or altered is refused.
            Add --check to verify a backup file's manifest without restoring it.
            Example: lumbung restore lumbung-2026-12-07.zip --database /srv/lumbung/pulih.sqlite
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions
    @Argument(help: "A file written by `lumbung backup`.") var file: String
    @Flag(help: "Only read the backup's manifest and list its tables.") var check = false

    func run() async throws {
        let logger = try loggingOptions.logger(label: "lumbung.restore", default: .warning)
        let url = URL(fileURLWithPath: file)
        if check {
            let manifest = try DatabaseBackup.manifest(of: url)
            print("\(file): \(manifest.engine) backup of \(manifest.createdAt), schema version \(manifest.schemaVersion)")
            for table in manifest.tables { print("  \(table.table): \(table.rows) rows") }
            return
        }
        let target = try databaseOptions.location()
        let manifest = try await DatabaseBackup.restore(url, into: target, logger: logger)
        print("restored \(file) into \(target): \(manifest.tables.count) tables, \(manifest.totalRows) rows, every count and checksum equal to the backup's")
    }
}
