import LanterneAssistant
import Testing

@Suite("Redaction of personal identifiers")
struct RedactorTests {
    @Test(
        "Valid identifiers are replaced, whatever their spacing",
        arguments: [
            ("Mon NIR est 1 85 05 78 006 084 91 merci", "Mon NIR est [NIR] merci"),
            ("né en Corse : 2 69 05 2A 123 456 88.", "né en Corse : [NIR]."),
            ("numéro fiscal 1234567890066", "numéro fiscal [NUMÉRO FISCAL]"),
            ("mon numero 09 87 65 43 21 164", "mon numero [NUMÉRO FISCAL]"),
            ("IBAN FR76 3000 6000 0112 3456 7890 189 svp", "IBAN [IBAN] svp"),
            ("carte 4111 1111 1111 1111", "carte [CARTE BANCAIRE]"),
            ("SIREN 732 829 320 et SIRET 732 829 320 00074", "SIREN [SIREN] et SIRET [SIRET]"),
            ("écrivez à jean.dupont@exemple.fr ou au 06 12 34 56 78", "écrivez à [COURRIEL] ou au [TÉLÉPHONE]"),
            ("appelez le +33 6 12 34 56 78", "appelez le [TÉLÉPHONE]"),
        ])
    func valid(text: String, expected: String) {
        #expect(Redactor.redact(text).text == expected)
    }

    @Test(
        "Numbers whose checksum fails, amounts, dates and years stay as they are",
        arguments: [
            "Mon NIR est 1 85 05 78 006 084 90", "numéro 1234567890067", "IBAN FR76 3000 6000 0112 3456 7890 188",
            "carte 4111 1111 1111 1112", "j'ai payé 1 250,50 € le 15/05/2026", "revenus 2025 déclarés en 2026",
            "référence 123456789", "le 0809 401 401 est le numéro des impôts",
        ])
    func invalid(text: String) {
        #expect(Redactor.redact(text).text == text)
    }

    @Test("The kinds found are listed in order")
    func kinds() {
        let result = Redactor.redact("a@b.fr puis 1 85 05 78 006 084 91 puis 06 12 34 56 78")
        #expect(result.found == [.email, .nir, .phone])
    }
}
