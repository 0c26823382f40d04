import Foundation
import LanterneData
import LanterneRegister
import Testing

@Suite("Algorithm cards")
struct AlgorithmCardTests {
    static let valid = """
        {"name": "Ciblage", "administration": "DDFiP", "purpose": "choisir les dossiers à vérifier",
         "legal_basis": "article L10 du LPF", "decision_type": "support", "human_oversight": "Un agent décide.",
         "contact": {"service": "SIP", "email": "a@exemple.invalid"}, "threshold": 0.3}
        """

    static func decode(_ text: String) throws -> AlgorithmCard {
        try AlgorithmCard.decode(Data(text.utf8), file: "fiche.json")
    }

    @Test("A complete card is read, and written back with the CADA's address")
    func valid() throws {
        let card = try Self.decode(Self.valid)
        #expect(card.decisionType == .support)
        #expect(card.threshold == 0.3)
        #expect(card.contact == .init(service: "SIP", address: nil, email: "a@exemple.invalid", url: nil, phone: nil))
        let again = try Self.decode(card.jsonText())
        #expect(again == card)
        #expect(card.jsonText().contains("\"cada\": \"CADA, TSA 50730, 75334 Paris Cedex 07"))
    }

    @Test(
        "Each missing or empty required field is named",
        arguments: ["name", "administration", "purpose", "legal_basis", "decision_type", "human_oversight"])
    func missing(field: String) throws {
        var object = try JSONSerialization.jsonObject(with: Data(Self.valid.utf8)) as! [String: Any]
        object[field] = "  "
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(throws: CardError(.missing(field: field), file: "fiche.json")) { try Self.decode(text) }
        #expect(
            CardError(.missing(field: field), file: "fiche.json").message(.fr)
                == "fiche.json: champ obligatoire « \(field) » manquant ou vide dans la fiche algorithme")
    }

    @Test("Invalid values: an unknown decision type, a threshold outside (0, 1), a contact with no way to reach it")
    func invalid() throws {
        let automatic = Self.valid.replacingOccurrences(of: "\"support\"", with: "\"automatique\"")
        #expect(
            throws: CardError(
                .invalid(field: "decision_type", value: "automatique", expected: "support ou automated"),
                file: "fiche.json")
        ) { try Self.decode(automatic) }
        let threshold = Self.valid.replacingOccurrences(of: "0.3}", with: "1.5}")
        #expect(throws: CardError.self) { try Self.decode(threshold) }
        let unreachable = Self.valid.replacingOccurrences(of: ", \"email\": \"a@exemple.invalid\"", with: "")
        #expect(
            throws: CardError(.missing(field: "contact.address, contact.email ou contact.url"), file: "fiche.json")
        ) { try Self.decode(unreachable) }
        #expect(throws: CardError(.malformed, file: "fiche.json")) { try Self.decode("[1, 2]") }
    }
}
