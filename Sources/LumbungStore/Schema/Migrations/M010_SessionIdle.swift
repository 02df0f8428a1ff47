extension Migration {
    /// When each session was last used, so a session left alone for `SessionStore.idleLimit` ends.
    static let sessionIdle = Migration(id: 10, name: "session last use, for the idle limit") { d in
        ["ALTER TABLE user_session ADD COLUMN last_seen_at \(d.bigint) NOT NULL DEFAULT 0",
         "UPDATE user_session SET last_seen_at = created_at"]
    }
}
