import LanterneModels

/// Exact contributions of logistic and additive models, whose log-odds are already sums of per-feature parts.
public enum LinearExplainer {
    /// A logistic model's contributions: for each feature, Σ weight × (value − training mean) / scale over its
    /// encoded inputs (its number, its levels, its missing indicator); the base is the intercept.
    /// - Parameters:
    ///   - model: the logistic model.
    ///   - row: the case's feature values.
    /// - Returns: the contributions.
    public static func contributions(_ model: LogisticModel, row: UnsafeBufferPointer<Double>) -> Contributions {
        var values = [Double](repeating: 0, count: model.features.count)
        for input in model.inputs {
            values[input.feature] += input.weight * (input.raw(row) - input.mean) / input.scale
        }
        return Contributions(base: model.intercept, values: values)
    }

    /// An additive model's contributions: each term's score, added to its feature (a feature with a value term and
    /// a missing-value term gets both); the base is the intercept. Shapes are centred on the training data (Lanterne
    /// centres its own; InterpretML centres its exports), so a term's score is its departure from the average case.
    /// - Parameters:
    ///   - model: the additive model.
    ///   - row: the case's feature values.
    /// - Returns: the contributions.
    public static func contributions(_ model: AdditiveModel, row: UnsafeBufferPointer<Double>) -> Contributions {
        var values = [Double](repeating: 0, count: model.features.count)
        for term in model.terms { values[term.input.featureIndex] += term.score(row) }
        // A pair's score is shared equally by its two features (its Shapley split when the pair is centred).
        for pair in model.pairs {
            let score = pair.score(row)
            values[pair.first.input.featureIndex] += score / 2
            values[pair.second.input.featureIndex] += score / 2
        }
        return Contributions(base: model.intercept, values: values)
    }
}
