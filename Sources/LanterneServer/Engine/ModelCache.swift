import LanterneExplain
import LanterneModels
import LanterneStore
import Synchronization

/// Models read from the store by SHA-256, checked once and kept in memory with their explainer.
final class ModelCache: Sendable {
    /// A loaded model.
    struct Loaded: Sendable {
        let document: ModelDocument
        let explainer: Explainer
    }

    private let loaded = Mutex<[String: Loaded]>([:])
    private let algorithms: AlgorithmStore

    init(algorithms: AlgorithmStore) { self.algorithms = algorithms }

    /// The model of this version, read and checked on first use.
    /// - Throws: ``APIError`` 404 when the version is unknown; the model file's own error when it does not load.
    func model(_ sha256: String) async throws -> Loaded {
        if let found = loaded.withLock({ $0[sha256] }) { return found }
        guard let version = try await algorithms.model(sha256: sha256) else {
            throw APIError.notFound("version de modèle", sha256)
        }
        let (document, _) = try ModelFile.decode(Array(version.file.utf8), file: "model \(sha256.prefix(12))")
        let entry = Loaded(document: document, explainer: Explainer(model: document.model))
        loaded.withLock { $0[sha256] = entry }
        return entry
    }
}
