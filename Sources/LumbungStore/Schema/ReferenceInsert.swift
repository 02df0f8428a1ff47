import SQLKit

/// Multi-row INSERT for the small reference tables loaded by migrations (a few thousand rows).
///
/// Registry imports do not use this: they have their own bulk writers (COPY, prepared statements).
enum ReferenceInsert {
    static func rows(
        _ db: any SQLDatabase, into table: String, columns: [String],
        _ rows: [[any Encodable & Sendable]], perStatement: Int = 200
    ) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES ")
            for (index, row) in chunk.enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                query.appendInterpolation(binds: row)
                query.appendLiteral(")")
            }
            try await db.raw(query).run()
            start += perStatement
        }
    }
}
