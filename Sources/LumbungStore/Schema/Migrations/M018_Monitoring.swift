extension Migration {
    /// Monitoring and evaluation (issue 16):
    /// - `snapshot`: a named, dated freeze of the registry's figures, never recomputed; the tally format its village
    ///   rows were written in;
    /// - `snapshot_village`: each village's tally (`village_aggregate` row) as it was when the snapshot was made —
    ///   every indicator of every region of the snapshot is summed from these, as today's are from `village_aggregate`;
    /// - `snapshot_person`: per person, what a release diff needs — the registry record id, family id, desa, the
    ///   family's desil, birth date and resident status (no NIK, no name: the live registry holds those);
    /// - `indicator_baseline` and `indicator_target`: per indicator × region a baseline (value, year, source) and a
    ///   target per year, in the indicator's unit.
    static let monitoring = Migration(id: 18, name: "monitoring: snapshots, baselines and targets") { d in
        [
            """
            CREATE TABLE snapshot (
                id \(d.serialPrimaryKey),
                name TEXT NOT NULL UNIQUE,
                as_of TEXT NOT NULL,
                tally_format INTEGER NOT NULL,
                villages INTEGER NOT NULL DEFAULT 0,
                families \(d.bigint) NOT NULL DEFAULT 0,
                people \(d.bigint) NOT NULL DEFAULT 0,
                last_batch_id \(d.bigint),
                created_by TEXT NOT NULL,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            """
            CREATE TABLE snapshot_village (
                snapshot_id \(d.bigint) NOT NULL REFERENCES snapshot (id),
                village_code TEXT NOT NULL,
                regency_code TEXT NOT NULL,
                as_of TEXT NOT NULL,
                tally \(d.json) NOT NULL,
                PRIMARY KEY (snapshot_id, village_code)
            )
            """,
            """
            CREATE TABLE snapshot_person (
                snapshot_id \(d.bigint) NOT NULL REFERENCES snapshot (id),
                person_id \(d.bigint) NOT NULL,
                household_id \(d.bigint) NOT NULL,
                regency_code TEXT NOT NULL,
                village_code TEXT NOT NULL,
                desil INTEGER,
                birth_date \(d.date),
                resident_status INTEGER,
                PRIMARY KEY (snapshot_id, person_id)
            )
            """,
            """
            CREATE TABLE indicator_baseline (
                indicator_id TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES region (code),
                value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                source TEXT NOT NULL DEFAULT '',
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (indicator_id, region_code)
            )
            """,
            """
            CREATE TABLE indicator_target (
                indicator_id TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES region (code),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (indicator_id, region_code, year)
            )
            """,
        ]
    }
}
