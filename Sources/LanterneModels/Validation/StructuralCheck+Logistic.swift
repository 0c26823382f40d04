extension StructuralCheck {
    /// Checks a logistic model: its features, intercept, inputs and quintiles.
    static func checkLogistic(_ model: LogisticModel) throws {
        try checkFeatures(model.features)
        try summand(model.intercept, "intercept", at: .model)
        try within(model.inputs.count, .terms, at: .model)
        for (index, input) in model.inputs.enumerated() {
            let place = ModelPlace.input(index)
            try feature(input.feature, of: model.features.count, at: place)
            if case .level(let level) = input.encoding {
                guard let levels = model.features[input.feature].levels else {
                    throw flaw(place, .notCategorical(feature: input.feature))
                }
                guard level >= 0 && level < levels.count else {
                    throw flaw(place, .categoryOutOfRange(code: level, count: levels.count))
                }
            }
            try summand(input.mean, "mean", at: place)
            try finite(input.scale, "scale", at: place)
            guard input.scale > 0 else { throw flaw(place, .notPositive(field: "scale", value: input.scale)) }
            try summand(input.weight, "weight", at: place)
            // What one unit of the input adds to the log-odds.
            try summand(input.weight / input.scale, "weight / scale", at: place)
        }
        guard let quintiles = model.quintiles else { return }
        guard quintiles.count == model.features.count else {
            throw flaw(
                .model, .lengthMismatch(field: "quintiles", found: quintiles.count, expected: model.features.count))
        }
        for (index, bounds) in quintiles.enumerated() {
            let place = ModelPlace.feature(index, name: model.features[index].name)
            try within(bounds.count, .bins, at: place)
            for bound in bounds { try finite(bound, "quintiles", at: place) }
        }
    }
}
