extension Migration {
    /// What files of other systems carry: a person's religion, whether they still live there (alive, dead,
    /// moved … with the date the status was read), an age stated without a birth date, the dusun of a family,
    /// the sheet of an issue, the format of the stored tallies, and the complete row counts of a batch (unchanged, merged, skipped rows; families
    /// built from person rows). Codes are written out here, not taken from the code lists, so this step never changes.
    static let realFiles = Migration(id: 12, name: "files of other systems: resident status, stated age, religion, dusun, full batch counts") { d in
        [
            "ALTER TABLE person ADD COLUMN religion INTEGER CHECK (religion BETWEEN 1 AND 7)",
            "ALTER TABLE person ADD COLUMN resident_status INTEGER CHECK (resident_status BETWEEN 1 AND 8)",
            "ALTER TABLE person ADD COLUMN status_seen_on \(d.date)",
            "ALTER TABLE person ADD COLUMN stated_age INTEGER CHECK (stated_age BETWEEN 0 AND 130)",
            "ALTER TABLE person ADD COLUMN stated_age_on \(d.date)",
            "ALTER TABLE household ADD COLUMN dusun TEXT",
            "ALTER TABLE import_issue ADD COLUMN sheet_name TEXT",
            "ALTER TABLE import_batch ADD COLUMN rows_merged INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE import_batch ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE import_batch ADD COLUMN families_inserted INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE import_batch ADD COLUMN families_updated INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX person_household_name ON person (household_id, full_name)",
            // The tally format the stored village aggregates are in; 0 = unknown, so they are tallied again once.
            "ALTER TABLE aggregate_state ADD COLUMN tally_format INTEGER NOT NULL DEFAULT 0",
        ]
    }
}
