import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Training data from a table and its schema")
struct TrainingSetTests {
    static let schema = Schema(columns: [
        ColumnDescription(name: "id", role: .id, type: .number),
        ColumnDescription(name: "revenu", role: .feature, type: .number),
        ColumnDescription(name: "ville", role: .feature, type: .category),
        ColumnDescription(name: "constante", role: .feature, type: .number),
        ColumnDescription(name: "sexe", role: .protected, type: .category),
        ColumnDescription(name: "y", role: .label, type: .number),
    ])

    static func table(_ text: String) throws -> Table {
        try CSVReader(bytes: Array(text.utf8), options: CSVOptions(columnTypes: schema.columnTypes)).readTable()
    }

    @Test("Features are the schema's, protected traits never; unlabelled rows and constant features are left out")
    func selection() throws {
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,10,Lyon,5,F,1\n2,20,Paris,5,M,\n3,,Lyon,5,F,0\n4,40,Nice,5,M,1\n")
        let set = try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
        #expect(set.features == [ModelFeature(name: "revenu"), ModelFeature(name: "ville", levels: ["Lyon", "Nice"])])
        #expect(set.droppedFeatures == ["constante"])
        #expect(set.unlabelledRows == 1)
        #expect(set.labels == [1, 0, 1])
        #expect(set.matrix.values[0] == 10 && set.matrix.values[1] == 0)
        #expect(set.matrix[1, 0].isNaN)
        #expect(set.matrix[2, 1] == 1)
    }

    @Test("A feature missing on every labelled row is left out, like a constant one")
    func alwaysMissing() throws {
        // `revenu` is given only on the unlabelled row.
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,,Lyon,5,F,1\n2,20,Paris,6,M,\n3,,Nice,7,F,0\n4,,Nice,8,M,1\n")
        let set = try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
        #expect(set.droppedFeatures == ["revenu"])
        #expect(set.features.map(\.name) == ["ville", "constante"])
    }

    @Test("A flag written only when true is kept: being given is what it says")
    func flagGivenOnlyWhenTrue() throws {
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,10,Lyon,1,F,1\n2,20,Paris,,M,0\n3,30,Nice,1,F,1\n4,40,Nice,,M,0\n")
        let set = try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
        #expect(set.droppedFeatures.isEmpty)
        #expect(set.features.map(\.name) == ["revenu", "ville", "constante"])
    }

    @Test("A label that is not binary is refused with the values found")
    func labelNotBinary() throws {
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,10,Lyon,5,F,1\n2,20,Paris,5,M,2\n3,5,Lyon,5,F,0.5\n")
        do {
            _ = try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
            Issue.record("a label with 2 and 0.5 must be refused")
        } catch let error as ModelError {
            #expect(error.description == "d.csv: la cible « y » doit valoir 0/1 ou oui/non ; trouvé : 0.5, 2")
        }
    }

    @Test("A label with one outcome only is refused: there is nothing to learn")
    func labelOneValue() throws {
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,10,Lyon,5,F,0\n2,20,Paris,5,M,0\n3,5,Lyon,5,F,\n")
        do {
            _ = try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
            Issue.record("a label that is always 0 must be refused")
        } catch let error as ModelError {
            #expect(
                error.description
                    == "d.csv: les 2 lignes ont la même valeur de « y » (0) : il n'y a rien à apprendre ; il faut des cas des deux issues"
            )
            #expect(
                error.message(.en)
                    == "d.csv: all 2 rows have the same \"y\" (0): there is nothing to learn; both outcomes are needed")
        }
    }

    @Test(
        "Infinite or non-numeric values in a numeric feature name the file, line, column and value; NaN and empty cells are missing"
    )
    func notFinite() throws {
        for (text, value, line) in [
            ("1.5\n2\ninf\n", "inf", 4), ("1e999\n2\n3\n", "1e999", 2), ("4\nabc\n1\n", "abc", 3),
        ] {
            let table = try CSVReader(bytes: Array(("x\n" + text).utf8)).readTable()
            #expect(throws: ModelError(.notANumber(name: "x", value: value, line: line), file: "d.csv")) {
                try FeatureMatrix(table: table, features: [ModelFeature(name: "x")], file: "d.csv")
            }
        }
        let message = ModelError(.notANumber(name: "x", value: "inf", line: 4), file: "d.csv").message(.fr)
        #expect(
            message
                == "d.csv, ligne 4, colonne « x » : « inf » n'est pas un nombre fini ; le modèle attend un nombre (ou une case vide pour une valeur manquante)"
        )
        let missing = try CSVReader(bytes: Array("x,y\n1,a\nNaN,b\n,c\n3,d\n".utf8)).readTable()
        let matrix = try FeatureMatrix(table: missing, features: [ModelFeature(name: "x")], file: "d.csv")
        #expect(matrix.values.map { $0.isNaN ? -1 : $0 } == [1, -1, -1, 3])
    }

    @Test("Missing feature columns are listed")
    func missingColumns() throws {
        let table = try CSVReader(bytes: Array("id,y\n1,1\n2,0\n".utf8)).readTable()
        #expect(throws: ModelError(.missingFeatures(["revenu", "ville", "constante"]), file: "d.csv")) {
            try TrainingSet(table: table, schema: Self.schema, file: "d.csv")
        }
    }

    @Test("Labels unseen at training are scored as missing and counted")
    func unseenLabels() throws {
        let table = try Self.table(
            "id,revenu,ville,constante,sexe,y\n1,10,Lyon,5,F,1\n2,20,Brest,5,M,0\n3,20,Brest,5,M,0\n")
        let matrix = try FeatureMatrix(
            table: table, features: [ModelFeature(name: "ville", levels: ["Lyon", "Nice"])], file: "v.csv")
        #expect(matrix.unseenLabels == ["ville": 2])
        #expect(matrix[0, 0] == 0 && matrix[1, 0].isNaN)
    }
}

@Suite("Additive models trained by Lanterne")
struct AdditiveTrainerTests {
    @Test("Shape functions are centred and follow a monotone constraint")
    func centredAndMonotone() {
        let rows = (0..<400).map { [Double($0 % 40), Double($0 % 3)] }
        let labels = rows.map { row in (row[0] > 20 ? 1.0 : 0.0) * (row[1] == 2 ? 1 : 0.5) >= 0.5 ? 1.0 : 0.0 }
        var parameters = BoostingParameters()
        parameters.trees = 30
        parameters.learningRate = 0.2
        parameters.minLeaf = 5
        parameters.earlyStopping = 0
        parameters.monotone = [0: 1]
        let matrix = FeatureMatrix(rows: rows.count, features: 2, values: rows.flatMap { $0 })
        let model = AdditiveTrainer(parameters: parameters).train(
            training: matrix, labels: labels,
            features: [ModelFeature(name: "x"), ModelFeature(name: "k", levels: ["a", "b", "c"])]
        ).model
        // Centred: the mean of each term's score over the training rows is 0.
        for term in model.terms {
            let mean =
                (0..<rows.count).map { row in
                    rows[row].withUnsafeBufferPointer { term.score($0) }
                }.reduce(0, +) / Double(rows.count)
            #expect(abs(mean) < 1e-9)
        }
        let x = model.terms[0]
        for i in 2..<x.scores.count { #expect(x.scores[i] >= x.scores[i - 1] - 1e-12) }
        #expect(x.scores.last! > x.scores[1])
        let scores = model.logits(matrix, threads: 1)
        #expect(ClassificationMetrics.auc(scores: scores, labels: labels.map { $0 == 1 }) > 0.95)
    }
}
