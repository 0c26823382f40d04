import ArgumentParser
import LanterneData

/// The `lanterne` command: every engine of Lanterne, on files.
@main
struct Lanterne: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lanterne",
        abstract: "Des algorithmes publics que l'on peut voir, comprendre et contester.",
        discussion: """
            Chaque calcul affiché par le site peut être refait ici, sur des fichiers.
            Exemple : lanterne synth foyers --rows 10000 --seed 1 --out foyers.csv
            """,
        subcommands: [SchemaCommand.self]
    )
}
