import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection (write transactions queue in-process) and a few readers.
struct SQLiteDriver: DatabaseDriver {
    let engine = Database.Engine.sqlite
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let logger: Logger

    static let readerCount = 4

    static func open(path: String, logger: Logger) async throws -> SQLiteDriver {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.cannotOpenSQLite(path: path, reason: "it is a folder, not a file")
        }
        let writer = try await connect(path: path, logger: logger, writer: true)
        var readers: [SQLiteConnection] = []
        do {
            for _ in 0..<readerCount {
                readers.append(try await connect(path: path, logger: logger, writer: false))
            }
        } catch {
            for connection in readers + [writer] { try? await connection.close() }
            throw error
        }
        return SQLiteDriver(writer: ConnectionPool([writer]), readers: ConnectionPool(readers), logger: logger)
    }

    private static func connect(path: String, logger: Logger, writer: Bool) async throws -> SQLiteConnection {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch let error as SQLiteError {
            throw translate(error, path: path)
        }
        do {
            let db = connection.sql()
            // The first read of the file: fails here with "not a database" for a foreign file.
            try await db.raw("PRAGMA busy_timeout = 10000").run()
            if writer {
                try await db.raw("PRAGMA journal_mode = WAL").run()
            }
            try await db.raw("SELECT count(*) FROM sqlite_master").run()
            try await db.raw("PRAGMA synchronous = NORMAL").run()
            try await db.raw("PRAGMA foreign_keys = ON").run()
        } catch let error as SQLiteError {
            try? await connection.close()
            throw translate(error, path: path)
        }
        return connection
    }

    private static func translate(_ error: SQLiteError, path: String) -> StoreError {
        switch error.reason {
        case .notADatabase, .corrupt:
            .notSQLite(path: path)
        default:
            .cannotOpenSQLite(path: path, reason: error.message)
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.withConnection { connection in try await body(connection.sql()) }
    }

    func transactionSession<T: Sendable>(_ body: @Sendable (TransactionSession) async throws -> T) async throws -> T {
        try await writer.withConnection { connection in
            try await connection.sql().runTransaction(begin: "BEGIN IMMEDIATE") { db in
                try await body(TransactionSession(sql: db, postgres: nil, sqlite: connection))
            }
        }
    }

    func close() async {
        for connection in await writer.connections + readers.connections {
            try? await connection.close()
        }
    }
}
