import ArgumentParser
import Foundation
import LanterneData
import LanterneSelection

extension SelectCommand {
    /// `lanterne select campagne`: a demonstration group called over several days, with simulated answers.
    struct Campaign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campagne",
            abstract:
                "Déroule plusieurs jours de propositions pour un groupe de candidats (ordre d'appel, places, internat, "
                + "réponses simulées) et explique son parcours à un candidat avec --id.",
            discussion: """
                Entrée : un CSV de candidats comme « synth candidats ». Les réponses (acceptation, refus, désistement)
                sont tirées de la graine : c'est une démonstration du mouvement des listes d'attente, pas un modèle.
                Exemple : lanterne select campagne candidats.csv --scholarship-rate 20 --in-sector-rate 30
                --places 40 --days 5 --beds 10 --boarding-percent 30 --id 124
                """
        )

        @Argument(help: "CSV de candidats (id_candidat, rang_jury, boursier, du_secteur).")
        var candidates: String

        @Option(help: "Taux minimum de boursiers.") var scholarshipRate: Int
        @Option(help: "Taux minimum de candidats du secteur.") var inSectorRate: Int
        @Option(help: "Places de la formation.") var places: Int
        @Option(help: "Jours simulés.") var days = 5
        @Option(help: "Part des propositions acceptées (%).") var acceptPercent = 60
        @Option(help: "Part des candidats en attente qui se désistent chaque jour (%).") var withdrawPercent = 5
        @Option(help: "Lits de l'internat (0 : pas d'internat).") var beds = 0
        @Option(help: "Part des candidats qui demandent l'internat (%).") var boardingPercent = 0
        @Option(help: "Pourcentage d'ouverture de l'internat.") var openingPercent = 100
        @Option(help: "Graine des réponses simulées.") var seed: UInt64 = 1
        @Option(help: "Explique le parcours de ce candidat (id_candidat).") var id: Int?
        @Option(help: "Fichier à écrire (sinon la sortie standard).") var out: String?
        @Option(
            help:
                "Écrit les candidats avec rang_appel, propose (proposition reçue pendant la campagne), jour_proposition, accepte et appele_sans_taux (dans les --places premiers du seul classement), pour « lanterne audit »."
        )
        var outcomes: String?

        @OptionGroup var reading: CSVReadingOptions
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                let (group, table) = try candidatesFromCSV(
                    candidates, reading: reading, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate)
                let order = try CallOrder.compute(
                    group.candidates, scholarshipRate: group.scholarshipRate, inSectorRate: group.inSectorRate)
                let campaign = try AdmissionCampaign(
                    order: order,
                    settings: .init(
                        places: places, days: days, acceptPercent: acceptPercent, withdrawPercent: withdrawPercent,
                        beds: beds, boardingPercent: boardingPercent, openingPercent: openingPercent, seed: seed))
                if let outcomes { try writeOutcomes(table, order: order, campaign: campaign, to: outcomes) }
                let fr = common.language == .fr
                var lines: [String] = []
                if let id {
                    guard let position = CallPosition.position(of: id, in: order) else {
                        throw SelectionInputError(file: candidates, detail: "aucun candidat d'id_candidat \(id)")
                    }
                    lines.append(
                        position.explanation(
                            scholarshipRate: scholarshipRate, inSectorRate: inSectorRate, language: common.language))
                    lines += campaign.days(of: id, language: common.language)
                } else {
                    for day in campaign.days {
                        let outcome = day.result.groups[0]
                        let proposed = outcome.wishes.filter(\.proposed).count
                        let waiting = outcome.wishes.count - proposed - day.withdrawn.count
                        lines.append(
                            fr
                                ? "Jour \(day.round.day) : \(proposed) proposition(s), dernier rang appelé "
                                    + "\(outcome.lastCalledRank) ; \(day.accepted.count) acceptée(s), "
                                    + "\(day.declined.count) refusée(s), \(day.withdrawn.count) désistement(s) ; "
                                    + "\(waiting) en attente."
                                : "Day \(day.round.day): \(proposed) proposal(s), last rank called "
                                    + "\(outcome.lastCalledRank); \(day.accepted.count) accepted, "
                                    + "\(day.declined.count) declined, \(day.withdrawn.count) withdrawn; "
                                    + "\(waiting) waiting.")
                    }
                }
                let text = lines.joined(separator: "\n") + "\n"
                if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
            }
        }

        /// Each candidate with their call rank, whether and when they received a proposal, their simulated answer,
        /// and whether the jury's ranking alone would have put them within the places.
        private func writeOutcomes(_ table: Table, order: [Candidate], campaign: AdmissionCampaign, to path: String)
            throws
        {
            var proposalDay: [Int: Int] = [:]
            var accepted = Set<Int>()
            for day in campaign.days {
                for outcome in day.result.groups[0].wishes where outcome.proposed {
                    proposalDay[outcome.wish.id.candidate] = day.round.day
                }
                accepted.formUnion(day.accepted)
            }
            let outcomes = CandidateOutcomes(table: table, order: order)
            try outcomes.write(
                [
                    outcomes.flag("propose") { proposalDay[$0] != nil },
                    outcomes.column("jour_proposition") { proposalDay[$0].map(Double.init) ?? .nan },
                    outcomes.flag("accepte") { accepted.contains($0) },
                    outcomes.flag("appele_sans_taux") { outcomes.withinRanking($0, places: places) },
                ], to: path)
        }
    }
}
