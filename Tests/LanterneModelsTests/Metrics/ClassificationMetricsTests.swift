import LanterneModels
import Testing

@Suite("Classification metrics on hand-computed examples")
struct ClassificationMetricsTests {
    @Test("AUC counts tied pairs as one half")
    func aucWithTies() {
        // Positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 1/2, (0.4>0.1) 1 -> 3.5/4.
        #expect(ClassificationMetrics.auc(scores: [0.8, 0.4, 0.4, 0.1], labels: [true, true, false, false]) == 0.875)
        #expect(ClassificationMetrics.auc(scores: [1, 1, 1], labels: [true, false, true]) == 0.5)
        #expect(ClassificationMetrics.auc(scores: [0.1, 0.9], labels: [true, false]) == 0)
        #expect(ClassificationMetrics.auc(scores: [0.1, 0.9], labels: [true, true]).isNaN)
    }

    @Test("Log loss and Brier score")
    func probabilityScores() {
        let p = [0.9, 0.2, 0.6]
        let y = [true, false, false]
        let expectedLogLoss = -(log(0.9) + log(0.8) + log(0.4)) / 3
        #expect(abs(ClassificationMetrics.logLoss(probabilities: p, labels: y) - expectedLogLoss) < 1e-15)
        #expect(abs(ClassificationMetrics.brier(probabilities: p, labels: y) - (0.01 + 0.04 + 0.36) / 3) < 1e-15)
        #expect(ClassificationMetrics.logLoss(probabilities: [0], labels: [true]) == -log(1e-15))
    }

    @Test("Calibration bins hold counts, mean predictions and observed rates")
    func calibration() {
        let bins = ClassificationMetrics.calibration(
            probabilities: [0.05, 0.15, 0.12, 0.95, 1.0], labels: [false, true, false, true, true], bins: 10)
        #expect(bins.map(\.count) == [1, 2, 2])
        #expect(bins[1].observedRate == 0.5)
        #expect(abs(bins[1].meanPredicted - 0.135) < 1e-15)
        #expect(bins[2].lower == 0.9 && bins[2].observedRate == 1)
    }

    @Test("Precision and recall at k, ties broken by row order")
    func atK() {
        let scores = [0.9, 0.5, 0.5, 0.2, 0.8]
        let labels = [true, false, true, true, false]
        let top2 = ClassificationMetrics.precisionRecall(atTop: 2, scores: scores, labels: labels)
        #expect(top2.precision == 0.5)
        #expect(top2.recall == 1.0 / 3)
        let top3 = ClassificationMetrics.precisionRecall(atTop: 3, scores: scores, labels: labels)
        #expect(top3.precision == 1.0 / 3)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
