import Foundation
import SQLKit

/// Row counts and order-independent checksums of every table of a database, to show that a restored
/// database holds exactly what was backed up.
enum TableChecksums {
    /// Every ordinary table (partitioned tables once, through their parent), sorted by name.
    static func tables(_ db: any SQLDatabase, engine: Database.Engine) async throws -> [String] {
        let rows: [any SQLRow]
        switch engine {
        case .sqlite:
            rows = try await db.raw("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
                """).all()
        case .postgres:
            rows = try await db.raw("""
                SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
                """).all()
        }
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }

    /// The columns of `table`, in their order.
    static func columns(_ db: any SQLDatabase, engine: Database.Engine, table: String) async throws -> [String] {
        switch engine {
        case .sqlite:
            return try await db.raw("SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
                .map { try $0.decode(column: "name", as: String.self) }
        case .postgres:
            return try await db.raw("""
                SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
                """).all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    /// Counts and checksums of every table, read through `db` (one connection, so one consistent view when
    /// the caller holds a snapshot).
    static func compute(_ db: any SQLDatabase, engine: Database.Engine) async throws -> [TableChecksum] {
        var result: [TableChecksum] = []
        for table in try await tables(db, engine: engine) {
            result.append(try await compute(db, engine: engine, table: table))
        }
        return result
    }

    static func compute(_ db: any SQLDatabase, engine: Database.Engine, table: String) async throws -> TableChecksum {
        let columns = try await columns(db, engine: engine, table: table)
        let list = columns.enumerated().map { "CAST(\(quoted($1)) AS TEXT) AS c\($0)" }.joined(separator: ", ")
        let sum = RowSum()
        try await db.raw(SQLQueryString("SELECT \(list) FROM \(quoted(table))")).run { row in
            var hash = RowHash()
            for index in columns.indices {
                hash.add((try? row.decode(column: "c\(index)", as: String?.self)) ?? nil)
            }
            sum.add(hash.value)
        }
        return TableChecksum(table: table, rows: sum.rows, checksum: String(sum.total, radix: 16))
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The running total of row hashes; rows arrive on the connection's event loop one after another.
private final class RowSum: @unchecked Sendable {
    var rows = 0
    var total: UInt64 = 0
    func add(_ hash: UInt64) {
        rows += 1
        total &+= hash
    }
}

/// FNV-1a over a row's values (NULL distinct from every text), finished with a SplitMix64 step so that sums of
/// similar rows do not cancel out.
struct RowHash {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ value: String?) {
        guard let value else {
            mix(0xff)
            mix(0x00)
            return
        }
        for byte in value.utf8 { mix(byte) }
        mix(0x1f)
    }

    private mutating func mix(_ byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01b3
    }

    var value: UInt64 {
        var z = state &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
