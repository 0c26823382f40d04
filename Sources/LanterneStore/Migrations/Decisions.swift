extension Migration {
    /// Migration 4: the human decision loop. The cases of a control period (the whole scored population, with the
    /// ones the control policy proposes and those it drew at random), the agents' decisions with their written
    /// reasons the notice token each one gives the person and, once a control is done, what it found, the contests filed from notices and their answers,
    /// and the callback requests left with the assistant.
    static let decisions = Migration(
        version: 4, name: "decisions",
        statements: [
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                algorithm_id TEXT NOT NULL REFERENCES algorithms(id),
                model_sha256 TEXT NOT NULL REFERENCES model_versions(sha256),
                period TEXT NOT NULL,
                reference TEXT NOT NULL,
                data TEXT NOT NULL,
                protected TEXT NOT NULL,
                score DOUBLE PRECISION NOT NULL,
                proposed BIGINT NOT NULL,
                random_draw BIGINT NOT NULL,
                queue_position BIGINT NOT NULL,
                status TEXT NOT NULL,
                first_look TEXT,
                opened_at TEXT,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX cases_queue ON cases (algorithm_id, proposed, status, queue_position)",
            """
            CREATE TABLE decisions (
                id TEXT PRIMARY KEY,
                case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
                agent TEXT NOT NULL,
                outcome TEXT NOT NULL,
                reason_category TEXT NOT NULL,
                reason TEXT NOT NULL,
                proposal TEXT NOT NULL,
                agrees BIGINT NOT NULL,
                template_unchanged BIGINT NOT NULL,
                seconds_to_decide DOUBLE PRECISION,
                notice_token_hash TEXT NOT NULL UNIQUE,
                log_sequence BIGINT NOT NULL,
                log_hash TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                finding TEXT,
                finding_at TEXT,
                finding_by TEXT
            )
            """,
            "CREATE INDEX decisions_agent ON decisions (agent, decided_at)",
            """
            CREATE TABLE contests (
                id TEXT PRIMARY KEY,
                decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
                message TEXT NOT NULL,
                contact TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                due_at TEXT NOT NULL,
                answered_by TEXT,
                outcome TEXT,
                answer TEXT,
                answered_at TEXT
            )
            """,
            "CREATE INDEX contests_open ON contests (status, due_at)",
            """
            CREATE TABLE callbacks (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                contact TEXT NOT NULL,
                preferred_time TEXT NOT NULL,
                subject TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                delete_after TEXT NOT NULL,
                updated_by TEXT,
                updated_at TEXT
            )
            """,
            "CREATE INDEX callbacks_expiry ON callbacks (delete_after)",
        ])
}
