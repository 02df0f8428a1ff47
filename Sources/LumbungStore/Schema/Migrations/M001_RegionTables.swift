import LumbungDomain

extension Migration {
    /// The region tree (Kemendagri codes), boundaries as GeoJSON, the BPS code crosswalk and the
    /// national kecamatan list used to check where a NIK was issued.
    static let regionTables = Migration(id: 1, name: "create region tables") { d in
        let levels = ["provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"]  // RegionLevel as it was: frozen
        return [
            """
            CREATE TABLE region (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL \(d.check("level", in: levels)),
                parent_code TEXT REFERENCES region (code),
                depth INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 4)
            )
            """,
            "CREATE INDEX region_parent_code ON region (parent_code)",
            """
            CREATE TABLE region_boundary (
                region_code TEXT PRIMARY KEY REFERENCES region (code),
                geometry TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE region_bps_code (
                bps_code TEXT PRIMARY KEY,
                bps_name TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES region (code),
                level TEXT NOT NULL \(d.check("level", in: levels)),
                source_period TEXT NOT NULL
            )
            """,
            "CREATE INDEX region_bps_code_region ON region_bps_code (region_code)",
            """
            CREATE TABLE national_region (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL \(d.check("level", in: levels)),
                parent_code TEXT REFERENCES national_region (code)
            )
            """,
        ]
    }
}
