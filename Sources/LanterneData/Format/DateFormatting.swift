/// Formats dates as ISO 8601 text.
public enum DateFormatting {
    /// `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` with `withTime`.
    /// - Parameters:
    ///   - date: the civil date.
    ///   - withTime: whether to write the time of day.
    /// - Returns: the text.
    public static func iso(_ date: CivilDate, withTime: Bool) -> String {
        var text = pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
        if withTime {
            let s = date.secondOfDay
            text += " " + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
