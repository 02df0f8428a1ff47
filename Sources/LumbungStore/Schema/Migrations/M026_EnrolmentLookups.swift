extension Migration {
    /// Indexes for the lookups an enrolment import makes per row: the running enrolment of a person (a PBI-JK flag turned
    /// off: `regency_code, person_id`), and a programme's stored enrolments of a batch's families or persons
    /// (`programme_id, household_id` / `programme_id, person_id`). Without them each row of a national file scanned every
    /// enrolment: the demo's 27,000 Lombok Timur people took minutes, growing with the square of the file.
    static let enrolmentLookups = Migration(id: 26, name: "enrolment lookup indexes") { _ in
        [
            "CREATE INDEX enrolment_person ON enrolment (regency_code, person_id)",
            "CREATE INDEX enrolment_programme_household ON enrolment (programme_id, household_id)",
            "CREATE INDEX enrolment_programme_person ON enrolment (programme_id, person_id)",
        ]
    }
}
