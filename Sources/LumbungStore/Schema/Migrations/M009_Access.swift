extension Migration {
    /// Sign-in and the audit log: partners' organisation, browser sessions and API tokens (both stored
    /// only as SHA-256 hashes), login attempts for throttling, and the append-only, hash-chained
    /// `audit_event` (a trigger refuses UPDATE and DELETE on both engines). Times are Unix seconds.
    static let access = Migration(id: 9, name: "sessions, API tokens, login attempts, audit log") { d in
        var statements = [
            "ALTER TABLE app_user ADD COLUMN organisation TEXT",
            """
            CREATE TABLE user_session (
                token_hash TEXT PRIMARY KEY,
                user_id \(d.bigint) NOT NULL REFERENCES app_user (id),
                csrf_token TEXT NOT NULL,
                created_at \(d.bigint) NOT NULL,
                expires_at \(d.bigint) NOT NULL
            )
            """,
            "CREATE INDEX user_session_user ON user_session (user_id)",
            """
            CREATE TABLE api_token (
                id \(d.serialPrimaryKey),
                user_id \(d.bigint) NOT NULL REFERENCES app_user (id),
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at \(d.bigint) NOT NULL,
                expires_at \(d.bigint) NOT NULL,
                revoked_at \(d.bigint)
            )
            """,
            """
            CREATE TABLE login_attempt (
                id \(d.serialPrimaryKey),
                username TEXT NOT NULL,
                address TEXT NOT NULL,
                at \(d.bigint) NOT NULL,
                succeeded \(d.boolean) NOT NULL
            )
            """,
            "CREATE INDEX login_attempt_username ON login_attempt (username, at)",
            "CREATE INDEX login_attempt_address ON login_attempt (address, at)",
            """
            CREATE TABLE audit_event (
                id \(d.bigint) PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                region TEXT,
                target TEXT,
                record_count \(d.bigint),
                outcome TEXT NOT NULL,
                address TEXT,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            )
            """,
            "CREATE INDEX audit_event_actor ON audit_event (actor, id)",
            "CREATE INDEX audit_event_action ON audit_event (action, id)",
        ]
        if d.engine == .postgres {
            statements += [
                """
                CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$
                """,
                "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
            ]
        } else {
            statements += [
                "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
                "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
            ]
        }
        return statements
    }
}
