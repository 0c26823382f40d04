import Foundation

/// Times as the store keeps them: ISO 8601 in UTC to the millisecond (`2026-12-06T07:22:49.123Z`), text that sorts
/// in time order and hashes to the same bytes on every database.
public enum Timestamp {
    /// The text of `date`.
    /// - Parameter date: a moment.
    /// - Returns: its ISO 8601 text in UTC.
    public static func text(_ date: Date) -> String {
        style.format(date)
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The text of the present moment.
    public static func now() -> String { text(Date()) }

    /// Reads a stored time.
    /// - Parameter text: ISO 8601 text as written by ``text(_:)``.
    /// - Returns: the moment, or `nil` when the text is not one.
    public static func date(_ text: String) -> Date? {
        try? style.parse(text)
    }
}
