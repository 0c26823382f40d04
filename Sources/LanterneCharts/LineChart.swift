/// Curves of y against x (an effect curve, calibration curves by group), with points marked and optional steps.
/// Several curves are told apart by colour and by their dash and marker too, never by colour alone, and named in a
/// legend.
public struct LineChart: Sendable {
    /// One named curve.
    public struct Series: Sendable, Equatable {
        /// Its name in the legend.
        public var name: String
        /// Its points, in increasing x.
        public var points: [Point]

        /// Creates a curve.
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

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

    /// The curves (one, unnamed, for a single curve).
    public var series: [Series]
    /// The points of the first curve.
    public var points: [Point] { series.first?.points ?? [] }
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
        self.init(
            series: [Series(name: "", points: points)], title: title, description: description, xLabel: xLabel,
            yLabel: yLabel, steps: steps, diagonal: diagonal, xText: xText, yText: yText)
    }

    /// Creates a chart of several named curves.
    public init(
        series: [Series], title: String, description: String, xLabel: String, yLabel: String, steps: Bool = false,
        diagonal: Bool = false, xText: @escaping @Sendable (Double) -> String,
        yText: @escaping @Sendable (Double) -> String
    ) {
        self.series = series
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
        let named = series.count > 1
        // A legend line per curve under the axis title.
        let legendHeight = named ? Double(series.count) * 16 + 6 : 0
        let height = height + legendHeight
        let bottom = height - 40 - legendHeight
        let all = series.flatMap(\.points)
        let xs = all.map(\.x)
        var ys = all.map(\.y)
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
            "<text x=\"\(SVGText.coordinate((left + width) / 2))\" y=\"\(SVGText.coordinate(bottom + 34))\" "
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
        let colours = ["#000091", "#c9191e", "#18753c", "#716043", "#6a6af4", "#1b1b1b"]
        let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]
        for (number, curve) in series.enumerated() {
            let colour = colours[number % colours.count]
            let dash = dashes[number % dashes.count]
            var path: [String] = []
            for (index, point) in curve.points.enumerated() {
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
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            if !path.isEmpty {
                svg +=
                    "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" "
                    + "stroke-width=\"2\"\(dashAttribute)/>\n"
            }
            for point in curve.points {
                svg += marker(
                    number, x: xScale.position(point.x), y: yScale.position(point.y), colour: colour)
            }
            if named {
                let y = bottom + 40 + Double(number) * 16 + 8
                svg +=
                    "<line x1=\"\(SVGText.coordinate(left))\" y1=\"\(SVGText.coordinate(y))\" "
                    + "x2=\"\(SVGText.coordinate(left + 28))\" y2=\"\(SVGText.coordinate(y))\" stroke=\"\(colour)\" "
                    + "stroke-width=\"2\"\(dashAttribute)/>\n"
                svg += marker(number, x: left + 14, y: y, colour: colour)
                svg +=
                    "<text x=\"\(SVGText.coordinate(left + 36))\" y=\"\(SVGText.coordinate(y))\" dy=\"4\">"
                    + "\(SVGText.escaped(curve.name))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// A point's marker: a circle, a square, a triangle or a diamond, by curve.
    private func marker(_ number: Int, x: Double, y: Double, colour: String) -> String {
        let cx = SVGText.coordinate(x)
        let cy = SVGText.coordinate(y)
        switch number % 4 {
        case 1:
            return "<rect x=\"\(SVGText.coordinate(x - 2.5))\" y=\"\(SVGText.coordinate(y - 2.5))\" width=\"5\" "
                + "height=\"5\" fill=\"\(colour)\"/>\n"
        case 2:
            return "<path d=\"M\(cx) \(SVGText.coordinate(y - 3.5)) L\(SVGText.coordinate(x + 3.5)) "
                + "\(SVGText.coordinate(y + 2.5)) L\(SVGText.coordinate(x - 3.5)) \(SVGText.coordinate(y + 2.5)) Z\" "
                + "fill=\"\(colour)\"/>\n"
        case 3:
            return "<path d=\"M\(cx) \(SVGText.coordinate(y - 3.5)) L\(SVGText.coordinate(x + 3.5)) \(cy) "
                + "L\(cx) \(SVGText.coordinate(y + 3.5)) L\(SVGText.coordinate(x - 3.5)) \(cy) Z\" fill=\"\(colour)\"/>\n"
        default:
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"2.5\" fill=\"\(colour)\"/>\n"
        }
    }
}
