extension Migration {
    /// When an enrolment ended (issue 14): a programme flag of a national file (PKH, BPNT, BLT Dana Desa, PBI-JK)
    /// turned off in a newer release ends the enrolment that flag made; NULL while it runs. Ended enrolments count for
    /// periods before their end only.
    static let enrolmentEnd = Migration(id: 20, name: "enrolment end") { d in
        ["ALTER TABLE enrolment ADD COLUMN ended_on \(d.date)"]
    }
}
