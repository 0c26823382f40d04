import Foundation
import Testing

/// Runs the built `lanterne` executable, which sits beside the test bundle.
struct LanterneProcess {
    static let executable: URL = {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = me.deletingLastPathComponent()
        while folder.path != "/"
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lanterne").path)
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("lanterne")
    }()

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// Whether a file whose name starts with `prefix` appears in `folder` within ten seconds (a command has started
/// writing its output).
func temporaryFileAppears(_ prefix: String, in folder: URL) -> Bool {
    for _ in 0..<200 {
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.contains(where: { $0.hasPrefix(prefix) }
        )
            == true
        {
            return true
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return false
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lanterne-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("The lanterne command line")
struct CommandLineTests {
    @Test("synth writes the data and its schema; the same seed gives the same bytes")
    func synth() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a", "b"] {
            let outcome = try LanterneProcess.run(
                [
                    "synth", "foyers", "--rows", "2000", "--seed", "3", "--out", "\(name).csv", "--schema-out",
                    "\(name).json",
                ],
                in: folder)
            #expect(outcome.status == 0)
            #expect(outcome.standardError.isEmpty)
        }
        let a = try Data(contentsOf: folder.appendingPathComponent("a.csv"))
        let b = try Data(contentsOf: folder.appendingPathComponent("b.csv"))
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).split(separator: "\n").count == 2001)
        let schema = try String(contentsOf: folder.appendingPathComponent("a.json"), encoding: .utf8)
        #expect(schema.contains("\"name\": \"parent_isole\", \"role\": \"protected\", \"type\": \"boolean\""))
    }

    @Test("schema infer prints a schema and, with --stats, one JSON line of measures")
    func schemaInfer() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id;montant;ville\n1;1 234,5;Lyon\n2;12;Paris\n".write(
            to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(["schema", "infer", "d.csv", "--stats"], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("{\"name\": \"montant\", \"role\": \"feature\", \"type\": \"number\""))
        #expect(outcome.standardError.hasPrefix("{\"rows\":2,\"columns\":3,"))
    }

    @Test("Bad input: one line naming file and line, exit 2, and an earlier output left untouched")
    func badInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b,c\n1,2,3\n4,5\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        try "ancien".write(to: folder.appendingPathComponent("out.json"), atomically: true, encoding: .utf8)
        let french = try LanterneProcess.run(["schema", "infer", "bad.csv", "--out", "out.json"], in: folder)
        #expect(french.status == 2)
        #expect(
            french.standardError
                == "bad.csv:3: 2 champs au lieu de 3 ; corrigez la ligne ou relancez avec --lenient pour l'ignorer\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("out.json"), encoding: .utf8) == "ancien")
        let english = try LanterneProcess.run(["schema", "infer", "bad.csv", "--lang", "en"], in: folder)
        #expect(english.status == 2)
        #expect(
            english.standardError
                == "bad.csv:3: 2 fields instead of 3; fix the line or run again with --lenient to skip it\n")
        let lenient = try LanterneProcess.run(["schema", "infer", "bad.csv", "--lenient"], in: folder)
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains("1 ligne(s) au nombre de champs incorrect ignorée(s)"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("schema check reads data with the schema's types and names what does not match")
    func schemaCheck() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "50", "--seed", "1", "--out", "c.csv", "--schema-out", "s.json"],
            in: folder)
        #expect(synth.status == 0)
        let good = try LanterneProcess.run(["schema", "check", "c.csv", "--schema", "s.json"], in: folder)
        #expect(good.status == 0)
        #expect(good.standardOutput == "c.csv : 50 lignes, 11 colonnes conformes à s.json, 0 valeurs manquantes\n")
        try "id_candidat,rang_jury\n1,1\n".write(
            to: folder.appendingPathComponent("short.csv"), atomically: true, encoding: .utf8)
        let short = try LanterneProcess.run(["schema", "check", "short.csv", "--schema", "s.json"], in: folder)
        #expect(short.status == 2)
        #expect(
            short.standardError.hasPrefix("short.csv:1: la colonne « avis_chef_etablissement » du schéma est absente"))
        try
            "id_candidat,rang_jury,boursier,du_secteur,sexe,type_bac,etablissement,moyenne_generale,moyenne_specialites,avis_chef_etablissement,score_jury\n1,1,0,1,F,general,public,12.5,treize,favorable,10\n"
            .write(to: folder.appendingPathComponent("typo.csv"), atomically: true, encoding: .utf8)
        let typo = try LanterneProcess.run(
            ["schema", "check", "typo.csv", "--schema", "s.json", "--lang", "en"], in: folder)
        #expect(typo.status == 2)
        #expect(
            typo.standardError
                == "typo.csv:2, column 9 (« moyenne_specialites »): \"treize\" is not a number as the schema declares\n"
        )
    }

    @Test(
        "Ctrl-C or SIGTERM during a long write leaves neither the output nor a temporary file",
        arguments: [SIGINT, SIGTERM])
    func interrupt(signalNumber: Int32) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = LanterneProcess.executable
        process.arguments = ["synth", "foyers", "--rows", "20000000", "--seed", "1", "--out", "big.csv"]
        process.currentDirectoryURL = folder
        try process.run()
        #expect(temporaryFileAppears("big.csv.tmp-", in: folder))
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signalNumber)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("Usage mistakes exit 2 with one line")
    func usage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zero = try LanterneProcess.run(["synth", "foyers", "--rows", "0", "--out", "x.csv"], in: folder)
        #expect(zero.status == 2)
        #expect(zero.standardError.split(separator: "\n").count == 1)
        #expect(zero.standardError.contains("--rows doit être un entier positif"))
        let unknown = try LanterneProcess.run(["synth", "chats", "--rows", "5", "--out", "x.csv"], in: folder)
        #expect(unknown.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.csv").path))
    }
}

@Suite("Training, importing and scoring from the command line")
struct ModelCommandLineTests {
    @Test("train writes a model whose version model show prints, score writes ids, score and logit")
    func trainShowScore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "3000", "--seed", "2", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        let train = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--trees",
                "20",
                "--out", "m.json", "--metrics-out", "metrics.json",
            ], in: folder)
        #expect(train.status == 0)
        #expect(train.standardError.contains("m.json : gbdt, 2400 lignes, AUC de validation"))
        let metrics = try String(contentsOf: folder.appendingPathComponent("metrics.json"), encoding: .utf8)
        #expect(metrics.hasPrefix("{\"rows\":2400,\"validation_rows\":600,"))
        let show = try LanterneProcess.run(["model", "show", "m.json", "--format", "json"], in: folder)
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("\"kind\":\"gbdt\",\"label\":\"irregularite_reelle\""))
        let score = try LanterneProcess.run(["score", "m.json", "f.csv", "--out", "scores.csv"], in: folder)
        #expect(score.status == 0)
        let lines = try String(contentsOf: folder.appendingPathComponent("scores.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 3001)
        #expect(lines[0] == "id_foyer,score,logit")
        let logistic = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle", "--out",
                "l.json",
            ],
            in: folder)
        #expect(logistic.status == 0)
        let card = try LanterneProcess.run(["model", "show", "l.json"], in: folder)
        #expect(card.standardOutput.contains("Grille de points : base"))
        #expect(card.standardOutput.contains(" — valeur manquante ou inconnue : "))
        let cardJSON = try LanterneProcess.run(["model", "show", "l.json", "--format", "json"], in: folder)
        let summary = try JSONSerialization.jsonObject(with: Data(cardJSON.standardOutput.utf8)) as! [String: Any]
        let scorecard = summary["scorecard"] as! [String: Any]
        #expect(scorecard["points_to_double_odds"] as? Double == 20)
        let situations = Set((scorecard["lines"] as! [[String: Any]]).map { $0["situation"] as! String })
        #expect(situations.isSuperset(of: ["per_unit", "range", "level", "missing_or_unknown_level"]))
        #expect(card.standardOutput.contains("    de 18 à "))
        #expect(show.standardOutput.contains("\"scorecard\":null"))
    }

    @Test(
        "train measures precision and recall at k and calibration on the validation file; model show gives them, equal to what the scores of score give"
    )
    func validationMeasures() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "3000", "--seed", "6", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        let lines = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        try (lines[0...2000].joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        try ([lines[0]] + lines[2001...]).joined(separator: "\n").appending("\n").write(
            to: folder.appendingPathComponent("v.csv"), atomically: true, encoding: .utf8)
        let train = try LanterneProcess.run(
            [
                "train", "t.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--trees",
                "15", "--valid-file", "v.csv", "--top-k", "100", "--min-gain", "0.001", "--out", "m.json",
            ], in: folder)
        #expect(train.status == 0)
        let show = try LanterneProcess.run(["model", "show", "m.json", "--format", "json"], in: folder)
        let json = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as! [String: Any]
        #expect(train.standardError.contains("version \((json["version"] as! String).prefix(12))"))
        let metrics = json["metrics"] as! [String: Double]
        #expect((json["parameters"] as! [String: String])["min_gain"] == "0.001")
        // The same measures from the scores `lanterne score` writes and the labels of v.csv.
        _ = try LanterneProcess.run(["score", "m.json", "v.csv", "--out", "scores.csv"], in: folder)
        let scores = try String(contentsOf: folder.appendingPathComponent("scores.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        let header = lines[0].split(separator: ",").map(String.init)
        let labelColumn = header.firstIndex(of: "irregularite_reelle")!
        let labels = lines[2001...].map { line in
            let field = line.split(separator: ",", omittingEmptySubsequences: false)[labelColumn]
            return field == "1" || field == "oui" || field == "true"
        }
        #expect(scores.count == 1000 && labels.count == 1000)
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let found = order.prefix(100).filter { labels[$0] }.count
        #expect(metrics["k"] == 100)
        #expect(abs(metrics["precision_at_k"]! - Double(found) / 100) < 1e-15)
        // JSON numbers carry 16 significant digits.
        #expect(abs(metrics["recall_at_k"]! - Double(found) / Double(labels.filter { $0 }.count)) < 1e-15)
        let calibration = json["calibration"] as! [[String: Double]]
        #expect(calibration.map { $0["count"]! }.reduce(0, +) == 1000)
        for bin in calibration {
            let members = scores.indices.filter { index in
                let tenth = min(9, Int(scores[index] * 10))
                return Double(tenth) / 10 == bin["lower"]!
            }
            #expect(Double(members.count) == bin["count"]!)
            #expect(
                abs(bin["observed_rate"]! - Double(members.filter { labels[$0] }.count) / Double(members.count)) < 1e-15
            )
        }
        let text = try LanterneProcess.run(["model", "show", "m.json"], in: folder)
        #expect(text.standardOutput.contains("Mesure precision_at_k : "))
        #expect(text.standardOutput.contains("Calibrage sur la validation"))
    }

    @Test("train --kind logistic --l1 sets weights exactly to zero, more of them the larger the penalty")
    func lasso() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "2000", "--seed", "8", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        var zeros: [Int] = []
        for penalty in ["1", "20"] {
            let outcome = try LanterneProcess.run(
                [
                    "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle",
                    "--l1", penalty, "--out", "l\(penalty).json",
                ], in: folder)
            #expect(outcome.status == 0)
            let file =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: folder.appendingPathComponent("l\(penalty).json"))) as! [String: Any]
            let body = file["body"] as! [String: Any]
            #expect((body["parameters"] as! [String: String])["l1"] == penalty)
            #expect((body["parameters"] as! [String: String])["l2"] == "0")
            let inputs = (body["logistic"] as! [String: Any])["inputs"] as! [[String: Any]]
            zeros.append(inputs.filter { ($0["weight"] as! Double) == 0 }.count)
        }
        #expect(zeros[0] > 0)
        #expect(zeros[1] > zeros[0])
        let trees = try LanterneProcess.run(
            ["train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--l1", "1", "--out", "g.json"], in: folder)
        #expect(trees.status == 2)
        #expect(trees.standardError.contains("--l1 ne s'applique qu'à --kind logistic."))
    }

    @Test(
        "train --objective squared-error predicts the net tax: score writes the prediction, its RMSE on the validation file is the one train reports; explain refuses it"
    )
    func regression() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "3000", "--seed", "9", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        let lines = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        try (lines[0...2000].joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        try (([lines[0]] + lines[2001...]).joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("v.csv"), atomically: true, encoding: .utf8)
        let train = try LanterneProcess.run(
            [
                "train", "t.csv", "--schema", "s.json", "--kind", "gbdt", "--objective", "squared-error", "--label",
                "impot_net", "--trees", "100", "--learning-rate", "0.1", "--valid-file", "v.csv", "--out", "m.json",
                "--metrics-out",
                "metrics.json",
            ], in: folder)
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardError.contains("gbdt (erreur quadratique), 2000 lignes, RMSE de validation"))
        let metrics =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
            as! [String: Double]
        #expect(metrics["validation_auc"] == nil)
        let score = try LanterneProcess.run(["score", "m.json", "v.csv", "--out", "p.csv"], in: folder)
        #expect(score.status == 0)
        let output = try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(output[0] == "id_foyer,prediction")
        let predictions = output.dropFirst().map { Double($0.split(separator: ",")[1])! }
        let header = lines[0].split(separator: ",").map(String.init)
        let column = header.firstIndex(of: "impot_net")!
        let truth = lines[2001...].map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[column])! }
        let squares = zip(predictions, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        #expect(abs(metrics["validation_rmse"]! - (squares / Double(truth.count)).squareRoot()) < 1e-9)
        let mean = truth.reduce(0, +) / Double(truth.count)
        let spread = truth.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        #expect(abs(metrics["validation_r2"]! - (1 - squares / spread)) < 1e-9)
        #expect(metrics["validation_r2"]! > 0.8)
        let shown = try LanterneProcess.run(["model", "show", "m.json", "--format", "json"], in: folder)
        #expect(shown.standardOutput.contains("\"predicts\":\"value\""))
        #expect(
            shown.standardOutput.contains("\"training\":{\"positives\":null,\"rows\":2000,\"validation_rows\":1000}"))
        let text = try LanterneProcess.run(["model", "show", "m.json"], in: folder)
        #expect(text.standardOutput.contains("Prédit : une valeur (objectif squared-error, erreur quadratique)"))
        #expect(text.standardOutput.contains("Mesure rmse : "))
        let ranked = try LanterneProcess.run(
            [
                "train", "t.csv", "--schema", "s.json", "--kind", "gbdt", "--objective", "squared-error", "--label",
                "impot_net", "--top-k", "10", "--out", "x.json",
            ], in: folder)
        #expect(ranked.status == 2)
        #expect(ranked.standardError.contains("--top-k mesure un classement oui/non"))
        let explain = try LanterneProcess.run(["explain", "m.json", "v.csv", "--id", "2001"], in: folder)
        #expect(explain.status == 2)
        #expect(
            explain.standardError.contains("ce modèle prédit une valeur (objectif squared-error), pas une probabilité"))
        let binary = try LanterneProcess.run(
            [
                "train", "t.csv", "--schema", "s.json", "--kind", "additive", "--objective", "squared-error", "--out",
                "a.json",
            ], in: folder)
        #expect(binary.status == 2)
        #expect(binary.standardError.contains("--objective squared-error ne s'applique qu'à --kind gbdt."))
    }

    @Test("train refuses out-of-range settings and a label with one outcome, exit 2 and one line")
    func trainRefusals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "300", "--seed", "6", "--out", "f.csv", "--schema-out", "s.json"], in: folder)
        for (flag, value, message) in [
            ("--top-k", "0", "--top-k doit valoir au moins 1."), ("--valid", "1.5", "--valid doit être entre 0"),
            ("--bins", "300", "--bins doit être entre 2 et 255."),
            ("--row-subsample", "0", "--row-subsample doit être"),
            ("--leaves", "1", "--leaves doit valoir au moins 2."),
        ] {
            let outcome = try LanterneProcess.run(
                ["train", "f.csv", "--schema", "s.json", "--kind", "gbdt", flag, value, "--out", "m.json"], in: folder)
            #expect(outcome.status == 2, "\(flag) \(value)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1)
        }
        // A label that is always 0: the column `zone_rurale`... any boolean column of one value will do; make one.
        let lines = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let labelColumn = header.firstIndex(of: "irregularite_reelle")!
        let zeros =
            [lines[0]]
            + lines.dropFirst().map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[labelColumn] = "0"
                return fields.joined(separator: ",")
            }
        try (zeros.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("z.csv"), atomically: true, encoding: .utf8)
        // Constant features are dropped with a warning; labels unseen in training are warned about, in the validation
        // file and when scoring.
        let constant =
            [lines[0]]
            + lines.dropFirst().map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[header.firstIndex(of: "nb_enfants")!] = "2"
                return fields.joined(separator: ",")
            }
        try (constant.prefix(201).joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("k.csv"), atomically: true, encoding: .utf8)
        let unseen =
            [lines[0]]
            + constant.dropFirst(201).map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[header.firstIndex(of: "situation_familiale")!] = "inconnue"
                return fields.joined(separator: ",")
            }
        try (unseen.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("u.csv"), atomically: true, encoding: .utf8)
        let warned = try LanterneProcess.run(
            [
                "train", "k.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--trees",
                "5", "--valid-file", "u.csv", "--out", "k.json",
            ], in: folder)
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(
            warned.standardError.contains("k.csv: variables constantes ou toujours manquantes écartées : nb_enfants"))
        #expect(
            warned.standardError.contains(
                "u.csv: 100 valeur(s) de « situation_familiale » absente(s) de l'entraînement, traitée(s) comme manquantes"
            ))
        let scored = try LanterneProcess.run(["score", "k.json", "u.csv", "--out", "u-scores.csv"], in: folder)
        #expect(scored.status == 0)
        #expect(
            scored.standardError.contains(
                "u.csv: 100 valeur(s) de « situation_familiale » inconnue(s) du modèle, traitée(s) comme manquantes"))
        // Validation with no labelled row, or a share that leaves none: refused rather than a one-tree model.
        let blanks =
            [lines[0]]
            + lines.dropFirst().prefix(50).map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[labelColumn] = ""
                return fields.joined(separator: ",")
            }
        try (blanks.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let unlabelled = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle",
                "--valid-file", "b.csv", "--out", "b.json",
            ], in: folder)
        #expect(unlabelled.status == 2)
        #expect(
            unlabelled.standardError.contains(
                "b.csv: données d'entraînement inutilisables : aucune ligne de validation"))
        let tiny = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--valid",
                "0.001", "--out", "b.json",
            ], in: folder)
        #expect(tiny.status == 2)
        #expect(tiny.standardError.contains("--valid 0.001 de 300 lignes laisse 0 ligne(s) de validation"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.json").path))
        // A category with 300 levels: more than trees can tell apart.
        let wide = [lines[0] + ",commune"] + lines.dropFirst().enumerated().map { "\($1),c\($0)" }
        try (wide.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        var schema =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("s.json")))
            as! [String: Any]
        var columns = schema["columns"] as! [[String: Any]]
        columns.append(["name": "commune", "role": "feature", "type": "category", "description": "Commune"])
        schema["columns"] = columns
        try JSONSerialization.data(withJSONObject: schema).write(to: folder.appendingPathComponent("w.json"))
        let tooMany = try LanterneProcess.run(
            [
                "train", "w.csv", "--schema", "w.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--out",
                "w-model.json",
            ], in: folder)
        #expect(tooMany.status == 2)
        #expect(
            tooMany.standardError.contains(
                "« commune » a 300 modalités ; les arbres et les modèles additifs en distinguent au plus 255"))
        let one = try LanterneProcess.run(
            [
                "train", "z.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--out",
                "z.json",
            ],
            in: folder)
        #expect(one.status == 2)
        #expect(one.standardError.contains("les 300 lignes ont la même valeur de « irregularite_reelle » (0)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("z.json").path))
    }

    @Test(
        "explain gives contributions adding up to the log-odds that score computes for the case (to 1e-12), and refuses an unknown id"
    )
    func explain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "1500", "--seed", "5", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        _ = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--trees",
                "10",
                "--out", "m.json",
            ], in: folder)
        let outcome = try LanterneProcess.run(["explain", "m.json", "f.csv", "--id", "42"], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let base = json["base"] as! Double
        let rows = json["rows"] as! [[String: Any]]
        #expect(rows.count == 1)
        #expect(rows[0]["id"] as? String == "42")
        let parts = (rows[0]["contributions"] as! [String: Double]).values.reduce(0, +)
        // The oracle is the logit `lanterne score` writes for the same case, not the explanation's own `logit`.
        let scored = try LanterneProcess.run(["score", "m.json", "f.csv", "--out", "scores.csv"], in: folder)
        #expect(scored.status == 0, "\(scored.standardError)")
        let lines = try String(contentsOf: folder.appendingPathComponent("scores.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines[0] == "id_foyer,score,logit")
        let line = try #require(lines.dropFirst().first { $0.hasPrefix("42,") }).split(separator: ",")
        let logit = try #require(Double(line[2]))
        #expect(abs(base + parts - logit) < 1e-12, "base \(base) + parts \(parts) against score's logit \(logit)")
        #expect(abs((rows[0]["logit"] as! Double) - logit) < 1e-12)
        let unknown = try LanterneProcess.run(["explain", "m.json", "f.csv", "--id", "99999"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("aucun cas d'identifiant « 99999 » (colonne « id_foyer »)"))
    }

    @Test("Bad inputs: a tampered model, missing features, a non-binary label all exit 2 with one line")
    func badInputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "300", "--seed", "2", "--out", "c.csv", "--schema-out", "s.json"],
            in: folder)
        let notBinary = try LanterneProcess.run(
            ["train", "c.csv", "--schema", "s.json", "--kind", "logistic", "--label", "rang_jury", "--out", "m.json"],
            in: folder)
        #expect(notBinary.status == 2)
        #expect(
            notBinary.standardError.hasPrefix(
                "c.csv: la cible « rang_jury » doit valoir 0/1 ou oui/non ; trouvé : 2, 3"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.json").path))
        let trained = try LanterneProcess.run(
            ["train", "c.csv", "--schema", "s.json", "--kind", "logistic", "--label", "boursier", "--out", "m.json"],
            in: folder)
        #expect(trained.status == 0)
        try "id_candidat,rang_jury\n1,1\n".write(
            to: folder.appendingPathComponent("short.csv"), atomically: true, encoding: .utf8)
        let missing = try LanterneProcess.run(["score", "m.json", "short.csv", "--out", "s.csv"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("short.csv: colonnes absentes que le modèle utilise : "))
        var model = try String(contentsOf: folder.appendingPathComponent("m.json"), encoding: .utf8)
        model = model.replacingOccurrences(of: "\"intercept\":", with: "\"intercept\":1")
        try model.write(to: folder.appendingPathComponent("m.json"), atomically: true, encoding: .utf8)
        let tampered = try LanterneProcess.run(["score", "m.json", "c.csv", "--out", "s.csv"], in: folder)
        #expect(tampered.status == 2)
        #expect(tampered.standardError.contains("le fichier modèle a été modifié ou tronqué"))
        #expect(tampered.standardError.split(separator: "\n").count == 1)
    }
}
