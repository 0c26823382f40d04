import Foundation
import LanterneData
import LanterneStore
import Logging
import ServiceLifecycle

/// Takes jobs' chunks from the store, one at a time, and does them on the engine pool; every server process runs
/// one, so that two servers on one PostgreSQL share a population. On a clean stop it finishes the chunk in hand,
/// then hands back anything it still holds.
struct JobRunner: Service {
    let store: Store
    let models: ModelCache
    /// This process's id in `job_chunks.taken_by`.
    let worker: String
    /// How long to wait when no chunk waits.
    let idle: Duration
    let logger: Logger

    init(store: Store, models: ModelCache, idle: Duration = .milliseconds(200), logger: Logger) {
        self.store = store
        self.models = models
        self.worker =
            ProcessInfo.processInfo.hostName + "/" + String(ProcessInfo.processInfo.processIdentifier)
            + "/" + OpaqueID.make(bytes: 4)
        self.idle = idle
        self.logger = logger
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let worked: Bool
            do {
                worked = try await step()
            } catch {
                logger.error("job runner", metadata: ["error": "\(String(reflecting: error))"])
                worked = false
            }
            if !worked { try? await Task.sleep(for: idle) }
        }
        _ = try? await store.jobs.handBack(by: worker)
    }

    /// Takes and does one chunk.
    /// - Returns: whether there was one.
    func step() async throws -> Bool {
        guard let chunk = try await store.jobs.claim(by: worker) else { return false }
        do {
            let document = try await models.model(chunk.modelSHA256).document
            if chunk.kind == AuditJob.kind {
                let (report, passed) = try await EngineWork.run { try AuditJob.run(chunk, document: document) }
                // The audit joins the algorithm's record (the register shows it) before the job is marked done.
                _ = try await store.algorithms.addAudit(
                    algorithmID: chunk.algorithmID, sha256: chunk.modelSHA256, report: report, gatesPassed: passed,
                    actor: chunk.createdBy)
                try await store.jobs.complete(chunk, result: report, by: worker)
            } else {
                let result = try await EngineWork.run { try ScoringJob.score(chunk, document: document) }
                try await store.jobs.complete(chunk, result: result, by: worker)
            }
        } catch let error as any LocalizedMessage {
            try await store.jobs.fail(chunk, message: error.message(.fr))
        }
        return true
    }
}
