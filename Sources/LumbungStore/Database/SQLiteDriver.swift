import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection (write transactions queue in-process) and a few readers.
///
/// An import gets a connection of its own (`importSession`): it stages rows in that connection's TEMP tables
/// without touching the main database's write lock, and only its final merge holds the writer's place in line.
struct SQLiteDriver: DatabaseDriver {
    let engine = Database.Engine.sqlite
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let path: String
    private let logger: Logger

    static let readerCount = 4

    static func open(path: String, logger: Logger, poolWait: Duration) async throws -> SQLiteDriver {
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
        return SQLiteDriver(writer: ConnectionPool([writer], waitLimit: poolWait), readers: ConnectionPool(readers, waitLimit: poolWait),
                            path: path, logger: logger)
    }

    private static func connect(path: String, logger: Logger, writer: Bool) async throws -> SQLiteConnection {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch let error as SQLiteError {
            throw translate(error, path: path)
        }
        do {
            // How long a write waits for another process's write lock (the command line's import finishing) before
            // failing busy; within this process writers wait in the pool's line instead.
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

    func importSession<T: Sendable>(_ body: @Sendable (ImportSession) async throws -> T) async throws -> T {
        let connection = try await Self.connect(path: path, logger: logger, writer: false)
        let session = TransactionSession(sql: connection.sql(), postgres: nil, sqlite: connection)
        let writer = writer
        let importSession = ImportSession(session: session) { commit in
            // This connection writes; holding the writer's place keeps this process's other writers waiting in line
            // (instead of failing busy) for as long as the final step runs.
            try await writer.withConnection { _ in
                try await connection.sql().runTransaction(begin: "BEGIN IMMEDIATE") { _ in try await commit() }
            }
        }
        do {
            let result = try await body(importSession)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func close() async {
        for connection in await writer.connections + readers.connections {
            try? await connection.close()
        }
    }
}
