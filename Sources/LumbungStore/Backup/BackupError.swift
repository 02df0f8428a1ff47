/// Why a backup or a restore could not be made; each says what to do.
public enum BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    case targetExists(String)
    case targetNotEmpty(String, tables: Int)
    case notABackup(String, reason: String)
    case damaged(String, reason: String)
    case newerSchema(String, backup: Int, known: Int)
    case newerFormat(String, version: Int)
    case wrongEngine(String, backup: String, target: String)
    case toolMissing(String)
    case toolFailed(String, status: Int32, output: String)
    case mismatch(table: String, expected: String, found: String)
    case unwritable(String, reason: String)

    public var description: String {
        switch self {
        case .targetExists(let path):
            "\(path) already exists: a restore writes only into a new file. Choose another path or move the file away first."
        case .targetNotEmpty(let target, let tables):
            "\(target) is not empty (\(tables) tables): a restore writes only into an empty database, so nothing stored is overwritten. Create a new database (createdb) and restore into it."
        case .notABackup(let file, let reason):
            "\(file) is not a Lumbung backup (\(reason)). Give a file made by `lumbung backup`."
        case .damaged(let file, let reason):
            "\(file) is damaged: \(reason). Nothing was restored; use another backup."
        case .newerSchema(let file, let backup, let known):
            "\(file) was taken from a newer Lumbung (schema version \(backup), this one knows up to \(known)): restore it with that version or a newer one."
        case .newerFormat(let file, let version):
            "\(file) is a backup of format \(version), newer than this Lumbung reads: use a newer Lumbung."
        case .wrongEngine(let file, let backup, let target):
            "\(file) is a \(backup) backup and cannot be restored into \(target): restore it into a \(backup) database."
        case .toolMissing(let tool):
            "\(tool) was not found: install the PostgreSQL client tools (Debian: apt install postgresql-client) or set LUMBUNG_PG_BIN to their folder."
        case .toolFailed(let tool, let status, let output):
            "\(tool) failed (exit \(status)): \(output)"
        case .mismatch(let table, let expected, let found):
            "table \(table) differs from the backup after restoring (backup: \(expected); restored: \(found)). The restored database is not to be trusted."
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
