extension Migration {
    /// Figures from other sources (issue 16 item 3):
    /// - `external_indicator`: an indicator another body publishes (stunting of Dinas Kesehatan, BPS poverty …), with its
    ///   name, unit, direction and latest source;
    /// - `external_value`: its published values per region and period (a year `2024` or a day `2024-06-30`; `period_end`
    ///   the period's last day, for ordering), each with the source and the import that brought it.
    static let externalIndicators = Migration(id: 21, name: "external indicators") { d in
        [
            """
            CREATE TABLE external_indicator (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                unit TEXT NOT NULL \(d.check("unit", in: ["percent", "per_mille", "people", "families", "count"])),
                direction TEXT NOT NULL \(d.check("direction", in: ["higher_is_worse", "higher_is_better"])),
                source TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            """
            CREATE TABLE external_value (
                indicator_id TEXT NOT NULL REFERENCES external_indicator (id),
                region_code TEXT NOT NULL REFERENCES region (code),
                period TEXT NOT NULL,
                period_end TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
                source TEXT NOT NULL,
                imported_by TEXT NOT NULL,
                imported_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (indicator_id, region_code, period)
            )
            """,
            "CREATE INDEX external_value_region ON external_value (region_code, indicator_id)",
        ]
    }
}
