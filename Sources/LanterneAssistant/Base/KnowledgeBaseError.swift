import LanterneData

/// An article that cannot be read, with the file and the field at fault.
public struct KnowledgeBaseError: LocalizedMessage, Equatable {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// The folder has no article or cannot be read.
        case emptyFolder
        /// The front matter between `---` lines is missing.
        case noFrontMatter
        /// A required field is missing or empty.
        case missingField(String)
        /// A line of the front matter is not `key: value` or a `  - item` of a list.
        case malformedLine(Int, String)
        /// A field has a value it cannot take.
        case invalid(field: String, value: String, expected: String)
        /// Two articles have the same id.
        case duplicateID(String, otherFile: String)
        /// A paraphrase file names an article the base does not have.
        case unknownArticle(String, line: Int)
        /// The article's facts apply to a tax year that has ended and it has not been checked since.
        case pastTaxYear(Int, checked: String, asOf: String)
    }

    /// The problem.
    public let problem: Problem
    /// The file (or folder).
    public let file: String

    /// Creates an error.
    public init(_ problem: Problem, file: String) {
        self.problem = problem
        self.file = file
    }

    /// The message, naming the file and the field.
    public func message(_ language: Language) -> String {
        let fr = language == .fr
        switch problem {
        case .emptyFolder:
            return fr ? "\(file): aucun article .md lisible dans ce dossier" : "\(file): no readable .md article here"
        case .noFrontMatter:
            return fr
                ? "\(file): l'article doit commencer par un en-tête entre deux lignes « --- »"
                : "\(file): the article must start with a header between two “---” lines"
        case .missingField(let field):
            return fr ? "\(file): champ « \(field) » manquant ou vide" : "\(file): field “\(field)” missing or empty"
        case .malformedLine(let line, let text):
            return fr
                ? "\(file):\(line): ligne d'en-tête illisible « \(text) » (attendu « clé: valeur » ou « - élément »)"
                : "\(file):\(line): unreadable header line “\(text)” (expected “key: value” or “- item”)"
        case .invalid(let field, let value, let expected):
            return fr
                ? "\(file): champ « \(field) » : « \(value) » invalide ; attendu : \(expected)"
                : "\(file): field “\(field)”: invalid “\(value)”; expected: \(expected)"
        case .duplicateID(let id, let other):
            return fr
                ? "\(file): l'identifiant « \(id) » est déjà celui de \(other)"
                : "\(file): the id “\(id)” is already used by \(other)"
        case .unknownArticle(let id, let line):
            return fr
                ? "\(file):\(line): aucun article « \(id) » dans la base"
                : "\(file):\(line): no article “\(id)” in the base"
        case .pastTaxYear(let year, let checked, let day):
            return fr
                ? "\(file): champ « applies_to » : les faits valent pour \(year), année passée au \(day), et l'article "
                    + "n'a pas été revérifié depuis (checked: \(checked)) ; relisez-le sur ses sources officielles, "
                    + "puis mettez à jour « applies_to » et « checked »"
                : "\(file): field “applies_to”: the facts apply to \(year), a past year on \(day), and the article "
                    + "has not been checked since (checked: \(checked)); re-read it against its official sources, "
                    + "then update “applies_to” and “checked”"
        }
    }
}
