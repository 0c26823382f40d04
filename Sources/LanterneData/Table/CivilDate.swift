/// A proleptic Gregorian calendar date and time of day, without time zone.
public struct CivilDate: Sendable, Equatable {
    /// The year, e.g. 2024.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int
    /// Seconds since midnight, 0 to 86,399.
    public var secondOfDay: Int

    /// Creates a date.
    /// - Parameters:
    ///   - year: the year.
    ///   - month: 1 to 12.
    ///   - day: 1 to 31.
    ///   - secondOfDay: seconds since midnight.
    public init(year: Int, month: Int, day: Int, secondOfDay: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.secondOfDay = secondOfDay
    }

    /// Whether `day` exists in `month` of `year`.
    /// - Parameters:
    ///   - year: the year.
    ///   - month: 1 to 12.
    ///   - day: the day to check.
    /// - Returns: `true` for a real calendar day.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = month == 2 && leap ? 29 : lengths[month - 1]
        return day <= length
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days-from-civil algorithm).
    /// - Parameters:
    ///   - year: the year.
    ///   - month: 1 to 12.
    ///   - day: 1 to 31.
    /// - Returns: the day number, negative before 1970.
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since 1970-01-01 00:00:00 of this date and time.
    public var secondsSince1970: Int64 {
        Int64(CivilDate.daysSince1970(year: year, month: month, day: day)) * 86_400 + Int64(secondOfDay)
    }

    /// Creates the civil date of a number of seconds since 1970.
    /// - Parameter secondsSince1970: seconds since 1970-01-01 00:00:00.
    public init(secondsSince1970: Int64) {
        var days = secondsSince1970 / 86_400
        var second = secondsSince1970 % 86_400
        if second < 0 {
            second += 86_400
            days -= 1
        }
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day, secondOfDay: Int(second))
    }
}
