import Foundation
import LanterneCharts
import Testing

@Suite("SVG charts")
struct ChartsTests {
    @Test("Ticks are round steps of 1, 2 or 5 times a power of ten inside the interval")
    func ticks() {
        #expect(Scale(lower: 0, upper: 1, start: 0, end: 100).ticks(5) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(Scale(lower: -3, upper: 47, start: 0, end: 100).ticks(5) == [0, 10, 20, 30, 40])
        #expect(Scale(lower: 0, upper: 179_446, start: 0, end: 100).ticks(4) == [0, 50_000, 100_000, 150_000])
        let scale = Scale(lower: 2, upper: 2, start: 10, end: 30)
        #expect(scale.lower == 1 && scale.upper == 3)
        #expect(scale.position(2.5) == 25)
    }

    @Test("A bar chart: an accessible title and description, one bar and one label per value, escaped text")
    func bars() {
        let chart = BarChart(
            bars: [
                .init(label: "Parents <isolés>", value: 0.5, interval: 0.4...0.6, valueText: "0,5"),
                .init(label: "Autres", value: -0.25, valueText: "-0,25"),
            ], title: "Taux & écarts", description: "Deux groupes.", reference: 0.8, tickText: { "\($0)" })
        let svg = chart.svg(id: "taux", width: 400)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 84\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"taux-title taux-desc\""))
        #expect(svg.contains("<title id=\"taux-title\">Taux &amp; écarts</title>"))
        #expect(svg.contains(">Parents &lt;isolés&gt;</text>"))
        #expect(svg.components(separatedBy: "<rect ").count == 3)
        #expect(svg.contains("fill=\"#c9191e\"/>"))  // the negative bar
        #expect(svg.contains("stroke-dasharray=\"4 3\""))  // the reference line
        #expect(!svg.contains("<script"))
    }

    @Test("A step curve holds each value until the next point")
    func steps() {
        let chart = LineChart(
            points: [.init(x: 0, y: 0), .init(x: 1, y: 1), .init(x: 2, y: 0.5)], title: "t", description: "d",
            xLabel: "x", yLabel: "y", steps: true, xText: { "\($0)" }, yText: { "\($0)" })
        let svg = chart.svg(id: "c", width: 212, height: 240)
        // x maps 0...2 onto 56...200; y maps 0...1 onto 200...10.
        #expect(svg.contains("<path d=\"M56 200 H128 V10 H200 V105\""))
        #expect(svg.components(separatedBy: "<circle ").count == 4)
    }
}
