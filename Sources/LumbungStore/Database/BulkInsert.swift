import SQLKit

/// Multi-row INSERT with bound values: reference tables loaded by migrations, and the staging
/// tables an import fills before it upserts into the registry.
enum BulkInsert {
    static func rows(
        _ db: any SQLDatabase, into table: String, columns: [String],
        _ rows: [[any Encodable & Sendable]], perStatement: Int = 200, casts: [String: String] = [:]
    ) async throws {
        let castAt = columns.enumerated().compactMap { index, column in casts[column].map { (index, $0) } }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES ")
            for (index, row) in chunk.enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                if castAt.isEmpty {
                    query.appendInterpolation(binds: row)
                } else {
                    for (position, value) in row.enumerated() {
                        if position > 0 { query.appendLiteral(", ") }
                        if let cast = castAt.first(where: { $0.0 == position })?.1 {
                            query.appendLiteral("CAST(")
                            query.appendInterpolation(bind: value)
                            query.appendLiteral(" AS \(cast))")
                        } else {
                            query.appendInterpolation(bind: value)
                        }
                    }
                }
                query.appendLiteral(")")
            }
            try await db.raw(query).run()
            start += perStatement
        }
    }
}
