import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress bar for long work, drawn on standard error when it is a terminal and never otherwise.
///
/// The work is counted in units (rows, cases, rounds, replicates…): the engine doing it sets the total with
/// ``start(total:)``, calls ``advance(by:)`` as units are done, from any thread, and ``finish()`` at the end. The bar
/// is one line, redrawn in place at most ten times a second:
///
///     Explication  [########············]  42 %  · reste 12 s
///
/// French by default, English on request (`Explaining  […]  42 %  · 12 s left`). The first frame is drawn as soon as
/// the total is known and the last one, at 100 %, by ``finish()``, followed by a new line; so a terminal always
/// receives both. When standard error is not a terminal (a pipe, a file), nothing at all is written, so piped output
/// is the same with and without a bar. A bar never changes the work itself: engines only count on it.
public final class ProgressBar: Sendable {
    /// What the work is, first on the line (« Explication »).
    public let label: String
    /// The language of the remaining time.
    public let language: Language
    /// Whether the bar writes anything: its descriptor is a terminal.
    public let isDrawing: Bool
    private let descriptor: Int32
    private let state: Mutex<State>

    /// The most frames a second.
    static let framesPerSecond = 10
    /// The number of cells of the bar.
    static let width = 20

    private struct State: Sendable {
        var total = 0
        var done = 0
        var started: ContinuousClock.Instant? = nil
        var lastFrame: ContinuousClock.Instant? = nil
        var finished = false
    }

    /// Whether a bar's line is on the terminal now, unfinished: a message printed then must first erase it.
    private static let onScreen = Atomic<Bool>(false)

    /// Creates a bar on standard error, drawn only if standard error is a terminal.
    /// - Parameters:
    ///   - label: what the work is, in `language` (« Explication », "Explaining").
    ///   - language: the language of the remaining time.
    public convenience init(label: String, language: Language = .fr) {
        self.init(label: label, language: language, descriptor: 2, drawing: isatty(2) == 1)
    }

    /// Creates a bar on any descriptor, drawn or not as the caller says (for tests, or a caller that knows its
    /// terminal).
    /// - Parameters:
    ///   - label: what the work is.
    ///   - language: the language of the remaining time.
    ///   - descriptor: where frames go.
    ///   - drawing: whether to write them at all.
    public init(label: String, language: Language, descriptor: Int32, drawing: Bool) {
        self.label = label
        self.language = language
        self.descriptor = descriptor
        self.isDrawing = drawing
        self.state = Mutex(State())
    }

    /// Sets how many units the work has and draws the first frame at once (0 % the first time).
    /// - Parameter total: the number of units; the bar stays silent while it is 0.
    public func start(total: Int) {
        guard isDrawing else { return }
        state.withLock { state in
            guard !state.finished else { return }
            state.total = max(0, total)
            state.done = min(state.done, state.total)
            guard state.total > 0 else { return }
            let now = ContinuousClock.now
            if state.started == nil { state.started = now }
            draw(&state, now: now)
        }
    }

    /// Counts units as done; redraws when the last frame is a tenth of a second old or was erased.
    /// - Parameter units: how many units were just finished.
    public func advance(by units: Int = 1) {
        guard isDrawing else { return }
        state.withLock { state in
            guard !state.finished, state.total > 0 else { return }
            state.done = min(state.total, state.done + units)
            let now = ContinuousClock.now
            if let last = state.lastFrame, Self.onScreen.load(ordering: .relaxed),
                now - last < .milliseconds(1000 / Self.framesPerSecond)
            {
                return
            }
            draw(&state, now: now)
        }
    }

    /// Draws the 100 % frame and ends the line; later calls do nothing. A bar whose total was never set stays
    /// silent.
    public func finish() {
        guard isDrawing else { return }
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            guard state.total > 0 else { return }
            state.done = state.total
            draw(&state, now: ContinuousClock.now)
            Self.onScreen.store(false, ordering: .relaxed)
            writeAll(descriptor, Array("\n".utf8))
        }
    }

    private func draw(_ state: inout State, now: ContinuousClock.Instant) {
        var remaining: Double? = nil
        if state.done >= state.total {
            remaining = 0
        } else if state.done > 0, let started = state.started {
            let elapsed = now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            remaining = seconds / Double(state.done) * Double(state.total - state.done)
        }
        let line = Self.frame(
            label: label, done: state.done, total: state.total, remaining: remaining, language: language)
        state.lastFrame = now
        Self.onScreen.store(true, ordering: .relaxed)
        writeAll(descriptor, Array(("\r" + line + "\u{1B}[K").utf8))
    }

    /// The text of one frame.
    /// - Parameters:
    ///   - label: what the work is.
    ///   - done: the units done.
    ///   - total: all the units (at least 1).
    ///   - remaining: the estimated seconds left, or `nil` before any unit is done.
    ///   - language: French or English.
    /// - Returns: `label  [#####···············]  25 %  · reste 3 s`.
    public static func frame(label: String, done: Int, total: Int, remaining: Double?, language: Language)
        -> String
    {
        let share = total > 0 ? Double(min(max(0, done), total)) / Double(total) : 1
        let filled = Int((share * Double(width)).rounded(.down))
        let percent = String(Int((share * 100).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        let time = remaining.map { duration($0, language: language) } ?? "…"
        let left = language == .fr ? "reste \(time)" : "\(time) left"
        return label + "  [" + bar + "]  " + String(repeating: " ", count: 3 - percent.count) + percent + " %  · "
            + left
    }

    /// A remaining time: `12 s`, `3 min 05 s`, `1 h 07 min`.
    /// - Parameters:
    ///   - seconds: the seconds.
    ///   - language: French or English.
    /// - Returns: the text.
    public static func duration(_ seconds: Double, language: Language) -> String {
        let whole = seconds.isFinite ? Int(max(0, seconds).rounded(.up)) : 0
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
        return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min"
    }

    /// Erases an unfinished bar's line, so that a message can be printed in its place; the bar is drawn again
    /// below it at its next step. Does nothing when no bar is on the terminal.
    ///
    /// Async-signal-safe once ``prepare()`` has run: an atomic exchange and `write`.
    public static func eraseLine() {
        guard onScreen.exchange(false, ordering: .relaxed) else { return }
        // "\r" then "erase to the end of the line".
        let bytes: (UInt8, UInt8, UInt8, UInt8) = (13, 27, 91, 75)
        withUnsafeBytes(of: bytes) { _ = write(2, $0.baseAddress, 4) }
    }

    /// Ends an unfinished bar's line as it is, for a process about to exit (on Ctrl-C). Does nothing when no bar
    /// is on the terminal.
    ///
    /// Async-signal-safe once ``prepare()`` has run: an atomic exchange and `write`.
    public static func endLine() {
        guard onScreen.exchange(false, ordering: .relaxed) else { return }
        var newline: UInt8 = 10
        _ = write(2, &newline, 1)
    }

    /// Makes the shared state that ``eraseLine()`` and ``endLine()`` read; call it before installing a signal
    /// handler that calls them.
    public static func prepare() {
        _ = onScreen.load(ordering: .relaxed)
    }
}

/// Writes every byte to `descriptor`, retrying on interruptions; a terminal that refuses them is ignored.
private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            offset += n
        }
    }
}
