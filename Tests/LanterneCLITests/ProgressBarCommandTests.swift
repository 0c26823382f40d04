import Foundation
import Testing

/// Runs the built `lanterne` under a pseudo-terminal, with util-linux's `script`, and returns what the terminal
/// received (standard output and standard error, as a terminal shows them).
enum Terminal {
    /// `script`, when the system has it.
    static let script: String? = ["/usr/bin/script", "/bin/script"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Whether commands can run under a pseudo-terminal here.
    static var available: Bool { script != nil }

    /// `script -q -e -c "exec lanterne ARGUMENTS" /dev/null`: `lanterne` is `script`'s child, its exit status
    /// `script`'s.
    static func process(_ arguments: [String], in folder: URL) -> (process: Process, terminal: Pipe) {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script!)
        let command = ([LanterneProcess.executable.path] + arguments).map(quoted).joined(separator: " ")
        process.arguments = ["-q", "-e", "-c", "exec " + command, "/dev/null"]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        let terminal = Pipe()
        process.standardOutput = terminal
        process.standardError = FileHandle.nullDevice
        return (process, terminal)
    }

    /// Runs `lanterne` under a pseudo-terminal to its end.
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, terminal: String) {
        let (process, terminal) = process(arguments, in: folder)
        try process.run()
        let data = terminal.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("Progress bars on a terminal, nothing when piped")
struct ProgressBarCommandTests {
    /// Whether `text` holds a bar of `label` that reached 100 % with the remaining time's word.
    static func showsBar(_ text: String, label: String, word: String) -> Bool {
        text.contains(label + "  [") && text.contains("[####################]  100 %") && text.contains(word)
    }

    /// Whether piped standard error has any trace of a bar.
    static func hasNoBar(_ text: String) -> Bool {
        !text.utf8.contains(13) && !text.contains("[") && !text.contains(" %") && !text.contains("reste")
            && !text.contains("left")
    }

    static func bytes(_ folder: URL, _ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    @Test(
        "synth draws its bar to 100 % with the time left on a terminal, nothing when piped, the same bytes either way",
        .enabled(if: Terminal.available, "util-linux's script is needed for a pseudo-terminal"))
    func synth() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shown = try Terminal.run(
            ["synth", "foyers", "--rows", "20000", "--seed", "4", "--out", "tty.csv"], in: folder)
        #expect(shown.status == 0)
        #expect(Self.showsBar(shown.terminal, label: "Génération", word: "reste"))
        #expect(shown.terminal.contains("Génération  [····················]    0 %  · reste …"))
        let piped = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "20000", "--seed", "4", "--out", "pipe.csv"], in: folder)
        #expect(piped.status == 0)
        #expect(piped.standardError.isEmpty)
        #expect(try Self.bytes(folder, "tty.csv") == Self.bytes(folder, "pipe.csv"))
    }

    @Test(
        "train, score and explain draw their bars (in English with --lang en); piped, the same files and no bar",
        .enabled(if: Terminal.available, "util-linux's script is needed for a pseudo-terminal"))
    func trainScoreExplain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let synth = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "3000", "--seed", "2", "--out", "f.csv", "--schema-out", "s.json"],
            in: folder)
        #expect(synth.status == 0)
        func train(_ out: String) -> [String] {
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "gbdt", "--label", "irregularite_reelle", "--trees",
                "60", "--early-stopping", "0", "--out", out,
            ]
        }
        let trained = try Terminal.run(train("tty.json"), in: folder)
        #expect(trained.status == 0)
        #expect(Self.showsBar(trained.terminal, label: "Entraînement", word: "reste"))
        // The round lines and the summary are printed in place of the bar, never inside it.
        #expect(trained.terminal.contains("tour 50 : perte de validation"))
        #expect(trained.terminal.contains("tty.json : gbdt, 2400 lignes, AUC de validation"))
        let trainedPiped = try LanterneProcess.run(train("pipe.json"), in: folder)
        #expect(trainedPiped.status == 0)
        #expect(!trainedPiped.standardError.contains("Entraînement"))
        #expect(!trainedPiped.standardError.utf8.contains(13))
        #expect(try Self.bytes(folder, "tty.json") == Self.bytes(folder, "pipe.json"))

        for (command, label) in [("score", "Scoring"), ("explain", "Explaining")] {
            let arguments = [command, "tty.json", "f.csv", "--lang", "en", "--out"]
            let shown = try Terminal.run(arguments + ["tty-\(command).out"], in: folder)
            #expect(shown.status == 0)
            #expect(Self.showsBar(shown.terminal, label: label, word: "left"), "\(command)")
            let piped = try LanterneProcess.run(arguments + ["pipe-\(command).out"], in: folder)
            #expect(piped.status == 0)
            #expect(Self.hasNoBar(piped.standardError), "\(command)")
            #expect(try Self.bytes(folder, "tty-\(command).out") == Self.bytes(folder, "pipe-\(command).out"))
        }
    }

    @Test(
        "Ctrl-C while the bar is drawn ends its line and leaves neither the output nor a temporary file",
        .enabled(if: Terminal.available, "util-linux's script is needed for a pseudo-terminal"))
    func interruptWithBar() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, terminal) = Terminal.process(
            ["synth", "foyers", "--rows", "20000000", "--seed", "1", "--out", "big.csv"], in: folder)
        try process.run()
        #expect(temporaryFileAppears("big.csv.tmp-", in: folder))
        // Past the first frames; then Ctrl-C to `lanterne`, `script`'s only child (it was exec'd).
        Thread.sleep(forTimeInterval: 0.3)
        let pid = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        let child = children.split(separator: " ").compactMap { Int32($0) }.first
        #expect(child != nil)
        if let child { kill(child, SIGINT) } else { kill(pid, SIGKILL) }
        let text = String(decoding: terminal.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGINT)
        #expect(text.contains("Génération  ["))
        #expect(!text.contains("100 %"))
        // The terminal shows the handler's new line as "\r\n".
        #expect(text.utf8.last == 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
