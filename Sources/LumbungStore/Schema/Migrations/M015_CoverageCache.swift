extension Migration {
    /// `coverage_village`: each desa's programme coverage tally (JSON text), with what it was counted from — the desa's
    /// registry tally (`village_aggregate.updated_at`) and the programme catalogue (a digest of programme ids, codes,
    /// organisations and sectors) — so the coverage of the whole province reads 1,166 rows instead of every enrolment.
    /// A beneficiary list stores the tallies of the desa it touches in its own transaction; a stale stamp is counted again.
    static let coverageCache = Migration(id: 15, name: "programme coverage per desa") { _ in
        [
            """
            CREATE TABLE coverage_village (
                village_code TEXT PRIMARY KEY REFERENCES region (code),
                registry_stamp TEXT NOT NULL,
                catalogue TEXT NOT NULL,
                tally TEXT NOT NULL
            )
            """,
        ]
    }
}
