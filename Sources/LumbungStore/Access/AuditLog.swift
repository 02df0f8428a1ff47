import Foundation
import Metrics
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
///
/// One value is shared by the whole web server (`AppServices.audit`): it holds the flood gate for events of
/// people not signed in and the prefix of the chain already verified, so the audit page checks only what is new.
public struct AuditLog: Sendable {
    private let database: Database
    /// Limits events of people not signed in per address (`appendUnauthenticated`).
    public let floodGate: AuditFloodGate
    private let verified = VerifiedPrefix()

    /// The longest actor (a username as typed at sign-in) and target kept in an event; longer ones are cut.
    public static let maxActorLength = 64
    public static let maxTargetLength = 256

    public init(database: Database, floodGate: AuditFloodGate = AuditFloodGate()) {
        self.database = database
        self.floodGate = floodGate
    }

    /// Appends one event in its own transaction.
    public func append(_ actor: AuditActor, _ action: AuditEvent.Action, region: String? = nil, target: String? = nil,
                       recordCount: Int? = nil, outcome: String = "ok") async throws {
        try await database.transaction { db in
            try await Self.append(db, engine: database.engine, actor: actor, action: action, region: region, target: target,
                                  recordCount: recordCount, outcome: outcome)
        }
    }

    /// Appends an event caused by someone not signed in (a refused token or cookie, a failed or throttled
    /// sign-in): at most `AuditFloodGate.perMinute` per address a minute are written, the rest are counted
    /// and written as one `audit.suppressed` event with their number once the minute is over.
    public func appendUnauthenticated(_ actor: AuditActor, _ action: AuditEvent.Action, target: String? = nil,
                                      outcome: String = "denied") async throws {
        let decision = await floodGate.admit(address: actor.address ?? "unknown", now: Clock.now())
        for summary in decision.summaries {
            try await append(AuditActor(name: "-", address: summary.address), .eventsSuppressed,
                             target: "over \(floodGate.perMinute) events a minute from this address", recordCount: summary.count,
                             outcome: "denied")
        }
        if decision.write { try await append(actor, action, target: target, outcome: outcome) }
    }

    /// `text` cut to `limit` characters (with "…"), so a 60 KB username cannot bloat the log.
    static func cut(_ text: String?, _ limit: Int) -> String? {
        guard let text, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Appends one event inside the caller's transaction, linked to the newest event. On PostgreSQL the
    /// table is locked for the rest of the transaction so two servers cannot fork the chain; SQLite has one writer.
    static func append(_ db: any SQLDatabase, engine: Database.Engine, actor: AuditActor, action: AuditEvent.Action, region: String?,
                       target: String?, recordCount: Int? = nil, outcome: String = "ok") async throws {
        if engine == .postgres { try await db.raw("LOCK TABLE audit_event IN SHARE ROW EXCLUSIVE MODE").run() }
        let last = try await db.raw("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").first()
        var event = AuditEvent(
            id: (try last?.decode(column: "id", as: Int.self) ?? 0) + 1, at: Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
            actor: cut(actor.name, maxActorLength) ?? "-", action: action, region: cut(region, 64), target: cut(target, maxTargetLength),
            recordCount: recordCount, outcome: outcome, address: cut(actor.address, 64), previousHash: try last?.decode(column: "hash", as: String.self) ?? AuditChain.genesis)
        event.hash = AuditChain.hash(of: event)
        try await db.raw("""
            INSERT INTO audit_event (id, at, actor, action, region, target, record_count, outcome, address, previous_hash, hash)
            VALUES (\(bind: event.id), \(bind: event.at), \(bind: event.actor), \(bind: event.action.rawValue), \(bind: event.region),
                    \(bind: event.target), \(bind: event.recordCount), \(bind: event.outcome), \(bind: event.address),
                    \(bind: event.previousHash), \(bind: event.hash))
            """).run()
        Counter(label: "lumbung_audit_events", dimensions: [("action", action.rawValue)]).increment()
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
        /// Only the events this user may read (`Oversight.maySeeEvent`); `nil` for the command line.
        public var visibleTo: Oversight?

        public init(actor: String? = nil, action: String? = nil, region: String? = nil, from: String? = nil, until: String? = nil, limit: Int = 200,
                    visibleTo: Oversight? = nil) {
            self.visibleTo = visibleTo
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
        try await database.read { db -> [AuditEvent] in
            var query = SQLQueryString("SELECT * FROM audit_event WHERE 1 = 1")
            if let actor = filter.actor { query.appendInterpolation(unsafeRaw: " AND actor = "); query.appendInterpolation(bind: actor) }
            if let action = filter.action { query.appendInterpolation(unsafeRaw: " AND action = "); query.appendInterpolation(bind: action) }
            if let region = filter.region {
                query.appendInterpolation(unsafeRaw: " AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("region", dotted: region))
            }
            if let viewer = filter.visibleTo {
                guard viewer.role.may(.readAudit) else { return [] }
                // Events without a region (sign-ins of unknown names, refused tokens) only for the province-wide admin.
                query.appendInterpolation(unsafeRaw: viewer.isProvinceWide ? " AND (region IS NULL OR " : " AND (")
                query.appendInterpolation(RegionSQL.atOrBelow("region", viewer.scope.region))
                query.appendInterpolation(unsafeRaw: ")")
            }
            if let from = filter.from { query.appendInterpolation(unsafeRaw: " AND at >= "); query.appendInterpolation(bind: from) }
            if let until = filter.until {
                // A bare date includes the whole day.
                query.appendInterpolation(unsafeRaw: " AND at <= ")
                query.appendInterpolation(bind: until.count == 10 ? until + "T23:59:59.999Z" : until)
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(max(1, min(filter.limit, 5_000)))")
            let events = try await db.raw(query).all().map(Self.event)
            return events.filter { filter.visibleTo?.maySeeEvent(region: $0.region) ?? true }
        }
    }

    /// Checks the whole chain, a page at a time; returns how many events were checked, the id of the
    /// first one that does not hold (`nil` when the log is intact) and the newest hash checked.
    ///
    /// Someone able to rewrite every row from an edit onwards could forge a consistent chain: write the
    /// newest hash down outside the database now and then (`lumbung audit verify` prints it) and compare.
    public func verify() async throws -> (checked: Int, firstBreak: Int?, head: String) {
        try await verify(after: 0, previous: AuditChain.genesis, checked: 0)
    }

    /// The same, but only from the end of the prefix this value verified before (the audit page, on every load):
    /// the last verified row must still carry its hash, else the whole chain is checked again. Edits further
    /// back are found by `verify()` (`lumbung audit verify`).
    public func verifyIncrementally() async throws -> (checked: Int, firstBreak: Int?, head: String) {
        let start = await verified.current
        var result: (checked: Int, firstBreak: Int?, head: String)
        if start.after > 0, try await hash(ofEvent: start.after) == start.previous {
            result = try await verify(after: start.after, previous: start.previous, checked: start.checked)
        } else {
            result = try await verify()
        }
        if result.firstBreak == nil { await verified.set(after: result.checked, previous: result.head, checked: result.checked) }
        return result
    }

    private func hash(ofEvent id: Int) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT hash FROM audit_event WHERE id = \(bind: id)").first()?.decode(column: "hash", as: String.self)
        }
    }

    private func verify(after start: Int, previous start0: String, checked checked0: Int) async throws -> (checked: Int, firstBreak: Int?, head: String) {
        var previous = start0, after = start, checked = checked0
        while true {
            let from = after
            let rows = try await database.read { db in
                try await db.raw("SELECT * FROM audit_event WHERE id > \(bind: from) ORDER BY id LIMIT 5000").all()
            }
            let page = try rows.map(Self.event)
            guard let last = page.last else { return (checked, nil, previous) }
            // Ids run 1, 2, 3…: a deleted row shows as a gap.
            if let gap = zip(page, (after + 1)...).first(where: { $0.0.id != $0.1 }) { return (checked, gap.1, previous) }
            // An action changed to one Lumbung does not know breaks the chain there.
            if let unknown = try zip(rows, page).first(where: { AuditEvent.Action(rawValue: try $0.0.decode(column: "action", as: String.self)) == nil }) {
                if let broken = AuditChain.firstBreak(in: Array(page.prefix { $0.id < unknown.1.id }), after: previous) { return (checked, broken, previous) }
                return (checked, unknown.1.id, previous)
            }
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

/// How far the chain was verified by this `AuditLog` value: the last id, its hash and how many events that was.
private actor VerifiedPrefix {
    private(set) var current: (after: Int, previous: String, checked: Int) = (0, AuditChain.genesis, 0)

    func set(after: Int, previous: String, checked: Int) {
        current = (after, previous, checked)
    }
}
