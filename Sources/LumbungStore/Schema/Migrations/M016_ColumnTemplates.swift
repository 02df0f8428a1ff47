extension Migration {
    /// Saved column mappings ("templat kolom", issue 13): a name (unique, case ignored by the store), the organisation
    /// that owns it (a partner's, or NULL for LKKS's own), the signature of the header row it was made for (normalised
    /// header names, sorted, `|`-joined), the mapping as JSON (`{"layout": …, "columns": {"header": "field"}}`), the
    /// values it gives every row as JSON (`{"desa": …, "tanggal_data": …}`), who saved it and when.
    static let columnTemplates = Migration(id: 16, name: "column templates") { d in
        [
            """
            CREATE TABLE column_template (
                id \(d.serialPrimaryKey),
                name TEXT NOT NULL UNIQUE,
                organisation TEXT,
                headers_signature TEXT NOT NULL,
                mapping_json TEXT NOT NULL,
                values_json TEXT NOT NULL DEFAULT '{}',
                created_by TEXT NOT NULL,
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            "CREATE INDEX column_template_signature ON column_template (headers_signature)",
        ]
    }
}
