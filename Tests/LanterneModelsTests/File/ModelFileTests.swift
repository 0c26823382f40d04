import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("The model file: versioned JSON whose SHA-256 is checked on load")
struct ModelFileTests {
    static let model = AdditiveModel(
        features: [ModelFeature(name: "revenu"), ModelFeature(name: "situation", levels: ["a", "b"])],
        intercept: -1.25,
        terms: [
            AdditiveTerm(
                name: "revenu", input: .meanImputed(feature: 0, mean: 1500.5), cuts: [1000, 2000],
                scores: [0, -0.5, 0.1, 0.7]),
            AdditiveTerm(
                name: "situation", input: .feature(1), categories: [0, 1], categoryBins: [1, 2], scores: [0, 0.3, -0.3]),
        ])

    @Test("Write then load gives the same model and its version id")
    func roundTrip() throws {
        let document = ModelDocument(model: Self.model, origin: "test", label: "redressement", metrics: ["auc": 0.75])
        let (bytes, digest) = try ModelFile.encode(document)
        #expect(digest.count == 64)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"format\":\"lanterne-model\",\"version\":1,\"sha256\":\"\(digest)\",\"body\":{"))
        let (loaded, version) = try ModelFile.decode(bytes, file: "m.json")
        #expect(version == digest)
        #expect(loaded.additive == Self.model)
        #expect(loaded.metrics == ["auc": 0.75])
        #expect(loaded.label == "redressement")
        #expect(try ModelFile.encode(document).bytes == bytes)
    }

    @Test("A changed digit is refused with both fingerprints")
    func tampered() throws {
        var bytes = try ModelFile.encode(ModelDocument(model: Self.model, origin: "test")).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        let range = text.range(of: "-1.25")!
        bytes[text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound.samePosition(in: text.utf8)!) - 1] =
            UInt8(ascii: "6")
        do {
            _ = try ModelFile.decode(bytes, file: "m.json")
            Issue.record("a modified model must be refused")
        } catch let error as ModelError {
            guard case .tampered = error.kind else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(error.description.hasPrefix("m.json: le fichier modèle a été modifié ou tronqué"))
        }
    }

    @Test("A truncated file and a foreign file are refused")
    func truncatedAndForeign() throws {
        let bytes = try ModelFile.encode(ModelDocument(model: Self.model, origin: "test")).bytes
        let digest = String(decoding: bytes[49..<61], as: UTF8.self)
        for cut in [bytes.count / 2, bytes.count - 3] {
            do {
                _ = try ModelFile.decode(Array(bytes.prefix(cut)), file: "m.json")
                Issue.record("a file cut at \(cut) bytes must be refused")
            } catch let error as ModelError {
                #expect(
                    error.description
                        == "m.json: le fichier modèle s'arrête avant sa fin (copie ou téléchargement interrompu) ; "
                        + "reprenez la version publiée, d'empreinte SHA-256 \(digest)…")
            }
        }
        do {
            _ = try ModelFile.decode(Array("{\"learner\": {}}".utf8), file: "x.json")
            Issue.record("a foreign file must be refused")
        } catch let error as ModelError {
            #expect(error.description.hasPrefix("x.json: ce n'est pas un fichier modèle Lanterne"))
        }
    }

    @Test("SHA-256 matches the standard's test vectors")
    func sha256() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
