import ArgumentParser
import Foundation
import LanterneData

/// `lanterne synth`: deterministic synthetic populations.
struct Synth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Génère une population synthétique déterministe (même graine, mêmes octets).",
        discussion: """
            foyers : foyers fiscaux français, avec l'irrégularité réelle (cachée) et les contrôles passés (biaisés).
            entreprises : entreprises et défaillance à 18 mois.
            candidats : candidats à une formation sélective, avec le rang du jury.
            Exemple : lanterne synth foyers --rows 10000 --seed 1 --out foyers.csv --schema-out schema.json
            """
    )

    @Argument(help: "Population : foyers, entreprises ou candidats.")
    var kind: PopulationArgument

    @Option(help: "Nombre de lignes.")
    var rows: Int

    @Option(help: "Graine du générateur.")
    var seed: UInt64 = 1

    @Option(help: "Fichier CSV à écrire.")
    var out: String

    @Option(help: "Écrit aussi le schéma (descriptions en français) dans ce fichier.")
    var schemaOut: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard rows > 0 else { throw ValidationError("--rows doit être un entier positif (reçu \(rows))") }
    }

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let population = kind.kind.population(rows: rows, seed: seed)
            let progress = ProgressBar(
                label: common.language == .fr ? "Génération" : "Generating", language: common.language)
            try SyntheticWriter.write(population, to: out, threads: Self.threadCount(), progress: progress)
            if let schemaOut { try AtomicFile.write(population.schema.jsonText(), to: schemaOut) }
        }
    }

    /// The threads to use: `LANTERNE_THREADS` when set, otherwise every core.
    static func threadCount() -> Int {
        if let text = ProcessInfo.processInfo.environment["LANTERNE_THREADS"], let value = Int(text), value > 0 {
            return value
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }
}

/// The population names accepted on the command line.
enum PopulationArgument: String, ExpressibleByArgument, CaseIterable {
    case foyers, entreprises, candidats

    var kind: PopulationKind { PopulationKind(rawValue: rawValue)! }
}
