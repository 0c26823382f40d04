import LanterneData

/// A ranking group that cannot be ordered, naming the candidate or field at fault.
public struct SelectionError: LocalizedMessage, Equatable {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// A rate outside 0–100.
        case rateOutOfRange(field: String, value: Int)
        /// A rank of zero or less.
        case nonPositiveRank(candidate: Int, rank: Int)
        /// Two candidates with the same rank.
        case duplicateRank(rank: Int, candidates: [Int])
        /// The same candidate twice.
        case duplicateCandidate(Int)
    }

    /// The problem.
    public let problem: Problem
    /// The file, if any.
    public let file: String

    /// Creates an error.
    public init(_ problem: Problem, file: String = "") {
        self.problem = problem
        self.file = file
    }

    /// The message.
    public func message(_ language: Language) -> String {
        let fr = language == .fr
        let prefix = file.isEmpty ? "" : file + ": "
        switch problem {
        case .rateOutOfRange(let field, let value):
            return prefix
                + (fr
                    ? "« \(field) » vaut \(value) : un taux minimum est un pourcentage entier de 0 à 100"
                    : "“\(field)” is \(value): a minimum rate is a whole percentage from 0 to 100")
        case .nonPositiveRank(let candidate, let rank):
            return prefix
                + (fr
                    ? "le candidat \(candidate) a le rang \(rank) : les rangs commencent à 1"
                    : "candidate \(candidate) has rank \(rank): ranks start at 1")
        case .duplicateRank(let rank, let candidates):
            let list = candidates.map(String.init).joined(separator: ", ")
            return prefix
                + (fr
                    ? "le rang \(rank) est donné à plusieurs candidats (\(list)) : chaque rang doit être unique"
                    : "rank \(rank) is given to several candidates (\(list)): each rank must be unique")
        case .duplicateCandidate(let id):
            return prefix
                + (fr ? "le candidat \(id) apparaît deux fois" : "candidate \(id) appears twice")
        }
    }
}
