extension Migration {
    /// Programme results (issue 16 item 4): per programme × region × year an output target (families or people, by the
    /// programme's unit) and, when the organisation reports it instead of Lumbung counting the enrolments, the
    /// realisation entered.
    static let programmeTargets = Migration(id: 24, name: "programme targets") { d in
        [
            """
            CREATE TABLE programme_target (
                programme_id \(d.bigint) NOT NULL REFERENCES programme (id),
                region_code TEXT NOT NULL REFERENCES region (code),
                year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
                target INTEGER NOT NULL CHECK (target >= 0),
                entered INTEGER CHECK (entered >= 0),
                updated_by TEXT NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                PRIMARY KEY (programme_id, region_code, year)
            )
            """,
        ]
    }
}
