import LanterneData

/// A person's notice about an algorithmic decision, as content: rendered as plain text or HTML.
public struct Notice: Sendable, Equatable {
    /// One part of the notice.
    public struct Section: Sendable, Equatable {
        /// The heading.
        public var heading: String
        /// Paragraphs, each a few short sentences.
        public var paragraphs: [String]
        /// A table (header row first), if any: the person's data and their sources.
        public var table: Table?
        /// Numbered steps, if any.
        public var steps: [String]
        /// Paragraphs after the table or steps.
        public var closing: [String]
        /// A chart (an SVG element) the HTML form shows after the steps; the text form says the same in words.
        public var chart: String?

        /// Creates a section.
        public init(
            heading: String, paragraphs: [String], table: Table? = nil, steps: [String] = [], closing: [String] = [],
            chart: String? = nil
        ) {
            self.heading = heading
            self.paragraphs = paragraphs
            self.table = table
            self.steps = steps
            self.closing = closing
            self.chart = chart
        }
    }

    /// A small table with a caption and a header row.
    public struct Table: Sendable, Equatable {
        /// What the table shows.
        public var caption: String
        /// The column headings.
        public var header: [String]
        /// The rows, as many cells as headings.
        public var rows: [[String]]
    }

    /// The language of the text.
    public var language: Language
    /// The title.
    public var title: String
    /// Lines under the title: administration, case, date.
    public var lead: [String]
    /// The explicit mention and the four items.
    public var sections: [Section]
    /// Last lines: the legal basis, the model's version.
    public var footer: [String]
}
