import ArgumentParser
import Foundation
import LanterneData
import LanterneSelection

extension SelectCommand {
    /// `lanterne select propositions`: one day of admission proposals with boarding places.
    struct Proposals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propositions",
            abstract:
                "Calcule les propositions d'admission d'un jour (places, listes d'attente, internats), vérifie leurs "
                + "propriétés, et les explique à un candidat avec --id.",
            discussion: """
                Entrée : un fichier algoPropositionsEntree (format XML du ministère, 2018) et un fichier JSON des
                paramètres qu'il ne contient pas : {"nbJoursCampagne": 2, "internats": [{"C_GI_COD": 1, "G_TA_COD": 1,
                "capacite": 10, "pourcentageOuverture": 100, "candidatsAffectes": [3, 4]}], "groupes": [{"C_GP_COD": 1,
                "G_TI_COD": 1, "G_TA_COD": 1, "candidatsAffectes": []}]}.
                Sortie : algoPropositionsSortie (XML), ou JSON, ou l'explication d'un candidat.
                Exemple : lanterne select propositions jour2.xml --parametres jour2.json --id 12 --format text
                """
        )

        @Argument(help: "Fichier XML algoPropositionsEntree.")
        var input: String

        @Option(
            name: .customLong("parametres"),
            help: "Paramètres JSON : jour de campagne, lits, pourcentage d'ouverture, affectés.")
        var parameters: String

        @Option(help: "Explique les vœux de ce candidat (G_CN_COD).")
        var id: Int?

        @Option(help: "xml (défaut : le format du ministère), json, ou text (avec --id).")
        var format: String = "xml"

        @Option(help: "Fichier à écrire (sinon la sortie standard).")
        var out: String?

        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard ["xml", "json", "text"].contains(format) else {
                throw ValidationError("--format : xml, json ou text.")
            }
        }

        func run() async throws {
            try await reportingInputErrors(common.language) {
                guard let xml = FileManager.default.contents(atPath: input) else {
                    throw SelectionInputError(file: input, detail: "fichier introuvable ou illisible")
                }
                guard let json = FileManager.default.contents(atPath: parameters) else {
                    throw SelectionInputError(file: parameters, detail: "fichier introuvable ou illisible")
                }
                let settings = try AdmissionRound.Parameters.decode(json, file: parameters)
                let round = try AdmissionRound.decodeOfficialXML([UInt8](xml), parameters: settings, file: input)
                let result = try AdmissionProposals.compute(round, file: input)
                var text: String
                if let id {
                    guard
                        let explanation = ProposalExplanation.text(
                            candidate: id, round: round, result: result, language: common.language)
                    else {
                        throw SelectionInputError(
                            file: input, detail: "le candidat \(id) n'a aucun vœu en attente ce jour")
                    }
                    text =
                        format == "json"
                        ? "{\"G_CN_COD\":\(id),\"explication\":\(JSONText.quoted(explanation))}\n" : explanation + "\n"
                } else if format == "json" {
                    text = Self.json(round, result)
                } else {
                    text = result.officialXML(round)
                }
                if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
            }
        }

        /// The outcome as JSON: each wish with its proposal or waiting rank, each group's last rank called, each
        /// boarding house's contingent and positions.
        static func json(_ round: AdmissionRound, _ result: AdmissionResult) -> String {
            let groups = zip(round.groups, result.groups).map { group, outcome in
                let wishes = outcome.wishes.map {
                    "{\"G_CN_COD\":\($0.wish.id.candidate),\"G_TA_COD\":\($0.wish.id.formation),"
                        + "\"I_RH_COD\":\($0.wish.id.boarding),\"ordreAppel\":\($0.wish.callRank),"
                        + "\"rangInternat\":\($0.wish.boardingRank),\"propose\":\($0.proposed),"
                        + "\"rangListeAttente\":\($0.waitingRank),\"retenuParInternat\":\($0.heldByBoarding)}"
                }.joined(separator: ",")
                return "{\"C_GP_COD\":\(group.committee),\"G_TI_COD\":\(group.enrolment),"
                    + "\"G_TA_COD\":\(group.formation),\"rangDernierAppele\":\(outcome.lastCalledRank),"
                    + "\"voeux\":[\(wishes)]}"
            }.joined(separator: ",")
            let houses = zip(round.boardingHouses, result.boardingHouses).map { house, outcome in
                "{\"C_GI_COD\":\(house.committee),\"G_TA_COD\":\(house.formation),"
                    + "\"contingentAdmission\":\(outcome.contingent),\"positionAdmission\":\(outcome.position),"
                    + "\"positionMaximaleAdmission\":\(outcome.maximumPosition),"
                    + "\"candidatsEnAttente\":\(outcome.waitingCandidates.count)}"
            }.joined(separator: ",")
            return "{\"nbJoursCampagne\":\(round.day),\"passes\":\(result.passes),\"groupes\":[\(groups)],"
                + "\"internats\":[\(houses)]}\n"
        }
    }
}
