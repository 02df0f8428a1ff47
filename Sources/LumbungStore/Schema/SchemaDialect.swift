import LumbungDomain

/// Column types and clauses that differ between SQLite and PostgreSQL, so that one migration
/// text serves both engines.
public struct SchemaDialect: Sendable {
    public let engine: Database.Engine

    /// An auto-numbered 64-bit key column (without PRIMARY KEY: big tables have composite keys on PostgreSQL).
    var serial: String { engine == .postgres ? "BIGSERIAL" : "INTEGER" }
    /// A self-standing auto-numbered primary key.
    var serialPrimaryKey: String { engine == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY" }
    var bigint: String { engine == .postgres ? "BIGINT" : "INTEGER" }
    var boolean: String { engine == .postgres ? "BOOLEAN" : "INTEGER" }
    var timestamp: String { engine == .postgres ? "TIMESTAMPTZ" : "TEXT" }
    var date: String { engine == .postgres ? "DATE" : "TEXT" }
    var json: String { engine == .postgres ? "JSONB" : "TEXT" }
    var now: String { engine == .postgres ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))" }
    var falseValue: String { engine == .postgres ? "FALSE" : "0" }

    /// `CHECK (column IN (…))` over the official codes of a code list (NULL allowed).
    func check(_ column: String, codes: ClosedRange<Int>) -> String {
        "CHECK (\(column) IN (\(codes.map(String.init).joined(separator: ","))))"
    }

    /// `CHECK (column IN ('a','b'))` over text values.
    func check(_ column: String, in values: [String]) -> String {
        "CHECK (\(column) IN (\(values.map { "'\($0)'" }.joined(separator: ","))))"
    }

    /// The suffix that makes a big table partitioned by kabupaten/kota on PostgreSQL (nothing on SQLite).
    /// `a` differs from `b`, NULLs compared as values.
    func isDistinct(_ a: String, _ b: String) -> String { engine == .postgres ? "\(a) IS DISTINCT FROM \(b)" : "\(a) IS NOT \(b)" }

    var partitionedByRegency: String { engine == .postgres ? " PARTITION BY LIST (regency_code)" : "" }
}
