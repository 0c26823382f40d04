import Foundation
import LanterneData
import LanterneModels
import LanterneRegister
import Testing

/// The repository's root (the folder holding Package.swift).
private let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    return url
}()

/// `../shared/realcases/registers` beside the checkout, or `nil` when absent.
private let registersFolder: URL? = {
    let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/realcases/registers")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}()

@Suite("Register exports: Lanterne's entry, the UK ATRS, the Dutch standard, the CRPA inventory, the FRIA draft")
struct RegisterExportTests {
    /// revenus: −0.5 under 20 000 €, +1 from it (range 1.5); en_ligne: +0.3 when 0, −0.3 when 1 (range 0.6): the
    /// notices' model and schema.
    static let model = NoticeComposerTests.model
    static let schema = NoticeComposerTests.schema
    static let smallCard = AlgorithmCard(
        name: "Ciblage", administration: "DDFiP de démonstration", purpose: "choisir les dossiers à vérifier",
        legalBasis: "article L10 du LPF", decisionType: .support, humanOversight: "Un agent décide.",
        contact: .init(service: "SIP", address: "1 rue de l'Exemple", email: nil, url: nil, phone: nil),
        threshold: 0.3)
    static let version = String(repeating: "ab", count: 32)
    static let document = ModelDocument(
        model: model, origin: "lanterne train foyers.csv --kind additive", label: "irregularite_reelle",
        schema: schema, training: .init(rows: 2400, positives: 240, validationRows: 600), metrics: ["auc": 0.7312])
    /// An audit with one failed gate, as `lanterne audit --json` writes it.
    static let gatedAudit = """
        {"rows": 3000, "gates": [
          {"name": "quatre cinquièmes", "metric": "selection_rate_ratio", "passed": false, "value": 0.71, "min": 0.8, "max": null},
          {"name": "faux positifs", "metric": "fpr_difference", "passed": true, "value": 0.02, "min": null, "max": 0.05}],
         "four_fifths": [{"attribute": "sexe", "passed": false}],
         "sentences": ["Le groupe « F » est sélectionné 1,41 fois moins souvent que le groupe « M »."], "warnings": []}
        """

    /// The demo's notice card (docs/notice/card.json) and the households' model audit (docs/audit/modele-foyers.json).
    static func demoEntry(language: Language = .fr) throws -> RegisterEntry {
        let card = try AlgorithmCard.load(path: repositoryRoot.appendingPathComponent("docs/notice/card.json").path)
        let audit = try AuditDigest.load(
            path: repositoryRoot.appendingPathComponent("docs/audit/modele-foyers.json").path)
        return RegisterEntry(card: card, document: document, version: version, audit: audit, language: language)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(
        "The ATRS export is valid against the UK JSON schema rendered from its template and field list",
        .enabled(if: registersFolder != nil, "../shared/realcases/registers is absent"))
    func atrsValid() throws {
        let folder = try #require(registersFolder)
        let schema = try UKSchema.render(folder: folder)
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(properties.count == 37)
        for language in Language.allCases {
            let record = try Self.object(RegisterExport.text(try Self.demoEntry(language: language), format: .atrs))
            #expect(SchemaValidator(root: schema).errors(record) == [])
        }
        // Without audit and for an imported model: still valid, the missing parts marked.
        let imported = ModelDocument(model: Self.model, origin: "import ebm slimme_check.json", schema: Self.schema)
        let bare = RegisterEntry(
            card: Self.smallCard, document: imported, version: Self.version, audit: nil, language: .fr)
        let record = try Self.object(RegisterExport.text(bare, format: .atrs))
        #expect(SchemaValidator(root: schema).errors(record) == [])
        let placeholders = record.filter { RegisterEntry.isPlaceholder($0.value as? String ?? "") }.keys.sorted()
        #expect(
            placeholders == [
                "benefit", "contact_email", "data_access_and_storage", "data_collection", "data_sharing_agreements",
                "external_supplier", "external_supplier_role", "impact_assessment_name", "risk_name",
            ])
    }

    @Test("The ATRS export derives its fields from the card, the model and the audit")
    func atrsDerived() throws {
        let record = try Self.object(RegisterExport.text(try Self.demoEntry(), format: .atrs))
        #expect(record["organisation"] as? String == "Direction départementale des finances publiques de démonstration")
        #expect(record["contact_email"] as? String == "algorithmes@exemple.invalid")
        #expect(record["external_supplier"] as? String == "Aucun : modèle entraîné par l'administration avec Lanterne")
        #expect((record["model_type"] as? String)?.hasPrefix("modèle additif") == true)
        #expect(
            record["source_data_name"] as? String
                == "déclaration 2042 ; déclaration de revenus (formulaire 2042 et annexes) ; fichiers de la direction "
                + "générale des finances publiques")
        #expect(
            record["risk_name"] as? String
                == "Écarts de traitement entre groupes : parent_isole, qpv, nationalite, parent_isole*qpv")
        #expect((record["scope"] as? String)?.contains("Il ne lit aucune de ces données : Sexe (F, M).") == true)
        #expect((record["benefit"] as? String)?.hasPrefix("AUC de validation : 0,731. [non renseigné") == true)
    }

    @Test(
        "The Dutch export fills every mandatory field of Publicatiestandaard 1.0 within its length and values",
        .enabled(if: registersFolder != nil, "../shared/realcases/registers is absent"))
    func publicatiestandaard() throws {
        let folder = try #require(registersFolder)
        let rules = try Self.object(
            String(contentsOf: folder.appendingPathComponent("nl-publicatiestandaard-1.0-fields.json"), encoding: .utf8)
        )
        let fields = try #require(rules["fields"] as? [String: [String: Any]])
        // A long purpose, to check clipping.
        var card = try AlgorithmCard.load(path: repositoryRoot.appendingPathComponent("docs/notice/card.json").path)
        card.purpose += String(repeating: " et encore une précision utile", count: 30)
        card.name = String(repeating: "Ciblage ", count: 20)
        for language in Language.allCases {
            let entry = RegisterEntry(
                card: card, document: Self.document, version: Self.version,
                audit: try AuditDigest.decode(Data(Self.gatedAudit.utf8), file: "audit.json"), language: language)
            let record = try Self.object(RegisterExport.text(entry, format: .nl))
            for (key, rule) in fields {
                let value = record[key]
                if rule["required"] as? Bool == true {
                    let filled =
                        ((value as? String).map { !$0.isEmpty } ?? false) || ((value as? [Any])?.isEmpty == false)
                    #expect(filled, "mandatory field \(key) (\(rule["title"] ?? "")) is empty")
                }
                if let limit = rule["max_length"] as? Int, let text = value as? String {
                    #expect(text.count <= limit, "\(key): \(text.count) characters, limit \(limit)")
                }
                // The register accepts only Dutch entries (lang "nld"); ours says the language it is written in.
                if let permitted = rule["permitted_values"] as? [String], let text = value as? String, key != "lang" {
                    #expect(permitted.contains(text), "\(key): « \(text) » not among \(permitted)")
                }
            }
            #expect(Set(record.keys).isSubset(of: Set(fields.keys)))
            #expect(record["lang"] as? String == (language == .fr ? "fra" : "eng"))
            #expect((record["description_short"] as? String ?? "").count <= 350)
            #expect((record["name"] as? String)?.hasSuffix("…") == true)
            let sources = try #require(record["source_data_grouping"] as? [[String: String]])
            #expect(sources.first?["title"] == "déclaration 2042")
        }
    }

    @Test("The CRPA L312-1-3 inventory's header and row are the hand-written text")
    func inventory() {
        let entry = RegisterEntry(
            card: Self.smallCard, document: Self.document, version: Self.version, audit: nil, language: .fr)
        let csv = RegisterExport.text(entry, format: .inventaire)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2] == "")
        #expect(
            lines[0]
                == "administration,traitement,mission et finalité,base légale,degré et mode de contribution à la "
                + "décision,données traitées et sources,paramètres et pondération,opérations effectuées,intervention "
                + "humaine,version en service,dernier audit,contact")
        let nbsp = "\u{00A0}"
        let expected = [
            "DDFiP de démonstration", "Ciblage", "Ce traitement sert à choisir les dossiers à vérifier.",
            "article L10 du LPF", "\"aide à la décision : l'algorithme propose, un agent décide\"",
            "\"Revenus déclarés (avant abattement), Déclaration faite en ligne (source : déclaration 2042)\"",
            "\"modèle additif (une courbe de points par donnée) ; Revenus déclarés (avant abattement) 71\(nbsp)% ; "
                + "Déclaration faite en ligne 29\(nbsp)%\"",
            "Le traitement lit 2 données de chaque dossier. Une donnée qui manque est notée. Chaque donnée donne des "
                + "points selon sa valeur. Les points sont additionnés. Le total devient un score entre 0 et 100 %. "
                + "Les dossiers dont le score atteint 30\(nbsp)% sont proposés à un agent. Un agent lit chaque dossier "
                + "proposé. Il décide et écrit pourquoi.",
            "Un agent décide.", Self.version,
            "[non renseigné — à compléter par le responsable : aucun audit joint (lanterne audit --model … --json)]",
            "\"SIP, 1 rue de l'Exemple ; à défaut de réponse sous un mois : CADA, TSA 50730, 75334 Paris Cedex 07, "
                + "https://www.cada.fr\"",
        ].joined(separator: ",")
        #expect(lines[1] == expected)
        #expect(CRPAInventory.header(.en).count == 12)
    }

    @Test("Lanterne's JSON entry carries the data with their sources, the weights, the model and the audit's gates")
    func ownJSON() throws {
        let audit = try AuditDigest.decode(Data(Self.gatedAudit.utf8), file: "audit.json")
        let entry = RegisterEntry(
            card: Self.smallCard, document: Self.document, version: Self.version, audit: audit, language: .fr)
        let json = try Self.object(RegisterExport.text(entry, format: .json))
        let data = try #require(json["data"] as? [[String: Any]])
        #expect(data.map { $0["name"] as? String } == ["revenus", "en_ligne"])
        #expect(data[0]["source"] as? String == "déclaration 2042" && data[0]["unit"] as? String == "€")
        let weights = try #require(json["weights"] as? [[String: Any]])
        #expect(weights.map { $0["share"] as? Double } == [0.7143, 0.2857])
        #expect((json["protected_data_audited"] as? [[String: Any]])?.first?["name"] as? String == "sexe")
        #expect((json["model"] as? [String: Any])?["auc"] as? Double == 0.7312)
        let gates = try #require((json["audit"] as? [String: Any])?["gates"] as? [[String: Any]])
        #expect(gates.map { $0["passed"] as? Bool } == [false, true])
        #expect(gates[0]["value"] as? Double == 0.71 && gates[0]["min"] as? Double == 0.8)
        let markdown = RegisterExport.text(entry, format: .markdown)
        #expect(markdown.contains("| revenus | Revenus déclarés (avant abattement) | déclaration 2042 | € |"))
        #expect(markdown.contains("| quatre cinquièmes | selection_rate_ratio | 0,71 | ≥ 0,8 | échouée |"))
        #expect(markdown.contains("Portes échouées : quatre cinquièmes."))
        let english = RegisterEntry(
            card: Self.smallCard, document: Self.document, version: Self.version, audit: audit, language: .en)
        #expect(RegisterExport.text(english, format: .markdown).contains("## How it decides"))
    }

    @Test("The fundamental-rights draft has the six parts of article 27 and marks what the steward completes")
    func fria() throws {
        let text = RegisterExport.text(try Self.demoEntry(), format: .fria)
        for part in ["## a)", "## b)", "## c)", "## d)", "## e)", "## f)"] { #expect(text.contains(part)) }
        #expect(text.contains("Un agent des finances publiques lit chaque dossier proposé."))
        #expect(text.contains("La règle des quatre cinquièmes n'est pas respectée pour : parent_isole"))
        #expect(text.components(separatedBy: "[non renseigné — à compléter par le responsable").count - 1 == 4)
        let english = RegisterExport.text(try Self.demoEntry(language: .en), format: .fria)
        #expect(english.contains("[not provided — for the steward to complete: period of use"))
    }

    @Test("An unknown format and a file that is not an audit report are refused, naming the option or the file")
    func badInput() {
        #expect(
            RegisterExportError.unknownFormat("pdf").message(.fr)
                == "--format: format « pdf » inconnu ; formats possibles : json|markdown|atrs|nl|inventaire|fria")
        #expect(throws: RegisterExportError.self) { try AuditDigest.decode(Data("{\"rows\": 3}".utf8), file: "a.json") }
        do {
            _ = try AuditDigest.load(path: "/nonexistent/audit.json")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "/nonexistent/audit.json: fichier d'audit introuvable ou illisible")
        }
    }
}
