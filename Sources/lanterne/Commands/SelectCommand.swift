import ArgumentParser
import Foundation
import LanterneData
import LanterneSelection

/// `lanterne select`: Parcoursup's selection algorithms on files.
struct SelectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Algorithmes de sélection de Parcoursup sur des fichiers.",
        subcommands: [Order.self, Proposals.self, Campaign.self, Bench.self]
    )

    /// `lanterne select bench`: call order timings on random groups, for scripts/bench/.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Mesure le calcul de l'ordre d'appel sur des groupes aléatoires (JSON).",
            discussion: """
                Une ligne JSON : groupes, candidats par groupe, fils, candidats ordonnés, groupes en échec, durée en \
                secondes.
                Exemple : lanterne select bench --groups 10 --candidates 100000 --seed 1
                """
        )

        @Option(help: "Nombre de groupes.") var groups = 1
        @Option(help: "Candidats par groupe.") var candidates = 1_000_000
        @Option(help: "Graine des tirages.") var seed: UInt64 = 1

        func run() async throws {
            print(CallOrderBench(groups: groups, candidates: candidates, seed: seed, threads: Synth.threadCount()).json)
        }
    }

    /// `lanterne select ordre-appel GROUPS.json`.
    struct Order: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ordre-appel",
            abstract:
                "Calcule l'ordre d'appel d'un ou plusieurs groupes de classement (taux minimum de boursiers et de "
                + "candidats du secteur), vérifie ses propriétés, et l'explique à un candidat avec --id.",
            discussion: """
                Entrée JSON : {"tauxMinBoursiersPourcents": 20, "tauxMinDuSecteurPourcents": 0, "voeux": [{"gCnCod": 1,
                "rang": 1, "boursier": false, "duSecteur": false}, ...]} ou une liste de tels groupes.
                Sont lus aussi le XML du ministère (algoOrdreAppelEntree) et un fichier .csv de candidats (avec \
                --scholarship-rate et --in-sector-rate).
                Sortie : les mêmes groupes, chacun avec « ordreAppel » (les gCnCod dans l'ordre d'appel).
                Exemple : lanterne select ordre-appel groupe.json --id 5 --format text
                """
        )

        @Argument(help: "Fichier du ou des groupes : JSON, XML du ministère ou CSV de candidats (.csv).")
        var groups: String

        @Option(help: "Explique la place de ce candidat (gCnCod).")
        var id: Int?

        @Option(help: "json (défaut) ou text.")
        var format: OutputFormat = .json

        @Option(help: "Fichier à écrire (sinon la sortie standard).")
        var out: String?

        @Option(
            help:
                "Entrée CSV (id_candidat, rang_jury, boursier, du_secteur, comme « synth candidats ») : taux minimum de boursiers."
        )
        var scholarshipRate: Int?

        @Option(help: "Entrée CSV : taux minimum de candidats du secteur.")
        var inSectorRate: Int?

        @Option(
            help:
                "Entrée CSV : écrit les candidats avec rang_appel, appele (dans les --places premiers) et appele_sans_taux (par le seul classement), pour « lanterne audit »."
        )
        var outcomes: String?

        @Option(help: "Avec --outcomes : nombre de candidats appelés (les places du premier jour).")
        var places: Int?

        @OptionGroup var reading: CSVReadingOptions

        @OptionGroup var common: CommonOptions

        /// One group from a CSV of candidates, with the rates given as options.
        private func csvGroup() throws -> (group: RankingGroup, table: Table) {
            try candidatesFromCSV(
                groups, reading: reading, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate)
        }

        /// The candidates' table with their call rank and whether they are called within the places, with the
        /// rates and by the jury's ranking alone: the group outcomes an audit compares.
        private func writeOutcomes(_ table: Table, order: [Candidate], to path: String) throws {
            guard let places, places >= 0 else {
                throw OptionMismatch(
                    option: "--outcomes", french: "il faut --places N (le nombre de candidats appelés)",
                    english: "--places N is needed (the number of candidates called)")
            }
            let outcomes = CandidateOutcomes(table: table, order: order)
            try outcomes.write(
                [
                    outcomes.flag("appele") { (outcomes.callRank[$0] ?? Int.max) <= places },
                    outcomes.flag("appele_sans_taux") { outcomes.withinRanking($0, places: places) },
                ], to: path)
        }

        func run() async throws {
            try await reportingInputErrors(common.language) {
                guard let data = FileManager.default.contents(atPath: groups) else {
                    throw SelectionInputError(file: groups, detail: "fichier introuvable ou illisible")
                }
                var lines: [String] = []
                // The ministry's XML (algoOrdreAppelEntree), the JSON of the official vectors, or a CSV of candidates.
                let decoded: [RankingGroup]
                var csvTable: Table? = nil
                if groups.lowercased().hasSuffix(".csv") {
                    let (group, table) = try csvGroup()
                    decoded = [group]
                    csvTable = table
                } else if data.first(where: { $0 > 32 }) == UInt8(ascii: "<") {
                    decoded = try RankingGroup.decodeOfficialXML([UInt8](data), file: groups)
                } else {
                    decoded = try RankingGroup.decode(data, file: groups)
                }
                for group in decoded {
                    let order: [Candidate]
                    do {
                        order = try CallOrder.compute(
                            group.candidates, scholarshipRate: group.scholarshipRate, inSectorRate: group.inSectorRate)
                    } catch let error as SelectionError {
                        throw SelectionError(error.problem, file: "\(groups) (\(group.name))")
                    }
                    if let outcomes {
                        guard let csvTable else {
                            throw OptionMismatch(
                                option: "--outcomes", french: "il demande une entrée CSV de candidats",
                                english: "it needs a CSV of candidates as input")
                        }
                        try writeOutcomes(csvTable, order: order, to: outcomes)
                    }
                    if let id {
                        guard let position = CallPosition.position(of: id, in: order) else { continue }
                        let text = position.explanation(
                            scholarshipRate: group.scholarshipRate, inSectorRate: group.inSectorRate,
                            language: common.language)
                        lines.append(format == .json ? position.json(in: group, explanation: text) : text)
                    } else if format == .json {
                        lines.append(group.callOrderJSON(order))
                    } else {
                        lines.append("\(group.name) : " + order.map { String($0.id) }.joined(separator: " "))
                    }
                }
                if let id, lines.isEmpty {
                    throw SelectionInputError(file: groups, detail: "aucun candidat de gCnCod \(id)")
                }
                var text = lines.joined(separator: format == .json ? ",\n" : "\n")
                if format == .json && (decoded.count > 1 || data.first(where: { $0 > 32 }) == UInt8(ascii: "[")) {
                    text = "[\n" + text + "\n]"
                }
                if let out { try AtomicFile.write(text + "\n", to: out) } else { print(text) }
            }
        }
    }
}

/// One ranking group from a CSV of candidates (`id_candidat`, `rang_jury`, `boursier`, `du_secteur`, as `synth
/// candidats` writes), with the minimum rates given as options, and the table read.
func candidatesFromCSV(
    _ groups: String, reading: CSVReadingOptions, scholarshipRate: Int?, inSectorRate: Int?
) throws -> (group: RankingGroup, table: Table) {
    guard let scholarshipRate, let inSectorRate else {
        throw OptionMismatch(
            option: "--scholarship-rate / --in-sector-rate",
            french: "une entrée CSV demande les deux taux minimum",
            english: "a CSV input needs both minimum rates")
    }
    var options = try reading.csvOptions(columnTypes: RankingGroup.candidateColumnTypes)
    options.requiresTypedColumns = false
    let table = try CSVReader(path: groups, options: options).read().table
    let group = try RankingGroup(
        candidates: table, file: groups, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate)
    return (group, table)
}
