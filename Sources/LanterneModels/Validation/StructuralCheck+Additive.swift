extension StructuralCheck {
    /// Checks an additive model: its features, intercept, terms and pairs.
    static func checkAdditive(_ model: AdditiveModel) throws {
        try checkFeatures(model.features)
        try summand(model.intercept, "intercept", at: .model)
        try within(model.terms.count, .terms, at: .model)
        try within(model.pairs.count, .terms, at: .model)
        for (index, term) in model.terms.enumerated() {
            let place = ModelPlace.term(index, name: term.name)
            try within(term.scores.count, .bins, at: place)
            _ = try checkBinning(term, features: model.features, scores: term.scores.count, at: place)
            for score in term.scores { try summand(score, "scores", at: place) }
        }
        for (index, pair) in model.pairs.enumerated() {
            let place = ModelPlace.pair(index, name: pair.name)
            let rows = try checkBinning(pair.first, features: model.features, scores: nil, at: place)
            let columns = try checkBinning(pair.second, features: model.features, scores: nil, at: place)
            try within(pair.scores.count, .bins, at: place)
            // A row of the table must hold every bin of the second input, and the table every row of the first.
            guard pair.width >= columns else { throw flaw(place, .tooFewScores(found: pair.width, needed: columns)) }
            let (cells, overflow) = rows.multipliedReportingOverflow(by: pair.width)
            guard !overflow && pair.scores.count >= cells else {
                throw flaw(place, .tooFewScores(found: pair.scores.count, needed: overflow ? Int.max : cells))
            }
            for score in pair.scores { try summand(score, "scores", at: place) }
        }
    }

    /// Checks how a term bins its input and returns how many bins ``AdditiveTerm/bin(_:)`` can give.
    /// - Parameters:
    ///   - term: a main term, or one axis of a pair.
    ///   - features: the model's features.
    ///   - scores: the term's number of scores, which every bin must index; `nil` for a pair's axis.
    ///   - place: the term or pair, for messages.
    /// - Returns: the number of bins, bin 0 (missing) included.
    static func checkBinning(_ term: AdditiveTerm, features: [ModelFeature], scores: Int?, at place: ModelPlace)
        throws -> Int
    {
        try feature(term.input.featureIndex, of: features.count, at: place)
        if case .meanImputed(_, let mean) = term.input { try finite(mean, "mean", at: place) }
        try within(term.cuts.count, .bins, at: place)
        for (position, cut) in term.cuts.enumerated() {
            try finite(cut, "cuts", at: place)
            if position > 0 && cut < term.cuts[position - 1] { throw flaw(place, .unsortedCuts(position: position)) }
        }
        var bins = term.cuts.count + 2
        if term.categories != nil || term.categoryBins != nil {
            let categories = term.categories ?? []
            let categoryBins = term.categoryBins ?? []
            guard categoryBins.count == categories.count else {
                throw flaw(
                    place, .lengthMismatch(field: "categoryBins", found: categoryBins.count, expected: categories.count)
                )
            }
            try within(categories.count, .bins, at: place)
            for category in categories { try finite(category, "categories", at: place) }
            bins = 1
            for bin in categoryBins {
                try checkBin(bin, "categoryBins", scores: scores, at: place)
                bins = max(bins, bin + 1)
            }
        }
        if let unknown = term.unknownBin {
            try checkBin(unknown, "unknownBin", scores: scores, at: place)
            bins = max(bins, unknown + 1)
        }
        if let scores, scores < bins { throw flaw(place, .tooFewScores(found: scores, needed: bins)) }
        return bins
    }

    /// Throws when `bin` is negative, or not below `scores` when the term's scores are known, or over the bound.
    private static func checkBin(_ bin: Int, _ field: String, scores: Int?, at place: ModelPlace) throws {
        let count = scores ?? ModelLimit.bins.value
        guard bin >= 0 && bin < count else { throw flaw(place, .binOutOfRange(field: field, bin: bin, count: count)) }
    }
}
