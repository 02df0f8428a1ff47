import SQLKit

/// One numbered, named step of the schema. Migrations run in id order, each in its own transaction,
/// and are recorded in `schema_migration`; a merged migration is never edited, only followed by new ones.
public struct Migration: Sendable {
    public let id: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, SchemaDialect) async throws -> Void

    public init(id: Int, name: String, apply: @escaping @Sendable (any SQLDatabase, SchemaDialect) async throws -> Void) {
        self.id = id
        self.name = name
        self.apply = apply
    }

    /// A migration made of plain SQL statements, run in order.
    public init(id: Int, name: String, statements: @escaping @Sendable (SchemaDialect) -> [String]) {
        self.init(id: id, name: name) { db, dialect in
            for statement in statements(dialect) {
                try await db.raw(SQLQueryString(statement)).run()
            }
        }
    }
}
