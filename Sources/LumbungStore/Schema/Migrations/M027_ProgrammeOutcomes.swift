extension Migration {
    /// Outcome indicators of programmes (issue 16): a programme names registry or external indicators as its outcomes
    /// (PKH → `desil1_families`); the programme page and its report show their baseline, target and values over the
    /// snapshots for the programme's target regions. `indicator` is a registry indicator id or an `external_indicator` id
    /// (checked when linked; registry indicators live in code, not in a table).
    static let programmeOutcomes = Migration(id: 27, name: "programme outcomes") { d in
        [
            """
            CREATE TABLE programme_outcome (
                programme_id \(d.bigint) NOT NULL REFERENCES programme (id),
                indicator TEXT NOT NULL,
                linked_by TEXT NOT NULL,
                linked_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (programme_id, indicator)
            )
            """,
        ]
    }
}
