import LanterneData
import LanterneExplain
import LanterneModels
import Testing

@Suite("A feature's value as a person reads it")
struct FeatureValueTextTests {
    @Test("A category's code is shown in the schema's words (« célibataire », « Hauts-de-France »), else as it is")
    func categoryWords() {
        let feature = ModelFeature(name: "region", levels: ["corse", "hauts_de_france"])
        let column = ColumnDescription(
            name: "region", role: .feature, type: .category, labels: ["hauts_de_france": "Hauts-de-France"])
        #expect(FeatureValueText.text(1, feature: feature, column: column, language: .fr) == "Hauts-de-France")
        #expect(FeatureValueText.text(0, feature: feature, column: column, language: .fr) == "corse")
        #expect(FeatureValueText.text(1, feature: feature, column: nil, language: .fr) == "hauts_de_france")
        #expect(FeatureValueText.text(.nan, feature: feature, column: column, language: .fr) == "non renseigné")
    }
}
