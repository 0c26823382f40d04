extension Migration {
    /// Migration 2: the log's entries looked up by the object they concern (a register entry shows the
    /// justification written when its algorithm was published past a failed gate).
    static let logByObject = Migration(
        version: 2, name: "log_by_object",
        statements: ["CREATE INDEX log_entries_object ON log_entries (object, sequence)"])
}
