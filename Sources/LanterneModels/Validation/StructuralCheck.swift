import LanterneData

/// Checks that a model read from a file or an importer is sound before anything scores with it.
///
/// A file's digest proves that it is the file that was published, not that its content makes sense. Here every
/// index is checked to be in range (features, children, category sets, bins), every tree to be a tree (each node
/// reached exactly once from the root, so no walk can loop), every number a score reads to be finite (and, when a
/// score adds it up, within ``ModelLimit/magnitude``), parallel arrays to have one length, categorical levels to be
/// distinct and split codes to be among them, and every size to be within ``ModelLimit``. The checks run in loops,
/// never by recursion, so a deep file cannot exhaust the stack; their cost is linear in the model's size.
public enum StructuralCheck {
    /// What a check found, before it is tied to a file.
    struct Finding: Error {
        let kind: ModelError.Kind
    }

    /// Checks a model file's body: the model its kind names is there, and it is sound.
    /// - Parameters:
    ///   - document: the decoded body.
    ///   - file: the file's name, for messages.
    /// - Throws: ``ModelError`` (`unsound` or `tooLarge`) naming the first problem found.
    public static func check(_ document: ModelDocument, file: String) throws {
        let model: (any ScoringModel)? =
            switch document.kind {
            case .gbdt: document.trees
            case .logistic: document.logistic
            case .additive: document.additive
            }
        guard let model else {
            throw ModelError(.unsound(ModelFlaw(.model, .modelMissing(kind: document.kind))), file: file)
        }
        try check(model, file: file)
    }

    /// Checks a model.
    /// - Parameters:
    ///   - model: a tree ensemble, a logistic or an additive model.
    ///   - file: the file it comes from, for messages.
    /// - Throws: ``ModelError`` (`unsound` or `tooLarge`) naming the first problem found.
    public static func check(_ model: any ScoringModel, file: String) throws {
        do {
            switch model {
            case let ensemble as TreeEnsemble: try checkEnsemble(ensemble)
            case let logistic as LogisticModel: try checkLogistic(logistic)
            case let additive as AdditiveModel: try checkAdditive(additive)
            default: break
            }
        } catch let finding as Finding {
            throw ModelError(finding.kind, file: file)
        }
    }

    // MARK: Shared checks

    /// A flaw at `place`.
    static func flaw(_ place: ModelPlace, _ problem: ModelFlaw.Problem) -> Finding {
        Finding(kind: .unsound(ModelFlaw(place, problem)))
    }

    /// Throws when `count` is over `limit`.
    static func within(_ count: Int, _ limit: ModelLimit, at place: ModelPlace) throws {
        guard count <= limit.value else { throw Finding(kind: .tooLarge(limit, found: count, place: place)) }
    }

    /// Throws when `value` is NaN or infinite.
    @inline(__always)
    static func finite(_ value: Double, _ field: String, at place: ModelPlace) throws {
        guard value.isFinite else { throw flaw(place, .notFinite(field: field, value: value)) }
    }

    /// Throws when `value`, a number a score adds up, is not finite or beyond ``ModelLimit/magnitude``.
    @inline(__always)
    static func summand(_ value: Double, _ field: String, at place: ModelPlace) throws {
        try finite(value, field, at: place)
        guard abs(value) <= ModelLimit.magnitude else { throw flaw(place, .outOfBounds(field: field, value: value)) }
    }

    /// Throws when `index` is not a feature of a model reading `count` features.
    static func feature(_ index: Int, of count: Int, at place: ModelPlace) throws {
        guard index >= 0 && index < count else { throw flaw(place, .featureOutOfRange(index: index, count: count)) }
    }

    /// Checks the features: their number, and for categorical ones the number of levels and that none repeats.
    static func checkFeatures(_ features: [ModelFeature]) throws {
        try within(features.count, .features, at: .model)
        for (index, feature) in features.enumerated() {
            guard let levels = feature.levels else { continue }
            let place = ModelPlace.feature(index, name: feature.name)
            try within(levels.count, .levels, at: place)
            var seen = Set<String>(minimumCapacity: levels.count)
            for level in levels where !seen.insert(level).inserted { throw flaw(place, .repeatedLevel(level)) }
        }
    }
}
