import LanterneData

/// A problem with a model file, a model's inputs or training data.
public struct ModelError: LocalizedMessage, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The data lacks columns the model reads.
        case missingFeatures([String])
        /// A feature's column holds values the model cannot read (text where numbers are expected).
        case unreadableFeature(name: String, found: ColumnType)
        /// The model file was changed after it was written.
        case tampered(expected: String, found: String)
        /// The model file stops before its end (a copy or a download cut short).
        case truncated(expected: String)
        /// The file is not a Lanterne model file.
        case notAModelFile(detail: String)
        /// An imported model uses something Lanterne does not support.
        case unsupported(detail: String)
        /// An imported file does not have the structure its format requires.
        case malformed(detail: String)
        /// The label is not binary.
        case labelNotBinary(name: String, values: [String])
        /// A numeric feature's column holds a value that is not a finite number (text, `inf`, `1e999`).
        case notANumber(name: String, value: String, line: Int)
        /// A categorical feature has more levels than a byte of bins holds.
        case tooManyLevels(name: String, count: Int)
        /// A label to predict as a value is not numeric.
        case labelNotNumeric(name: String, found: ColumnType)
        /// The model predicts a value, not a probability, and the command needs a probability.
        case notAProbability(command: String)
        /// Every labelled row has the same outcome: there is nothing to learn.
        case labelOneValue(name: String, value: String, rows: Int)
        /// Training data is unusable.
        case badTrainingData(detail: String)
        /// The model's content is not sound: an index out of range, a tree that is not a tree, a number that is not
        /// finite (``StructuralCheck``).
        case unsound(ModelFlaw)
        /// The model is larger than Lanterne accepts (``ModelLimit``); `found` is the count, or for the depth the
        /// first depth over the limit.
        case tooLarge(ModelLimit, found: Int, place: ModelPlace)
    }

    /// What went wrong.
    public let kind: Kind
    /// The file concerned.
    public let file: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - file: the file concerned.
    public init(_ kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }

    /// A stable code for scripts and the API: the same for every message of one kind.
    public var code: String {
        switch kind {
        case .missingFeatures: "missing_features"
        case .unreadableFeature: "unreadable_feature"
        case .tampered: "model_tampered"
        case .truncated: "model_truncated"
        case .notAModelFile: "not_a_model_file"
        case .unsupported: "model_unsupported"
        case .malformed: "model_malformed"
        case .labelNotBinary: "label_not_binary"
        case .notANumber: "not_a_number"
        case .tooManyLevels: "too_many_levels"
        case .labelNotNumeric: "label_not_numeric"
        case .notAProbability: "not_a_probability"
        case .labelOneValue: "label_one_value"
        case .badTrainingData: "bad_training_data"
        case .unsound(let flaw): flaw.code
        case .tooLarge: "model_too_large"
        }
    }

    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        let french = language == .fr
        switch kind {
        case .missingFeatures(let names):
            let list = names.joined(separator: ", ")
            return french
                ? "\(file): colonnes absentes que le modèle utilise : \(list)"
                : "\(file): missing columns the model uses: \(list)"
        case .unreadableFeature(let name, let found):
            return french
                ? "\(file): la colonne « \(name) » est de type \(found.rawValue), le modèle attend des nombres ou des catégories"
                : "\(file): the column \"\(name)\" is \(found.rawValue); the model expects numbers or categories"
        case .tampered(let expected, let found):
            return french
                ? "\(file): le fichier modèle a été modifié ou tronqué depuis son écriture (empreinte SHA-256 attendue "
                    + "\(expected.prefix(12))…, trouvée \(found.prefix(12))…) ; reprenez la version publiée"
                : "\(file): the model file was changed or truncated after it was written (SHA-256 expected "
                    + "\(expected.prefix(12))…, found \(found.prefix(12))…); use the published version"
        case .truncated(let expected):
            return french
                ? "\(file): le fichier modèle s'arrête avant sa fin (copie ou téléchargement interrompu) ; reprenez la version "
                    + "publiée, d'empreinte SHA-256 \(expected.prefix(12))…"
                : "\(file): the model file stops before its end (an interrupted copy or download); use the published "
                    + "version, SHA-256 \(expected.prefix(12))…"
        case .notAModelFile(let detail):
            return french
                ? "\(file): ce n'est pas un fichier modèle Lanterne (\(detail))"
                : "\(file): not a Lanterne model file (\(detail))"
        case .unsupported(let detail):
            return french ? "\(file): non pris en charge : \(detail)" : "\(file): not supported: \(detail)"
        case .malformed(let detail):
            return french ? "\(file): fichier mal formé : \(detail)" : "\(file): malformed file: \(detail)"
        case .labelNotBinary(let name, let values):
            let shown = values.prefix(5).joined(separator: ", ")
            return french
                ? "\(file): la cible « \(name) » doit valoir 0/1 ou oui/non ; trouvé : \(shown)"
                : "\(file): the label \"\(name)\" must be 0/1 or yes/no; found: \(shown)"
        case .notANumber(let name, let value, let line):
            return french
                ? "\(file), ligne \(line), colonne « \(name) » : « \(value) » n'est pas un nombre fini ; le modèle attend un nombre (ou une case vide pour une valeur manquante)"
                : "\(file), line \(line), column \"\(name)\": \"\(value)\" is not a finite number; the model expects a number (or an empty cell for a missing value)"
        case .labelNotNumeric(let name, let found):
            return french
                ? "\(file): la cible « \(name) » est de type \(found.rawValue) ; une valeur à prédire (--objective squared-error) doit être un nombre"
                : "\(file): the label \"\(name)\" is \(found.rawValue); a value to predict (--objective squared-error) must be a number"
        case .notAProbability(let command):
            return french
                ? "\(file): ce modèle prédit une valeur (objectif squared-error), pas une probabilité ; \(command) demande un modèle de classement (objectif binary)"
                : "\(file): this model predicts a value (squared-error objective), not a probability; \(command) needs a classification model (binary objective)"
        case .tooManyLevels(let name, let count):
            return french
                ? "\(file): « \(name) » a \(count) modalités ; les arbres et les modèles additifs en distinguent au plus 255 : "
                    + "regroupez les plus rares, ou utilisez --kind logistic"
                : "\(file): \"\(name)\" has \(count) levels; trees and additive models tell at most 255 apart: group the "
                    + "rarest, or use --kind logistic"
        case .labelOneValue(let name, let value, let rows):
            let binary = value == "0" || value == "1"
            return french
                ? "\(file): les \(rows) lignes ont la même valeur de « \(name) » (\(value)) : il n'y a rien à apprendre ; "
                    + (binary ? "il faut des cas des deux issues" : "il faut des valeurs qui varient")
                : "\(file): all \(rows) rows have the same \"\(name)\" (\(value)): there is nothing to learn; "
                    + (binary ? "both outcomes are needed" : "values that vary are needed")
        case .badTrainingData(let detail):
            return french
                ? "\(file): données d'entraînement inutilisables : \(detail)"
                : "\(file): unusable training data: \(detail)"
        case .unsound(let flaw):
            let place = flaw.place == .model ? "" : ", " + flaw.place.text(language)
            return french
                ? "\(file): modèle incohérent\(place) : \(flaw.problemText(language)) ; refaites l'export ou "
                    + "l'entraînement du modèle"
                : "\(file): unsound model\(place): \(flaw.problemText(language)); export or train the model again"
        case .tooLarge(let limit, let found, let place):
            let location = place == .model ? "" : ", " + place.text(language)
            return french
                ? "\(file): modèle trop grand\(location) : \(limit.frenchCount(found)), au-delà de la limite de "
                    + "\(limit.value) que Lanterne accepte"
                : "\(file): model too large\(location): \(limit.englishCount(found)), over the limit of \(limit.value) "
                    + "Lanterne accepts"
        }
    }
}
