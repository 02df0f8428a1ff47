extension Migration {
    /// Disaggregated baselines and targets (issue 16): `indicator_baseline` and `indicator_target` gain `disaggregation`
    /// — `all`, or one group of one of the indicator's splits written `SPLIT=GROUP` (`sex=female`, `age_band=0-4`) —
    /// in their primary keys. The tables are rebuilt (SQLite cannot change a primary key); existing rows become `all`.
    static let targetSplit = Migration(id: 22, name: "disaggregated baselines and targets") { d in
        [
            """
            CREATE TABLE indicator_baseline_new (
                indicator_id TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES region (code),
                disaggregation TEXT NOT NULL DEFAULT 'all',
                value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                source TEXT NOT NULL DEFAULT '',
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (indicator_id, region_code, disaggregation)
            )
            """,
            """
            INSERT INTO indicator_baseline_new (indicator_id, region_code, disaggregation, value, year, source, updated_by, updated_at)
            SELECT indicator_id, region_code, 'all', value, year, source, updated_by, updated_at FROM indicator_baseline
            """,
            "DROP TABLE indicator_baseline",
            "ALTER TABLE indicator_baseline_new RENAME TO indicator_baseline",
            """
            CREATE TABLE indicator_target_new (
                indicator_id TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES region (code),
                disaggregation TEXT NOT NULL DEFAULT 'all',
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (indicator_id, region_code, disaggregation, year)
            )
            """,
            """
            INSERT INTO indicator_target_new (indicator_id, region_code, disaggregation, year, value, updated_by, updated_at)
            SELECT indicator_id, region_code, 'all', year, value, updated_by, updated_at FROM indicator_target
            """,
            "DROP TABLE indicator_target",
            "ALTER TABLE indicator_target_new RENAME TO indicator_target",
        ]
    }
}
