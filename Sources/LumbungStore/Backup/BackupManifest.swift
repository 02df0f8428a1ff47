import Foundation

/// What a backup holds, written beside the database copy in the backup file and checked again after a restore.
///
/// The row counts and checksums are taken from the same consistent view of the database as the copy itself
/// (the copy's own file on SQLite, the exported snapshot `pg_dump` reads on PostgreSQL).
public struct BackupManifest: Codable, Sendable, Equatable {
    /// Always "lumbung-backup": tells a Lumbung backup from any other zip file.
    public var format: String
    /// The layout of the backup file itself (not the schema); 1 so far.
    public var formatVersion: Int
    /// The engine the copy was taken from and can be restored into.
    public var engine: String
    /// The newest migration applied to the database that was copied.
    public var schemaVersion: Int
    /// When the backup was taken (ISO 8601, UTC).
    public var createdAt: String
    /// The name of the database copy inside the backup file.
    public var databaseFile: String
    /// SHA-256 of that copy, to tell a damaged backup before anything is restored.
    public var databaseSHA256: String
    /// Every table, with its row count and checksum.
    public var tables: [TableChecksum]

    public static let formatName = "lumbung-backup"
    public static let currentFormatVersion = 1
    public static let fileName = "manifest.json"

    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// One table's row count and an order-independent checksum of its rows.
public struct TableChecksum: Codable, Sendable, Equatable {
    public var table: String
    public var rows: Int
    /// The wrapping sum of a 64-bit hash of every row's text, in hexadecimal: equal tables give equal sums
    /// whatever order the engine returns the rows in.
    public var checksum: String

    public init(table: String, rows: Int, checksum: String) {
        self.table = table
        self.rows = rows
        self.checksum = checksum
    }
}
