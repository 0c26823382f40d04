import Foundation
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

extension RegisterEntries {
    /// The entry derived from the card, the published model and the latest audit of that model: what the export
    /// route and the register page show, and what `lanterne register export` writes from the same files.
    /// - Throws: ``APIError`` 404 without a published model, 409 `card_incomplete` for a card without what the
    ///   standards need.
    func derived(_ record: AlgorithmRecord, version chosen: String? = nil, language: Language) async throws
        -> LanterneRegister.RegisterEntry
    {
        guard let sha256 = chosen ?? record.publishedSHA256, let version = try await algorithms.model(sha256: sha256),
            version.algorithmID == record.id
        else {
            throw APIError.notFound("modèle publié de l'algorithme", record.id)
        }
        let card: AlgorithmCard
        do {
            card = try AlgorithmCard.decode(Data(record.card.utf8), file: "fiche")
        } catch let error as CardError {
            throw APIError(
                .conflict, code: "card_incomplete", french: error.message(.fr), english: error.message(.en))
        }
        let (document, versionID) = try ModelFile.decode(Array(version.file.utf8), file: "modèle")
        let audit = try await algorithms.latestAudit(of: record.id, version: sha256).map { latest in
            try AuditDigest.decode(Data(latest.report.utf8), file: "audit")
        }
        return LanterneRegister.RegisterEntry(
            card: card, document: document, version: versionID, audit: audit, language: language)
    }
}
