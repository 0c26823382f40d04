/// Horizontal bars, one per labelled value, with an optional interval drawn as a whisker: importances,
/// contributions, rates by group.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// The label on the left.
        public var label: String
        /// The value (bars start at zero).
        public var value: Double
        /// The interval around the value, if known.
        public var interval: ClosedRange<Double>?
        /// The text written at the end of the bar (the value, formatted by the caller).
        public var valueText: String

        /// Creates a bar.
        public init(label: String, value: Double, interval: ClosedRange<Double>? = nil, valueText: String) {
            self.label = label
            self.value = value
            self.interval = interval
            self.valueText = valueText
        }
    }

    /// The bars, top to bottom.
    public var bars: [Bar]
    /// The chart's accessible title.
    public var title: String
    /// A sentence saying what the chart shows, for people who cannot see it.
    public var description: String
    /// How tick values are written.
    public var tickText: @Sendable (Double) -> String
    /// A vertical reference line (a rule's limit, 0.8 for the four-fifths rule), if any.
    public var reference: Double?

    /// Creates a bar chart.
    public init(
        bars: [Bar], title: String, description: String, reference: Double? = nil,
        tickText: @escaping @Sendable (Double) -> String
    ) {
        self.bars = bars
        self.title = title
        self.description = description
        self.reference = reference
        self.tickText = tickText
    }

    /// The chart as an SVG element.
    /// - Parameters:
    ///   - id: a prefix for the element ids, unique in the page.
    ///   - width: the width in pixels.
    /// - Returns: the `<svg>` text.
    public func svg(id: String, width: Double = 640) -> String {
        let labelWidth = min(260, Double(bars.map(\.label.count).max() ?? 0) * 6.5 + 12)
        let rowHeight = 24.0
        let top = 8.0
        let height = top + Double(bars.count) * rowHeight + 28
        var values = bars.flatMap {
            [$0.value, $0.interval?.lowerBound ?? $0.value, $0.interval?.upperBound ?? $0.value]
        }
        values.append(0)
        if let reference { values.append(reference) }
        let scale = Scale(
            lower: values.min()!, upper: values.max()!, start: labelWidth, end: width - 70)
        var svg = SVGText.header(width: width, height: height, id: id, title: title, description: description)
        let axisY = top + Double(bars.count) * rowHeight
        for tick in scale.ticks() {
            let x = SVGText.coordinate(scale.position(tick))
            svg +=
                "<line x1=\"\(x)\" y1=\"\(SVGText.coordinate(top))\" x2=\"\(x)\" y2=\"\(SVGText.coordinate(axisY))\" "
                + "stroke=\"#dddddd\"/>\n"
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGText.coordinate(axisY + 16))\" text-anchor=\"middle\" fill=\"#3a3a3a\">"
                + "\(SVGText.escaped(tickText(tick)))</text>\n"
        }
        let zero = scale.position(0)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let end = scale.position(bar.value)
            let color = bar.value >= 0 ? "#000091" : "#c9191e"
            svg +=
                "<text x=\"\(SVGText.coordinate(labelWidth - 6))\" y=\"\(SVGText.coordinate(y + 16))\" "
                + "text-anchor=\"end\">\(SVGText.escaped(bar.label))</text>\n"
            svg +=
                "<rect x=\"\(SVGText.coordinate(min(zero, end)))\" y=\"\(SVGText.coordinate(y + 5))\" "
                + "width=\"\(SVGText.coordinate(abs(end - zero)))\" height=\"14\" fill=\"\(color)\"/>\n"
            if let interval = bar.interval {
                let low = SVGText.coordinate(scale.position(interval.lowerBound))
                let high = SVGText.coordinate(scale.position(interval.upperBound))
                let middle = SVGText.coordinate(y + 12)
                svg +=
                    "<line x1=\"\(low)\" y1=\"\(middle)\" x2=\"\(high)\" y2=\"\(middle)\" stroke=\"#1b1b1b\" "
                    + "stroke-width=\"1.5\"/>\n"
                for x in [low, high] {
                    svg +=
                        "<line x1=\"\(x)\" y1=\"\(SVGText.coordinate(y + 7))\" x2=\"\(x)\" "
                        + "y2=\"\(SVGText.coordinate(y + 17))\" stroke=\"#1b1b1b\" stroke-width=\"1.5\"/>\n"
                }
            }
            let textX = max(end, bar.interval.map { scale.position($0.upperBound) } ?? end, zero) + 4
            svg +=
                "<text x=\"\(SVGText.coordinate(textX))\" y=\"\(SVGText.coordinate(y + 16))\">"
                + "\(SVGText.escaped(bar.valueText))</text>\n"
        }
        svg +=
            "<line x1=\"\(SVGText.coordinate(zero))\" y1=\"\(SVGText.coordinate(top))\" "
            + "x2=\"\(SVGText.coordinate(zero))\" y2=\"\(SVGText.coordinate(axisY))\" stroke=\"#1b1b1b\"/>\n"
        if let reference {
            let x = SVGText.coordinate(scale.position(reference))
            svg +=
                "<line x1=\"\(x)\" y1=\"\(SVGText.coordinate(top))\" x2=\"\(x)\" y2=\"\(SVGText.coordinate(axisY))\" "
                + "stroke=\"#c9191e\" stroke-dasharray=\"4 3\"/>\n"
        }
        return svg + "</svg>\n"
    }
}
