import LanterneData

/// A problem with the database: where it is, reaching it, or what it holds.
public struct StoreError: LocalizedMessage, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The `--database` value is neither `sqlite:PATH`, a path, nor `postgres://…`.
        case badLocation(String)
        /// The database could not be opened or reached.
        case unreachable(location: String, detail: String)
        /// The database holds migrations newer than this program knows.
        case newerSchema(found: Int, known: Int)
        /// A row the program needs is absent.
        case notFound(what: String, id: String)
        /// A value would break a uniqueness rule (a username already taken, for instance).
        case conflict(what: String)
        /// A query failed.
        case failed(detail: String)
        /// A model version whose latest audit failed a gate is published without a written justification.
        case gatesFailed(algorithm: String)
        /// A rule of the decision loop refuses the change (a case decided twice, an agent answering the contest of
        /// their own decision).
        case refused(DecisionRule)
    }

    /// The rules of the decision loop that the store enforces.
    public enum DecisionRule: String, Sendable, Equatable {
        /// The case already has its decision.
        case alreadyDecided = "already_decided"
        /// The agent who decided a case cannot answer its contest.
        case ownDecision = "own_decision"
        /// The contest already has its answer.
        case alreadyAnswered = "already_answered"
        /// The notice already has a contest.
        case alreadyContested = "already_contested"
        /// The case was not proposed by the control policy, so it is in no agent's queue.
        case notProposed = "not_proposed"
        /// The control's finding is already recorded.
        case findingRecorded = "finding_recorded"
    }

    /// What went wrong.
    public let kind: Kind

    /// Creates an error.
    /// - Parameter kind: what went wrong.
    public init(_ kind: Kind) { self.kind = kind }

    /// A stable code for the API and scripts.
    public var code: String {
        switch kind {
        case .badLocation: "database_location"
        case .unreachable: "database_unreachable"
        case .newerSchema: "database_newer_schema"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .failed: "database_failed"
        case .gatesFailed: "gates_failed"
        case .refused(let rule): rule.rawValue
        }
    }

    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        let french = language == .fr
        switch kind {
        case .badLocation(let value):
            return french
                ? "--database : « \(value) » n'est ni sqlite:CHEMIN, ni un chemin de fichier, ni postgres://utilisateur:motdepasse@hôte:port/base"
                : "--database: “\(value)” is neither sqlite:PATH, a file path, nor postgres://user:password@host:port/database"
        case .unreachable(let location, let detail):
            return french
                ? "base de données \(location) injoignable (\(detail)) ; vérifiez qu'elle est démarrée et que l'adresse et le mot de passe sont justes"
                : "database \(location) unreachable (\(detail)); check that it is running and that the address and password are right"
        case .newerSchema(let found, let known):
            return french
                ? "la base est à la migration \(found) alors que ce programme n'en connaît que \(known) ; utilisez une version plus récente de Lanterne"
                : "the database is at migration \(found) but this program knows only \(known); use a newer Lanterne"
        case .notFound(let what, let id):
            return french ? "\(what) « \(id) » introuvable" : "\(what) “\(id)” not found"
        case .conflict(let what):
            return french ? "\(what) existe déjà" : "\(what) already exists"
        case .failed(let detail):
            return french
                ? "la base de données a refusé l'opération : \(detail)"
                : "the database refused the operation: \(detail)"
        case .gatesFailed(let algorithm):
            return french
                ? "publication refusée pour « \(algorithm) » : le dernier audit de cette version a échoué à un contrôle ; corrigez le modèle ou écrivez pourquoi le publier quand même (justification)"
                : "publication refused for “\(algorithm)”: the latest audit of this version failed a gate; fix the model or write why it is published anyway (justification)"
        case .refused(let rule):
            return rule.message(language)
        }
    }
}

extension StoreError.DecisionRule {
    /// The message in `language`: what the rule is and what to do instead.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        let french = language == .fr
        switch self {
        case .alreadyDecided:
            return french
                ? "ce dossier a déjà sa décision ; une décision ne se remplace pas, elle se réexamine par une contestation"
                : "this case already has its decision; a decision is not replaced, it is reviewed through a contest"
        case .ownDecision:
            return french
                ? "vous avez pris la décision contestée ; la contestation doit être examinée par un autre agent"
                : "you took the contested decision; the contest must be reviewed by another agent"
        case .alreadyAnswered:
            return french ? "cette contestation a déjà reçu sa réponse" : "this contest already has its answer"
        case .alreadyContested:
            return french
                ? "une contestation est déjà enregistrée pour cette décision ; sa réponse paraîtra sur la notice"
                : "a contest is already recorded for this decision; its answer will show on the notice"
        case .findingRecorded:
            return french
                ? "le résultat de ce contrôle est déjà noté ; il ne se modifie pas"
                : "this control's finding is already recorded; it is not changed"
        case .notProposed:
            return french
                ? "ce dossier n'a pas été proposé par la politique de contrôle ; il n'est dans aucune file"
                : "this case was not proposed by the control policy; it is in no queue"
        }
    }
}
