/// A fixed set of connections lent out one caller at a time; callers beyond the set wait in line, each at most
/// `waitLimit`, then fail with `StoreError.busy` (the web answers "sedang sibuk", 503) instead of hanging.
///
/// Used for SQLite, where a single writer connection serialises write transactions in-process
/// (instead of failing with `SQLITE_BUSY`) and a few reader connections serve concurrent reads in WAL mode.
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [(id: Int, continuation: CheckedContinuation<Connection, any Error>)] = []
    private var nextWaiter = 0
    private let all: [Connection]
    private let waitLimit: Duration

    init(_ connections: [Connection], waitLimit: Duration) {
        precondition(!connections.isEmpty, "a pool needs at least one connection")
        self.idle = connections
        self.all = connections
        self.waitLimit = waitLimit
    }

    /// Lends a connection to `body` and takes it back afterwards, even when `body` throws.
    ///
    /// - Throws: `StoreError.busy` when no connection came free within the wait limit.
    nonisolated func withConnection<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await acquire()
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

    private func acquire() async throws -> Connection {
        if let connection = idle.popLast() { return connection }
        let id = nextWaiter
        nextWaiter += 1
        let limit = waitLimit
        // The timer ends the wait unless the connection came first (then it finds no waiter under its id).
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            await self?.expire(id)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { waiters.append((id, $0)) }
    }

    private func expire(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: StoreError.busy(waited: waitLimit))
    }

    private func release(_ connection: Connection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().continuation.resume(returning: connection)
        }
    }
}
