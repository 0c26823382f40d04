/// Long work that any server process can take: scoring a whole population cut into chunks, or an audit.
public struct Job: Sendable, Equatable, Codable {
    /// Where a job is.
    public enum Status: String, Sendable, Codable {
        /// Waiting for a process to take its first chunk.
        case queued
        /// Some chunks are taken or done.
        case running
        /// Every chunk is done; the result can be read.
        case done
        /// A chunk could not be done (its message is in `error`); the other chunks are abandoned.
        case failed
    }

    /// Opaque id.
    public var id: String
    /// What the job does: `score` (a population's scores) or `audit` (the published model's audit on uploaded data).
    public var kind: String
    /// The algorithm whose model does the work.
    public var algorithmID: String
    /// The model version, fixed when the job was created.
    public var modelSHA256: String
    /// Where it is.
    public var status: Status
    /// Rows of the whole input.
    public var rows: Int
    /// Rows in chunks already done.
    public var rowsDone: Int
    /// Chunks of the job.
    public var chunks: Int
    /// Chunks done.
    public var chunksDone: Int
    /// How many server processes took at least one chunk.
    public var servers: Int
    /// Why it failed.
    public var error: String?
    /// Who created it.
    public var createdBy: String
    /// When.
    public var createdAt: String
    /// When it was done or failed.
    public var finishedAt: String?
}

/// One chunk of a job, as a process takes it.
public struct JobChunk: Sendable, Equatable {
    /// The job.
    public var jobID: String
    /// Its number in the job, from 0.
    public var number: Int
    /// The number of its first row in the whole input, from 1.
    public var firstRow: Int
    /// Its rows.
    public var rowCount: Int
    /// Its input: the header line and its rows, as CSV.
    public var input: String
    /// The model version of the job.
    public var modelSHA256: String
    /// What the job does (`score`, `audit`).
    public var kind: String
    /// The job's algorithm.
    public var algorithmID: String
    /// Who created the job.
    public var createdBy: String

    /// Creates a chunk.
    public init(
        jobID: String, number: Int, firstRow: Int, rowCount: Int, input: String, modelSHA256: String,
        kind: String = "score", algorithmID: String = "", createdBy: String = ""
    ) {
        self.jobID = jobID
        self.number = number
        self.firstRow = firstRow
        self.rowCount = rowCount
        self.input = input
        self.modelSHA256 = modelSHA256
        self.kind = kind
        self.algorithmID = algorithmID
        self.createdBy = createdBy
    }
}
