extension Migration {
    /// New and ended enrolments in the release diff (issue 16): a snapshot freezes the enrolments running when it is made
    /// (`snapshot_enrolment`: the enrolment, its programme and the desa of the family it reaches), and says whether it did
    /// (`snapshot.has_enrolments`: snapshots made before this migration did not, so no diff counts enrolments against them).
    static let snapshotEnrolments = Migration(id: 23, name: "snapshot enrolments") { d in
        [
            """
            CREATE TABLE snapshot_enrolment (
                snapshot_id \(d.bigint) NOT NULL REFERENCES snapshot (id),
                enrolment_id \(d.bigint) NOT NULL,
                programme_id \(d.bigint) NOT NULL,
                village_code TEXT NOT NULL,
                PRIMARY KEY (snapshot_id, enrolment_id)
            )
            """,
            "ALTER TABLE snapshot ADD COLUMN has_enrolments INTEGER NOT NULL DEFAULT 0",
        ]
    }
}
