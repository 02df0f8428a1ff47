extension Migration {
    /// The language each user reads the pages in (issue 15): `id` (Bahasa Indonesia, the default) or `en`.
    /// Written as literals so this step never changes.
    static let userLanguage = Migration(id: 19, name: "user page language") { _ in
        ["ALTER TABLE app_user ADD COLUMN language TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en'))"]
    }
}
