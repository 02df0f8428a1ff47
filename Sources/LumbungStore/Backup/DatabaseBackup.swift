import Foundation
import Logging
import LumbungDomain
import SQLKit
import ZIPFoundation

/// `lumbung backup` and `lumbung restore`: one file holding a consistent copy of the database (SQLite's
/// `VACUUM INTO`, or `pg_dump`'s custom format from an exported snapshot) and a manifest of every table's
/// row count and checksum, taken from that same consistent view.
///
/// A restore writes only into a new SQLite file or an empty PostgreSQL database, checks the copy's SHA-256
/// before anything is written, and compares every table with the manifest afterwards.
public enum DatabaseBackup {
    static let sqliteName = "database.sqlite"
    static let postgresName = "database.pgdump"
    /// A manifest larger than this is not one Lumbung wrote.
    static let manifestLimit: UInt64 = 16 << 20

    /// Writes a backup of `database` to `file` (replaced only when the new backup is complete).
    @discardableResult
    public static func backup(_ database: Database, to file: URL, logger: Logger) async throws -> BackupManifest {
        let work = try workFolder(near: file)
        defer { try? FileManager.default.removeItem(at: work) }
        let manifest: BackupManifest
        switch database.engine {
        case .sqlite:
            let copy = work.appendingPathComponent(sqliteName)
            try await database.read { db in
                try await db.raw("VACUUM INTO \(bind: copy.path)").run()
            }
            let (tables, schema) = try await inspect(.sqlite(path: copy.path), logger: logger)
            manifest = try makeManifest(engine: .sqlite, schema: schema, copy: copy, tables: tables)
        case .postgres:
            guard case .postgres(let url) = database.location else { preconditionFailure("a PostgreSQL database has a URL") }
            let tool = try ClientTool.find("pg_dump")
            let (plainURL, password) = ClientTool.split(url: url)
            let copy = work.appendingPathComponent(postgresName)
            let (tables, schema) = try await database.read { db in
                try await db.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
                do {
                    let snapshot = try await db.raw("SELECT pg_export_snapshot() AS s").first()?.decode(column: "s", as: String.self) ?? ""
                    try await tool.run(["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)",
                                        "--file=\(copy.path)", "--dbname=\(plainURL)"], password: password)
                    let tables = try await TableChecksums.compute(db, engine: .postgres)
                    let schema = try await schemaVersion(db)
                    try await db.raw("COMMIT").run()
                    return (tables, schema)
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
            manifest = try makeManifest(engine: .postgres, schema: schema, copy: copy, tables: tables)
        }
        let manifestURL = work.appendingPathComponent(BackupManifest.fileName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: manifestURL)
        let partial = work.appendingPathComponent("backup.zip")
        do {
            let archive = try Archive(url: partial, accessMode: .create)
            try archive.addEntry(with: BackupManifest.fileName, relativeTo: work, compressionMethod: .deflate)
            try archive.addEntry(with: manifest.databaseFile, relativeTo: work,
                                 compressionMethod: database.engine == .sqlite ? .deflate : .none)
        } catch {
            throw BackupError.unwritable(file.path, reason: "\(error)")
        }
        // rename(2) replaces an older file of the same name in one step: a cut-off run never leaves half a backup.
        guard rename(partial.path, file.path) == 0 else {
            throw BackupError.unwritable(file.path, reason: String(cString: strerror(errno)))
        }
        logger.info("backup written", metadata: ["file": "\(file.path)", "tables": "\(manifest.tables.count)", "rows": "\(manifest.totalRows)"])
        return manifest
    }

    /// Reads the manifest of a backup file, checking that it is one this Lumbung can restore.
    public static func manifest(of file: URL) throws -> BackupManifest {
        let archive = try open(file)
        return try readManifest(archive, file: file)
    }

    /// Restores `file` into `target`: a SQLite path that does not exist yet, or an empty PostgreSQL database.
    @discardableResult
    public static func restore(_ file: URL, into target: DatabaseLocation, logger: Logger) async throws -> BackupManifest {
        let archive = try open(file)
        let manifest = try readManifest(archive, file: file)
        let targetEngine: Database.Engine = if case .sqlite = target { .sqlite } else { .postgres }
        guard manifest.engine == targetEngine.rawValue else {
            throw BackupError.wrongEngine(file.lastPathComponent, backup: manifest.engine, target: targetEngine.rawValue)
        }
        switch target {
        case .sqlite(let path):
            let destination = URL(fileURLWithPath: path)
            guard !FileManager.default.fileExists(atPath: destination.path) else { throw BackupError.targetExists(path) }
            let work = try workFolder(near: destination)
            defer { try? FileManager.default.removeItem(at: work) }
            let copy = try extractDatabase(archive, manifest: manifest, file: file, into: work)
            let (tables, _) = try await inspect(.sqlite(path: copy.path), logger: logger)
            try compare(manifest.tables, tables)
            guard !FileManager.default.fileExists(atPath: destination.path) else { throw BackupError.targetExists(path) }
            do {
                try FileManager.default.moveItem(at: copy, to: destination)
            } catch {
                throw BackupError.unwritable(path, reason: "\(error)")
            }
        case .postgres(let url):
            let database = try await Database.open(target, logger: logger)
            do {
                let existing = try await database.read { db in try await TableChecksums.tables(db, engine: .postgres) }
                guard existing.isEmpty else { throw BackupError.targetNotEmpty(target.description, tables: existing.count) }
                let tool = try ClientTool.find("pg_restore")
                let work = try workFolder(near: FileManager.default.temporaryDirectory.appendingPathComponent("restore"))
                defer { try? FileManager.default.removeItem(at: work) }
                let copy = try extractDatabase(archive, manifest: manifest, file: file, into: work)
                let (plainURL, password) = ClientTool.split(url: url)
                try await tool.run(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                    "--dbname=\(plainURL)", copy.path], password: password)
                let tables = try await database.read { db in try await TableChecksums.compute(db, engine: .postgres) }
                try compare(manifest.tables, tables)
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
        logger.info("backup restored", metadata: ["file": "\(file.path)", "target": "\(target)", "rows": "\(manifest.totalRows)"])
        return manifest
    }

    // MARK: - Parts

    private static func workFolder(near file: URL) throws -> URL {
        let folder = file.deletingLastPathComponent().appendingPathComponent(".lumbung-backup-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw BackupError.unwritable(file.deletingLastPathComponent().path, reason: "\(error)")
        }
        return folder
    }

    /// Row counts and schema version of an SQLite file, opened on its own.
    private static func inspect(_ location: DatabaseLocation, logger: Logger) async throws -> ([TableChecksum], Int) {
        let copy = try await Database.open(location, logger: logger)
        do {
            let result = try await copy.read { db in
                (try await TableChecksums.compute(db, engine: .sqlite), try await schemaVersion(db))
            }
            await copy.close()
            return result
        } catch {
            await copy.close()
            throw error
        }
    }

    private static func schemaVersion(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT MAX(id) AS v FROM schema_migration").first()?.decode(column: "v", as: Int?.self) ?? 0
    }

    private static func makeManifest(engine: Database.Engine, schema: Int, copy: URL, tables: [TableChecksum]) throws -> BackupManifest {
        BackupManifest(format: BackupManifest.formatName, formatVersion: BackupManifest.currentFormatVersion,
                       engine: engine.rawValue, schemaVersion: schema, createdAt: Date().formatted(.iso8601),
                       databaseFile: copy.lastPathComponent, databaseSHA256: try SHA256.of(file: copy), tables: tables)
    }

    private static func open(_ file: URL) throws -> Archive {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw BackupError.notABackup(file.path, reason: "the file does not exist")
        }
        do {
            return try Archive(url: file, accessMode: .read)
        } catch {
            throw BackupError.notABackup(file.lastPathComponent, reason: "not a complete zip file; it may have been cut short")
        }
    }

    private static func readManifest(_ archive: Archive, file: URL) throws -> BackupManifest {
        let name = file.lastPathComponent
        guard let entry = archive[BackupManifest.fileName] else { throw BackupError.notABackup(name, reason: "it holds no manifest.json") }
        guard entry.uncompressedSize <= manifestLimit else { throw BackupError.notABackup(name, reason: "its manifest is too large") }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in data.append(chunk) }
        } catch {
            throw BackupError.damaged(name, reason: "its manifest cannot be read (\(error))")
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data), manifest.format == BackupManifest.formatName else {
            throw BackupError.notABackup(name, reason: "its manifest is not a Lumbung manifest")
        }
        guard manifest.formatVersion <= BackupManifest.currentFormatVersion else { throw BackupError.newerFormat(name, version: manifest.formatVersion) }
        let known = Migrator.all.last?.id ?? 0
        guard manifest.schemaVersion <= known else { throw BackupError.newerSchema(name, backup: manifest.schemaVersion, known: known) }
        guard [sqliteName, postgresName].contains(manifest.databaseFile), archive[manifest.databaseFile] != nil else {
            throw BackupError.damaged(name, reason: "the database copy \(manifest.databaseFile) is missing")
        }
        return manifest
    }

    /// Extracts the database copy and checks its SHA-256 against the manifest.
    private static func extractDatabase(_ archive: Archive, manifest: BackupManifest, file: URL, into folder: URL) throws -> URL {
        let name = file.lastPathComponent
        guard let entry = archive[manifest.databaseFile] else { throw BackupError.damaged(name, reason: "the database copy is missing") }
        let copy = folder.appendingPathComponent(manifest.databaseFile)
        do {
            _ = try archive.extract(entry, to: copy)
        } catch {
            throw BackupError.damaged(name, reason: "the database copy cannot be unpacked (\(error))")
        }
        let digest = try SHA256.of(file: copy)
        guard digest == manifest.databaseSHA256 else {
            throw BackupError.damaged(name, reason: "the database copy's SHA-256 is \(digest.prefix(12))…, the manifest says \(manifest.databaseSHA256.prefix(12))…")
        }
        return copy
    }

    private static func compare(_ expected: [TableChecksum], _ found: [TableChecksum]) throws {
        let byName = Dictionary(found.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        for table in expected {
            guard let restored = byName[table.table] else {
                throw BackupError.mismatch(table: table.table, expected: "\(table.rows) rows", found: "missing")
            }
            guard restored == table else {
                throw BackupError.mismatch(table: table.table, expected: "\(table.rows) rows, checksum \(table.checksum)",
                                           found: "\(restored.rows) rows, checksum \(restored.checksum)")
            }
        }
        if let extra = found.first(where: { table in !expected.contains { $0.table == table.table } }) {
            throw BackupError.mismatch(table: extra.table, expected: "absent", found: "\(extra.rows) rows")
        }
    }
}
