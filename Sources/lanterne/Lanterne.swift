import ArgumentParser
import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `lanterne` command: every engine of Lanterne, on files.
@main
struct Lanterne: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lanterne",
        abstract: "Des algorithmes publics que l'on peut voir, comprendre et contester.",
        discussion: """
            Chaque calcul affiché par le site peut être refait ici, sur des fichiers.
            Codes de sortie : 0 succès, 1 un contrôle a échoué, 2 entrée ou usage incorrect.
            Exemple : lanterne synth foyers --rows 10000 --seed 1 --out foyers.csv
            """,
        subcommands: [
            Synth.self, SchemaCommand.self, Train.self, Import.self, Score.self, Explain.self, NoticeCommand.self,
            AskCommand.self, AssistantCommand.self,
            SelectCommand.self, AuditCommand.self, Simulate.self,
            ModelCommand.self, PublishCommand.self, RegisterCommand.self, ServeCommand.self, LogCommand.self,
        ]
    )

    /// Parses the arguments and runs the command; a usage mistake prints one line and exits with status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = self.message(for: error).replacingOccurrences(of: "\n", with: " ")
                printError(message + " (voir lanterne --help)")
                exitProcess(2)
            }
            self.exit(withError: error)
        }
    }
}

/// Ends the process at once with `status`: the C library's `exit`, which the command's own `exit` hides.
/// - Parameter status: the exit status.
private func exitProcess(_ status: Int32) -> Never {
    exit(status)
}
