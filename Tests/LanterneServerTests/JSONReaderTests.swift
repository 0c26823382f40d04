import Foundation
import Testing

@testable import LanterneServer

@Suite("JSONReader, the strict JSON reader of request bodies")
struct JSONReaderTests {
    static func read(_ text: String) throws(JSONReader.Failure) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(JSONReader.Failure) in try JSONReader.read(buffer) }
    }

    static let valid = [
        #"{"case": {"revenu": 31200, "situation": "celibataire", "parent_isole": true, "age": null}}"#,
        #"  [1, -0, 0.5, -12.25e3, 1E-7, 2e+2, 123456789012345678901234567890, 4.9e-324]  "#,
        #"{"a": {"b": [[], {}, [{"c": "d"}]]}, "e": false}"#,
        #""échappements : \" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83d\ude00 fin""#,
        #"{"région": "Hauts-de-France", "émoji": "😀", "vide": ""}"#,
        "\t\r\n null \n",
        #"{"x": 1, "x": 2}"#,
        #"0.1"#,
    ]

    @Test("Valid documents give the values Foundation's JSONDecoder gives", arguments: valid)
    func sameAsFoundation(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try Self.read(text) == expected)
    }

    @Test("Hand-checked values: numbers to the bit, escapes and surrogate pairs to their scalars")
    func handChecked() throws {
        #expect(
            try Self.read("[0.1, -2.5e-3, 4.9e-324]") == .array([.number(0.1), .number(-0.0025), .number(4.9e-324)]))
        #expect(try Self.read(#""a\u00e9\ud83d\ude00\n""#) == .string("aé😀\n"))
        #expect(try Self.read(#"{"x": 1, "x": 2}"#) == .object(["x": .number(1)]))
    }

    static let invalid: [(String, String)] = [
        ("", "une valeur attendue, fin du corps"),
        ("{", "un nom de champ entre guillemets attendu"),
        (#"{"a" 1}"#, "« : » attendu"),
        (#"{"a": 1,}"#, "un nom de champ entre guillemets attendu"),
        ("[1, 2", "« , » ou « ] » attendu, fin du corps"),
        ("[1 2]", "« , » ou « ] » attendu"),
        ("01", "du texte après la fin du JSON"),
        ("1.", "un chiffre attendu après la virgule décimale"),
        ("1e", "un chiffre attendu dans l'exposant"),
        ("-", "un chiffre attendu"),
        ("+1", "une valeur attendue"),
        (".5", "une valeur attendue"),
        ("1e999", "nombre hors des limites d'un double : 1e999"),
        ("NaN", "une valeur attendue"),
        ("tru", "« true » attendu"),
        ("nul", "« null » attendu"),
        (#""abc"#, "chaîne non terminée"),
        ("\"a\tb\"", "caractère de contrôle non échappé dans une chaîne"),
        (#""\x""#, "échappement inconnu « \\x »"),
        (#""\u12""#, "quatre chiffres hexadécimaux attendus après \\u"),
        (#""\ud83d""#, "demi-paire de substitution \\u sans sa seconde moitié"),
        (#""\ude00""#, "demi-paire de substitution \\u isolée"),
        ("{} {}", "du texte après la fin du JSON"),
        ("'a'", "une valeur attendue"),
        (String(repeating: "[", count: 513) + String(repeating: "]", count: 513), "plus de 512 niveaux imbriqués"),
    ]

    /// What Foundation's lenient reader accepts and RFC 8259 does not.
    static let refusedByTheRFCOnly: Set<String> = [#"{"a": 1,}"#]

    @Test("Invalid documents are refused, saying what was expected and where, as Foundation refuses them")
    func refused() throws {
        for (text, _) in Self.invalid where !Self.refusedByTheRFCOnly.contains(text) {
            #expect(throws: (any Error).self, "Foundation accepts \(text)") {
                try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            }
        }
        for (text, detail) in Self.invalid {
            do {
                let value = try Self.read(text)
                Issue.record("accepted \(text) as \(value)")
            } catch {
                #expect(error.detail.hasPrefix(detail), "\(text): \(error.detail)")
                #expect(error.detail.hasSuffix("(octet \(error.offset))"))
            }
        }
    }

    @Test("Bytes that are not UTF-8 inside a string are refused")
    func notUTF8() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: JSONReader.Failure.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONReader.Failure) in try JSONReader.read(buffer) }
        }
    }
}
