import Foundation
import LanterneExplain
import Testing

@Suite("The score route's JSON")
struct CaseExplanationJSONTests {
    @Test("CaseExplanation.json is the document a JSONEncoder with sorted keys writes, byte for byte")
    func sameBytesAsJSONEncoder() throws {
        let explanation = CaseExplanation(
            score: 0.0787361931306643, logit: -2.459643493485434, base: -4.629729964947686,
            contributions: [
                ("taille", -1.2848024981635516e-05), ("secteur", 0.19880872655480564), ("région", 2),
                ("Zone \"A\"/B", -0.5), ("age", 0),
            ], missing: ["dette_sociale", "effectif"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(explanation), as: UTF8.self) + "\n"
        #expect(explanation.json == expected)
        let start = #"{"base":-4.629729964947686,"contributions":{"Zone \"A\"/B":-0.5,"age":0,"#
        #expect(explanation.json.hasPrefix(start))
    }
}
