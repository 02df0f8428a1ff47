extension Migration {
    /// People who sign in to Lumbung. Each has a role and a region scope (a region code; the province
    /// for LKKS NTB staff). Passwords are stored only as bcrypt hashes; no default user ever ships.
    static let users = Migration(id: 3, name: "create users") { d in
        [
            """
            CREATE TABLE app_user (
                id \(d.serialPrimaryKey),
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL \(d.check("role", in: ["admin", "analyst", "operator", "partner", "viewer"])),
                region_scope TEXT NOT NULL REFERENCES region (code),
                password_hash TEXT NOT NULL,
                disabled \(d.boolean) NOT NULL DEFAULT \(d.falseValue),
                created_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
        ]
    }
}
