import Foundation
import LanterneData
import Testing

@Suite("Schema labels: the words people read for codes")
struct SchemaLabelsTests {
    static let region = ColumnDescription(
        name: "region", role: .feature, type: .category, description: "Région de résidence",
        labels: ["hauts_de_france": "Hauts-de-France", "ile_de_france": "Île-de-France"])

    @Test("A code with words gets them, one without stays as it is; yes/no columns read « oui » / « non »")
    func words() {
        #expect(Self.region.words(for: "hauts_de_france") == "Hauts-de-France")
        #expect(Self.region.words(for: "corse") == "corse")
        let flag = ColumnDescription(name: "parent_isole", role: .protected, type: .boolean)
        #expect(flag.words(for: "1") == "oui")
        #expect(flag.words(for: "0") == "non")
        #expect(flag.words(for: "true", language: .en) == "yes")
        #expect(flag.words(for: "2") == "2")
        let number = ColumnDescription(name: "nb_enfants", role: .feature, type: .number)
        #expect(number.words(for: "1") == "1")
    }

    @Test("Labels are written with their codes sorted and read back; a schema without labels keeps its bytes")
    func roundTrip() throws {
        let schema = Schema(columns: [Self.region, ColumnDescription(name: "age", role: .feature, type: .number)])
        let text = schema.jsonText()
        #expect(
            text.contains(
                #""labels": {"hauts_de_france": "Hauts-de-France", "ile_de_france": "Île-de-France"}}"#))
        #expect(
            text.contains(#"{"name": "age", "role": "feature", "type": "number", "description": "", "source": ""}"#))
        #expect(try Schema.decode(Data(text.utf8), file: "s.json") == schema)
        let decoded = try JSONDecoder().decode(Schema.self, from: try JSONEncoder().encode(schema))
        #expect(decoded == schema)
    }

    @Test("Labels that are not texts are refused, naming the column")
    func badLabels() {
        let bad = #"{"columns": [{"name": "region", "type": "category", "labels": {"idf": 3}}]}"#
        #expect(
            throws: SchemaError(
                .malformed(detail: "columns[0].labels doit associer à chaque code un texte (colonne « region »)"),
                file: "s.json")
        ) {
            try Schema.decode(Data(bad.utf8), file: "s.json")
        }
    }

    @Test("The synthetic populations' schemas give words to their category codes")
    func syntheticLabels() throws {
        let households = PopulationKind.foyers.population(rows: 10, seed: 1).schema
        #expect(households.column(named: "region")?.words(for: "hauts_de_france") == "Hauts-de-France")
        #expect(households.column(named: "situation_familiale")?.words(for: "celibataire") == "célibataire")
        #expect(
            households.column(named: "nationalite")?.words(for: "hors_ue") == "d'un pays hors de l'Union européenne")
        let firms = PopulationKind.entreprises.population(rows: 10, seed: 1).schema
        #expect(firms.column(named: "taille")?.words(for: "eti") == "entreprise de taille intermédiaire (ETI)")
        let candidates = PopulationKind.candidats.population(rows: 10, seed: 1).schema
        #expect(candidates.column(named: "avis_chef_etablissement")?.words(for: "tres_favorable") == "très favorable")
    }
}
