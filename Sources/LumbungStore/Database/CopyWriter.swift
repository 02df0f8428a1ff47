import Logging
import NIOCore
import PostgresNIO
import SQLiteNIO

/// PostgreSQL's COPY … FROM STDIN in text format: the bulk path for imports, as fast as `psql \copy`.
enum CopyWriter {
    /// A value in COPY's text format.
    enum Value {
        case null
        case text(String)
        case int(Int)
        case bool(Bool)
    }

    static func copy(_ rows: [[Value]], into table: String, columns: [String], on connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: Logger(label: "lumbung.copy")) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    append(value, to: &buffer)
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static func append(_ value: Value, to buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .int(let number): buffer.writeString(String(number))
        case .bool(let flag): buffer.writeStaticString(flag ? "t" : "f")
        case .text(let text):
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 9: buffer.writeStaticString("\\t")
                case 10: buffer.writeStaticString("\\n")
                case 13: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}

extension CopyWriter.Value {
    init(_ text: String?) { self = text.map(CopyWriter.Value.text) ?? .null }
    init(_ number: Int?) { self = number.map(CopyWriter.Value.int) ?? .null }
}

/// The SQLite side of the bulk path: multi-row INSERTs with `SQLiteData` bound straight on the connection,
/// bypassing SQLKit's Codable encoding (about 2.7× faster, stack-notes §2).
enum SQLiteBulkWriter {
    static func insert(_ rows: [[CopyWriter.Value]], into table: String, columns: [String], perStatement: Int,
                       on connection: SQLiteConnection) async throws {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: placeholders, count: chunk.count).joined(separator: ",")
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                for value in row {
                    switch value {
                    case .null: binds.append(.null)
                    case .text(let text): binds.append(.text(text))
                    case .int(let number): binds.append(.integer(number))
                    case .bool(let flag): binds.append(.integer(flag ? 1 : 0))
                    }
                }
            }
            _ = try await connection.query(sql, binds)
            start += perStatement
        }
    }
}
