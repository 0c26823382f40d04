import Foundation
import LanterneData
import Testing

@Suite("Schemas: reading, writing, inferring")
struct SchemaTests {
    @Test("A schema written as JSON reads back the same")
    func roundTrip() throws {
        let schema = Schema(columns: [
            ColumnDescription(name: "id_foyer", role: .id, type: .number, description: "Numéro", source: "DGFiP"),
            ColumnDescription(
                name: "revenu", role: .feature, type: .number, description: "Revenu « net »", source: "2042", unit: "€"),
            ColumnDescription(name: "sexe", role: .protected, type: .category),
            ColumnDescription(name: "pensions", role: .feature, type: .number, unit: "€", group: "revenus"),
        ])
        let text = schema.jsonText()
        #expect(
            text.hasPrefix("{\n  \"columns\": [\n    {\"name\": \"id_foyer\", \"role\": \"id\", \"type\": \"number\""))
        #expect(try Schema.decode(Data(text.utf8), file: "s.json") == schema)
    }

    @Test("Unknown roles and types are named with the allowed values")
    func unknownValues() {
        let badRole = #"{"columns": [{"name": "a", "role": "target", "type": "number"}]}"#
        #expect(
            throws: SchemaError(
                .unknownValue(
                    field: "columns[0].role", value: "target",
                    allowed: ["id", "feature", "label", "protected", "ignore"]), file: "s.json")
        ) {
            try Schema.decode(Data(badRole.utf8), file: "s.json")
        }
        let badType = #"{"columns": [{"name": "a", "type": "integer"}]}"#
        #expect(
            throws: SchemaError(
                .unknownValue(
                    field: "columns[0].type", value: "integer",
                    allowed: ["number", "category", "boolean", "date", "text"]), file: "s.json")
        ) {
            try Schema.decode(Data(badType.utf8), file: "s.json")
        }
        #expect(throws: SchemaError(.duplicateColumn(name: "a"), file: "s.json")) {
            try Schema.decode(
                Data(#"{"columns": [{"name": "a", "type": "text"}, {"name": "a", "type": "text"}]}"#.utf8),
                file: "s.json")
        }
        #expect(throws: SchemaError(.malformed(detail: "JSON invalide"), file: "s.json")) {
            try Schema.decode(Data("{".utf8), file: "s.json")
        }
    }

    @Test("Inference proposes types and identifier roles")
    func inference() throws {
        let table = try readCSV(
            "id,flag,ville,montant,quand\n1,0,Lyon,1.5,2024-01-01\n2,1,Paris,2,2024-01-02\n3,,Lyon,,\n"
        ).table
        let schema = SchemaInference.infer(from: table)
        #expect(schema.columns.map(\.type) == [.number, .boolean, .category, .number, .date])
        #expect(schema.columns.map(\.role) == [.id, .feature, .feature, .feature, .feature])
        #expect(schema.columns.allSatisfy { $0.description.isEmpty })
    }
}
