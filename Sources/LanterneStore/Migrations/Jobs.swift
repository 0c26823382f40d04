extension Migration {
    /// Migration 3: long work as jobs that any server process can take. A job is cut into chunks; each chunk holds
    /// its own input (the header and its rows as CSV) and, once done, its result, so that a process reads only the
    /// chunk it took.
    static let jobs = Migration(
        version: 3, name: "jobs",
        statements: [
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                algorithm_id TEXT NOT NULL REFERENCES algorithms(id),
                model_sha256 TEXT NOT NULL REFERENCES model_versions(sha256),
                status TEXT NOT NULL,
                rows_total BIGINT NOT NULL,
                chunks_total BIGINT NOT NULL,
                error TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                finished_at TEXT
            )
            """,
            """
            CREATE TABLE job_chunks (
                job_id TEXT NOT NULL REFERENCES jobs(id),
                number BIGINT NOT NULL,
                first_row BIGINT NOT NULL,
                row_count BIGINT NOT NULL,
                status TEXT NOT NULL,
                input TEXT NOT NULL,
                result TEXT,
                taken_by TEXT,
                taken_at TEXT,
                PRIMARY KEY (job_id, number)
            )
            """,
            "CREATE INDEX job_chunks_waiting ON job_chunks (status, taken_at)",
        ])
}
