extension Migration {
    /// When an organisation was closed (issue 14): it keeps its programmes and their history but gets no new
    /// programmes; NULL while it works.
    static let organisationClosed = Migration(id: 28, name: "organisation closed on") { dialect in
        ["ALTER TABLE organisation ADD COLUMN closed_on \(dialect.date)"]
    }
}
