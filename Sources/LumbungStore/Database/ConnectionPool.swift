/// A fixed set of connections lent out one caller at a time; callers beyond the set wait in line.
///
/// Used for SQLite, where a single writer connection serialises write transactions in-process
/// (instead of failing with `SQLITE_BUSY`) and a few reader connections serve concurrent reads in WAL mode.
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []
    private let all: [Connection]

    init(_ connections: [Connection]) {
        precondition(!connections.isEmpty, "a pool needs at least one connection")
        self.idle = connections
        self.all = connections
    }

    /// Lends a connection to `body` and takes it back afterwards, even when `body` throws.
    nonisolated func withConnection<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Every connection, for closing at shutdown.
    var connections: [Connection] { all }

    private func acquire() async -> Connection {
        if let connection = idle.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func release(_ connection: Connection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }
}
