extension Migration {
    /// Accounts, sessions, algorithms, model versions, audits and the hash-chained log.
    ///
    /// Column types are those both databases read the same way: TEXT, BIGINT and DOUBLE PRECISION; times are
    /// ISO 8601 text in UTC (so that a log entry hashes to the same bytes on either database); JSON documents are
    /// TEXT.
    static let initialSchema = Migration(
        version: 1, name: "initial schema",
        statements: [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                failed_logins BIGINT NOT NULL DEFAULT 0,
                locked_until TEXT
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX sessions_user ON sessions(user_id)",
            """
            CREATE TABLE algorithms (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                card TEXT NOT NULL,
                created_at TEXT NOT NULL,
                published_sha256 TEXT,
                published_at TEXT
            )
            """,
            """
            CREATE TABLE model_versions (
                sha256 TEXT PRIMARY KEY,
                algorithm_id TEXT NOT NULL REFERENCES algorithms(id),
                number BIGINT NOT NULL,
                file TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (algorithm_id, number)
            )
            """,
            """
            CREATE TABLE audits (
                id TEXT PRIMARY KEY,
                algorithm_id TEXT NOT NULL REFERENCES algorithms(id),
                model_sha256 TEXT NOT NULL REFERENCES model_versions(sha256),
                report TEXT NOT NULL,
                gates_passed BIGINT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX audits_algorithm ON audits(algorithm_id, created_at)",
            """
            CREATE TABLE log_entries (
                sequence BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                details TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
        ])
}
