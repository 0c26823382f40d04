/// A curve of y against x (an effect curve, a calibration curve), with points marked and optional steps.
public struct LineChart: Sendable {
    /// One point.
    public struct Point: Sendable, Equatable {
        /// The horizontal value.
        public var x: Double
        /// The vertical value.
        public var y: Double

        /// Creates a point.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The points, in increasing x.
    public var points: [Point]
    /// The accessible title.
    public var title: String
    /// A sentence saying what the chart shows.
    public var description: String
    /// The horizontal axis's name.
    public var xLabel: String
    /// The vertical axis's name.
    public var yLabel: String
    /// How x ticks are written.
    public var xText: @Sendable (Double) -> String
    /// How y ticks are written.
    public var yText: @Sendable (Double) -> String
    /// Whether the curve holds its value until the next point (a shape function of bins), rather than joining points.
    public var steps: Bool
    /// A diagonal y = x is drawn (calibration curves).
    public var diagonal: Bool

    /// Creates a line chart.
    public init(
        points: [Point], title: String, description: String, xLabel: String, yLabel: String, steps: Bool = false,
        diagonal: Bool = false, xText: @escaping @Sendable (Double) -> String,
        yText: @escaping @Sendable (Double) -> String
    ) {
        self.points = points
        self.title = title
        self.description = description
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.steps = steps
        self.diagonal = diagonal
        self.xText = xText
        self.yText = yText
    }

    /// The chart as an SVG element.
    /// - Parameters:
    ///   - id: a prefix for the element ids, unique in the page.
    ///   - width: the width in pixels.
    ///   - height: the height in pixels.
    /// - Returns: the `<svg>` text.
    public func svg(id: String, width: Double = 420, height: Double = 240) -> String {
        let left = 56.0
        let bottom = height - 40
        let xs = points.map(\.x)
        var ys = points.map(\.y)
        if diagonal { ys += xs }
        ys.append(0)
        let xScale = Scale(lower: xs.min() ?? 0, upper: xs.max() ?? 1, start: left, end: width - 12)
        let yScale = Scale(lower: ys.min()!, upper: ys.max()!, start: bottom, end: 10)
        var svg = SVGText.header(width: width, height: height, id: id, title: title, description: description)
        for tick in yScale.ticks(4) {
            let y = SVGText.coordinate(yScale.position(tick))
            svg +=
                "<line x1=\"\(SVGText.coordinate(left))\" y1=\"\(y)\" x2=\"\(SVGText.coordinate(width - 12))\" "
                + "y2=\"\(y)\" stroke=\"\(tick == 0 ? "#1b1b1b" : "#dddddd")\"/>\n"
            svg +=
                "<text x=\"\(SVGText.coordinate(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dy=\"4\" "
                + "fill=\"#3a3a3a\">\(SVGText.escaped(yText(tick)))</text>\n"
        }
        for tick in xScale.ticks(5) {
            let x = SVGText.coordinate(xScale.position(tick))
            svg +=
                "<text x=\"\(x)\" y=\"\(SVGText.coordinate(bottom + 16))\" text-anchor=\"middle\" fill=\"#3a3a3a\">"
                + "\(SVGText.escaped(xText(tick)))</text>\n"
        }
        svg +=
            "<text x=\"\(SVGText.coordinate((left + width) / 2))\" y=\"\(SVGText.coordinate(height - 6))\" "
            + "text-anchor=\"middle\">\(SVGText.escaped(xLabel))</text>\n"
        svg +=
            "<text x=\"12\" y=\"\(SVGText.coordinate(bottom / 2))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 12 \(SVGText.coordinate(bottom / 2)))\">\(SVGText.escaped(yLabel))</text>\n"
        if diagonal, let low = xs.min(), let high = xs.max() {
            svg +=
                "<line x1=\"\(SVGText.coordinate(xScale.position(low)))\" "
                + "y1=\"\(SVGText.coordinate(yScale.position(low)))\" "
                + "x2=\"\(SVGText.coordinate(xScale.position(high)))\" "
                + "y2=\"\(SVGText.coordinate(yScale.position(high)))\" stroke=\"#929292\" stroke-dasharray=\"4 3\"/>\n"
        }
        var path: [String] = []
        for (index, point) in points.enumerated() {
            let x = SVGText.coordinate(xScale.position(point.x))
            let y = SVGText.coordinate(yScale.position(point.y))
            if index == 0 {
                path.append("M\(x) \(y)")
            } else if steps {
                path.append("H\(x) V\(y)")
            } else {
                path.append("L\(x) \(y)")
            }
        }
        if !path.isEmpty {
            svg += "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"#000091\" stroke-width=\"2\"/>\n"
        }
        for point in points {
            svg +=
                "<circle cx=\"\(SVGText.coordinate(xScale.position(point.x)))\" "
                + "cy=\"\(SVGText.coordinate(yScale.position(point.y)))\" r=\"2.5\" fill=\"#000091\"/>\n"
        }
        return svg + "</svg>\n"
    }
}
