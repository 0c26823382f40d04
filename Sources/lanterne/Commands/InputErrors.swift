import ArgumentParser
import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body`; a mistake in the user's input is printed on one line to standard error and ends the process with
/// status 2, never with a stack trace.
/// - Parameters:
///   - language: the language of the message.
///   - interrupts: whether Ctrl-C removes the files being written and exits at once (not for the server, which
///     stops cleanly by itself).
///   - body: the command's work.
/// - Throws: `ExitCode(2)` after printing the message of a ``LocalizedMessage`` error; other errors unchanged.
func reportingInputErrors<T>(_ language: Language, interrupts: Bool = true, _ body: () async throws -> T)
    async throws -> T
{
    if interrupts { installInterruptHandler() }
    do {
        return try await body()
    } catch let error as any LocalizedMessage {
        printError(error.message(language))
        throw ExitCode(2)
    }
}

/// Prints one line on standard error, in place of a progress bar being drawn there (the bar comes back below it).
/// - Parameter line: the text.
func printError(_ line: String) {
    ProgressBar.eraseLine()
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// On Ctrl-C or SIGTERM, removes the temporary files being written, ends a progress bar's line, then exits with the
/// usual status.
///
/// The handler is async-signal-safe: ``TemporaryFiles/removeAll()`` only reads atomics and calls `unlink` on paths
/// copied in advance, ``ProgressBar/endLine()`` exchanges an atomic and writes one byte, and `_exit` ends the process
/// without running anything else; no allocation, no lock, no print.
private func installInterruptHandler() {
    TemporaryFiles.prepare()
    ProgressBar.prepare()
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber) { received in
            TemporaryFiles.removeAll()
            ProgressBar.endLine()
            _exit(128 + received)
        }
    }
}

/// An option that does not fit the files it is used with (a feature the model does not have, for instance).
struct OptionMismatch: LocalizedMessage {
    /// The option, as typed (`--fixed`).
    let option: String
    /// The French and English explanations.
    let french: String
    let english: String

    func message(_ language: Language) -> String {
        "\(option) : " + (language == .fr ? french : english)
    }
}
