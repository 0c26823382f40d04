import Foundation
import Hummingbird
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

extension JSONValue {
    /// The value as compact JSON text with sorted keys (how a card or a model file is stored).
    var compactText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// The steward's side of the register through the API: create an algorithm with its card, replace the card,
/// add a model version, trained here from a CSV and its schema (the same pipeline as `lanterne train`, with the
/// same messages) or imported as a Lanterne model file. Publication stays `POST …/publish`, through the gates.
extension AlgorithmsController {
    func addEditingRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("algorithms", use: create)
        group.put("algorithms/:id/card", use: replaceCard)
        group.post("algorithms/:id/models", use: addModel)
    }

    /// The card's JSON text, checked as `lanterne notice` checks it (422 `card_incomplete` naming the field).
    static func checkedCard(_ value: JSONValue?) throws -> String {
        guard let value, case .object = value else { throw APIError.malformed("champ « card » absent") }
        let text = value.compactText
        do {
            _ = try AlgorithmCard.decode(Data(text.utf8), file: "card")
        } catch let error as CardError {
            throw APIError(
                .unprocessableContent, code: "card_incomplete", french: error.message(.fr), english: error.message(.en))
        }
        return text
    }

    /// `{"name", "kind", "card"}` → 201 `{"id"}`: a draft, not yet in the public register.
    @Sendable func create(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let body = try await JSONBody.read(from: request, context: context)
        guard case .string(let name) = body["name"] ?? .null, !name.trimmingCharacters(in: .whitespaces).isEmpty,
            name.count <= 200
        else { throw APIError.malformed("champ « name » absent, vide ou de plus de 200 caractères") }
        guard case .string(let kindText) = body["kind"] ?? .null, let kind = AlgorithmKind(rawValue: kindText) else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "kind : accueil, ciblage, selection ou prediction",
                english: "kind: accueil, ciblage, selection or prediction")
        }
        let card = try Self.checkedCard(body["card"])
        let record = try await store.algorithms.create(name: name, kind: kind, card: card, actor: session.user.username)
        return JSONBody.text("{\"id\":\(JSONText.quoted(record.id)),\"status\":\"draft\"}", status: .created)
    }

    /// The card as JSON → 200; the published version keeps running, the register shows the new card.
    @Sendable func replaceCard(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: session)
        let card = try Self.checkedCard(try await JSONBody.read(from: request, context: context))
        try await store.algorithms.replaceCard(record.id, card: card, actor: session.user.username)
        return JSONBody.text("{\"id\":\(JSONText.quoted(record.id))}")
    }

    /// A new version: a Lanterne model file as the body (imported as it is, checked), or `{"train": {"data": CSV,
    /// "schema": schema, "kind": "logistic|gbdt|additive", "label"?, "seed"?}}` (trained here, up to 200,000 rows).
    /// 201 `{"number", "model_sha256", "metrics"}`; never published by this route.
    @Sendable func addModel(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: session)
        let (body, bytes) = try await JSONBody.readWithBytes(
            from: request, context: context, limit: JobsController.maxPopulationBytes)
        let desk = StewardDesk(store: store, models: models)
        let document: ModelDocument
        if case .string("lanterne-model") = body["format"] ?? .null {
            // A model file, sent as it is: its digest covers its exact text.
            document = try StewardDesk.importModel(bytes)
        } else if let train = body["train"], case .object = train {
            document = try await StewardDesk.train(
                try Self.trainingUpload(train), origin: "lanterne serve, POST /api/v1/algorithms/\(record.id)/models")
        } else {
            throw APIError.malformed(
                "il faut un fichier modèle Lanterne, ou « train » ({data, schema, kind})")
        }
        let added = try await desk.addVersion(document, to: record, actor: session.user.username)
        let metrics = added.metrics.keys.sorted().map {
            "\(JSONText.quoted($0)):\(JSONText.number(added.metrics[$0] ?? .nan))"
        }
        return JSONBody.text(
            "{\"metrics\":{" + metrics.joined(separator: ",") + "},\"model_sha256\":\(JSONText.quoted(added.sha256)),"
                + "\"number\":\(added.number)}", status: .created)
    }

    /// `{"data", "schema", "kind", "label"?, "seed"?}` as a training upload.
    static func trainingUpload(_ train: JSONValue) throws -> StewardDesk.TrainingUpload {
        guard case .string(let data) = train["data"] ?? .null else {
            throw APIError.malformed("champ « train.data » absent")
        }
        guard let schemaValue = train["schema"], case .object = schemaValue else {
            throw APIError.malformed("champ « train.schema » absent")
        }
        guard case .string(let kindText) = train["kind"] ?? .null, let kind = ModelKind(rawValue: kindText) else {
            throw APIError(
                .unprocessableContent, code: "invalid_field", french: "train.kind : logistic, gbdt ou additive",
                english: "train.kind: logistic, gbdt or additive")
        }
        var upload = StewardDesk.TrainingUpload(data: Array(data.utf8), schema: schemaValue.compactText, kind: kind)
        if case .string(let text) = train["label"] ?? .null { upload.label = text }
        if case .number(let number) = train["seed"] ?? .null, number >= 0, number == number.rounded() {
            upload.seed = UInt64(number)
        }
        return upload
    }
}
