import Foundation

extension KnowledgeBase {
    /// Refuses an article that cannot be published on `day`: its facts apply to a tax year that has ended and it has
    /// not been checked again in `day`'s year (a check this year lifts the refusal until the year ends), or its check
    /// date is after `day` (a check it cannot have had yet).
    /// - Parameters:
    ///   - article: the article.
    ///   - file: its file, named in the error.
    ///   - day: the day of publication, `AAAA-MM-JJ`.
    /// - Throws: ``KnowledgeBaseError`` naming the file and the field (`checked` or `applies_to`).
    public static func checkDates(_ article: Article, file: String, asOf day: String) throws {
        guard DateParsing.isDay(day), let year = Int(day.prefix(4)) else {
            throw KnowledgeBaseError(.invalid(field: "date", value: day, expected: "une date AAAA-MM-JJ"), file: file)
        }
        // `AAAA-MM-JJ` strings compare as the days they name.
        if article.checked > day {
            throw KnowledgeBaseError(
                .invalid(field: "checked", value: article.checked, expected: "une date passée (au plus le \(day))"),
                file: file)
        }
        if let taxYear = article.taxYear, taxYear < year, Int(article.checked.prefix(4)) ?? 0 < year {
            throw KnowledgeBaseError(
                .pastTaxYear(taxYear, checked: article.checked, asOf: day), file: file)
        }
    }

    /// Today's date, `AAAA-MM-JJ`, in the machine's time zone: the day `lanterne assistant index` publishes for.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
