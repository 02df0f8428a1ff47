import SQLKit

extension Migration {
    /// The aggregate generation (raised by every change to `village_aggregate`, so caches know to read
    /// again) and the tally format 2 (figures split by sex × age band × disability for people and by the
    /// head's sex and members for families). Tallying the stored villages again is not done here — a migration
    /// never calls code that changes later — but after the last migration (`Migrator.refreshStaleTallies`), when
    /// `aggregate_state.tally_format` (migration 12) differs from the format the running code writes.
    static let aggregateState = Migration(id: 8, name: "aggregate generation; village tallies split by age band and disability") { db, dialect in
        try await db.raw("CREATE TABLE aggregate_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation \(unsafeRaw: dialect.bigint) NOT NULL)").run()
        try await db.raw("INSERT INTO aggregate_state (id, generation) VALUES (1, 0)").run()
    }
}
