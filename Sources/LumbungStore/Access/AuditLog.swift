import Foundation
import LumbungDomain
import SQLKit

/// Who an audit event is about: a signed-in user, someone not signed in (`-`), or the command line.
public struct AuditActor: Sendable, Hashable {
    public let name: String
    public let address: String?

    public init(name: String, address: String?) {
        self.name = name
        self.address = address
    }

    /// A command run on the server, named after the operating-system user.
    public static var commandLine: AuditActor {
        AuditActor(name: "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "root"), address: nil)
    }
}

/// The append-only, hash-chained audit log.
public struct AuditLog: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends one event in its own transaction.
    public func append(_ actor: AuditActor, _ action: AuditEvent.Action, region: String? = nil, target: String? = nil,
                       recordCount: Int? = nil, outcome: String = "ok") async throws {
        try await database.transaction { db in
            try await Self.append(db, engine: database.engine, actor: actor, action: action, region: region, target: target,
                                  recordCount: recordCount, outcome: outcome)
        }
    }

    /// Appends one event inside the caller's transaction, linked to the newest event. On PostgreSQL the
    /// table is locked for the rest of the transaction so two servers cannot fork the chain; SQLite has one writer.
    static func append(_ db: any SQLDatabase, engine: Database.Engine, actor: AuditActor, action: AuditEvent.Action, region: String?,
                       target: String?, recordCount: Int? = nil, outcome: String = "ok") async throws {
        if engine == .postgres { try await db.raw("LOCK TABLE audit_event IN SHARE ROW EXCLUSIVE MODE").run() }
        let last = try await db.raw("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").first()
        var event = AuditEvent(
            id: (try last?.decode(column: "id", as: Int.self) ?? 0) + 1, at: Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
            actor: actor.name, action: action, region: region, target: target, recordCount: recordCount, outcome: outcome,
            address: actor.address, previousHash: try last?.decode(column: "hash", as: String.self) ?? AuditChain.genesis)
        event.hash = AuditChain.hash(of: event)
        try await db.raw("""
            INSERT INTO audit_event (id, at, actor, action, region, target, record_count, outcome, address, previous_hash, hash)
            VALUES (\(bind: event.id), \(bind: event.at), \(bind: event.actor), \(bind: event.action.rawValue), \(bind: event.region),
                    \(bind: event.target), \(bind: event.recordCount), \(bind: event.outcome), \(bind: event.address),
                    \(bind: event.previousHash), \(bind: event.hash))
            """).run()
    }

    /// What to search for; every field narrows the search.
    public struct Filter: Sendable {
        public var actor: String?
        public var action: String?
        /// A region code: events in it or below it.
        public var region: String?
        /// ISO dates or times, inclusive.
        public var from: String?
        public var until: String?
        public var limit = 200

        public init(actor: String? = nil, action: String? = nil, region: String? = nil, from: String? = nil, until: String? = nil, limit: Int = 200) {
            self.actor = actor
            self.action = action
            self.region = region
            self.from = from
            self.until = until
            self.limit = limit
        }
    }

    /// The newest events matching `filter`, newest first.
    public func search(_ filter: Filter) async throws -> [AuditEvent] {
        try await database.read { db in
            var query = SQLQueryString("SELECT * FROM audit_event WHERE 1 = 1")
            if let actor = filter.actor { query.appendInterpolation(unsafeRaw: " AND actor = "); query.appendInterpolation(bind: actor) }
            if let action = filter.action { query.appendInterpolation(unsafeRaw: " AND action = "); query.appendInterpolation(bind: action) }
            if let region = filter.region {
                query.appendInterpolation(unsafeRaw: " AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("region", dotted: region))
            }
            if let from = filter.from { query.appendInterpolation(unsafeRaw: " AND at >= "); query.appendInterpolation(bind: from) }
            if let until = filter.until {
                // A bare date includes the whole day.
                query.appendInterpolation(unsafeRaw: " AND at <= ")
                query.appendInterpolation(bind: until.count == 10 ? until + "T23:59:59.999Z" : until)
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(max(1, min(filter.limit, 5_000)))")
            return try await db.raw(query).all().map(Self.event)
        }
    }

    /// Checks the whole chain, a page at a time; returns how many events were checked, the id of the
    /// first one that does not hold (`nil` when the log is intact) and the newest hash checked.
    ///
    /// Someone able to rewrite every row from an edit onwards could forge a consistent chain: write the
    /// newest hash down outside the database now and then (`lumbung audit verify` prints it) and compare.
    public func verify() async throws -> (checked: Int, firstBreak: Int?, head: String) {
        var previous = AuditChain.genesis, after = 0, checked = 0
        while true {
            let start = after
            let page = try await database.read { db in
                try await db.raw("SELECT * FROM audit_event WHERE id > \(bind: start) ORDER BY id LIMIT 5000").all().map(Self.event)
            }
            guard let last = page.last else { return (checked, nil, previous) }
            // Ids run 1, 2, 3…: a deleted row shows as a gap.
            if let gap = zip(page, (after + 1)...).first(where: { $0.0.id != $0.1 }) { return (checked, gap.1, previous) }
            if let broken = AuditChain.firstBreak(in: page, after: previous) { return (checked, broken, previous) }
            checked += page.count
            previous = last.hash
            after = last.id
        }
    }

    /// The id of the event with this hash, if the chain holds it.
    public func event(withHash hash: String) async throws -> Int? {
        try await database.read { db in
            try await db.raw("SELECT id FROM audit_event WHERE hash = \(bind: hash)").first()?.decode(column: "id", as: Int.self)
        }
    }

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        let action = try row.decode(column: "action", as: String.self)
        return AuditEvent(
            id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: String.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: AuditEvent.Action(rawValue: action) ?? .accessDenied,
            region: try row.decode(column: "region", as: String?.self), target: try row.decode(column: "target", as: String?.self),
            recordCount: try row.decode(column: "record_count", as: Int?.self), outcome: try row.decode(column: "outcome", as: String.self),
            address: try row.decode(column: "address", as: String?.self), previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}
