import Foundation
import LanterneData

/// The model file: versioned JSON whose body's SHA-256 is the model's version id, checked on every load.
///
/// Layout: `{"format":"lanterne-model","version":1,"sha256":"<64 hex>","body":<body>}` and a line end, where the
/// digest covers exactly the bytes of `<body>`. Any change to the body, or a cut, is detected on load.
public enum ModelFile {
    /// The format's current version.
    public static let version = 1

    private static func prefix(_ digest: String) -> String {
        "{\"format\":\"lanterne-model\",\"version\":\(version),\"sha256\":\"\(digest)\",\"body\":"
    }

    /// The file's bytes and the model's version id.
    /// - Parameter document: the model and its metadata.
    /// - Returns: the bytes to write and the SHA-256 of the body.
    public static func encode(_ document: ModelDocument) throws -> (bytes: [UInt8], versionID: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let body = Array(try encoder.encode(document))
        let digest = SHA256.hex(of: body)
        return (Array(prefix(digest).utf8) + body + Array("}\n".utf8), digest)
    }

    /// Writes the model file atomically.
    /// - Parameters:
    ///   - document: the model and its metadata.
    ///   - path: the target file.
    /// - Returns: the model's version id.
    /// - Throws: ``OutputError``.
    @discardableResult
    public static func write(_ document: ModelDocument, to path: String) throws -> String {
        let (bytes, digest) = try encode(document)
        try AtomicFile.write(bytes, to: path)
        return digest
    }

    /// Reads and checks a model file.
    /// - Parameter path: the file.
    /// - Returns: the document and its version id.
    /// - Throws: ``ModelError`` when the file is not a model file, was modified or was cut, or its model is unsound.
    public static func load(path: String) throws -> (document: ModelDocument, versionID: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.notAModelFile(detail: "fichier introuvable ou illisible"), file: path)
        }
        return try decode(Array(data), file: path)
    }

    /// Whether JSON text stops before its end: inside a string, or with brackets or braces left open.
    static func isCut(_ json: [UInt8]) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in json {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return inString || depth > 0
    }

    /// Checks and decodes model file bytes.
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - file: the name used in messages.
    /// - Returns: the document and its version id.
    /// - Throws: ``ModelError``: not a model file, changed, cut, or unsound (``StructuralCheck``).
    public static func decode(_ bytes: [UInt8], file: String) throws -> (document: ModelDocument, versionID: String) {
        let sample = prefix(String(repeating: "0", count: 64))
        let head = Array("{\"format\":\"lanterne-model\",\"version\":".utf8)
        guard bytes.count > sample.utf8.count, Array(bytes.prefix(head.count)) == head else {
            throw ModelError(.notAModelFile(detail: "en-tête {\"format\":\"lanterne-model\"… absent"), file: file)
        }
        let digestStart = prefix("").utf8.count - "\",\"body\":".utf8.count
        let expected = String(decoding: bytes[digestStart..<(digestStart + 64)], as: UTF8.self)
        guard Array(bytes.prefix(sample.utf8.count)) == Array(prefix(expected).utf8) else {
            throw ModelError(
                .notAModelFile(detail: "version de format non prise en charge ou en-tête abîmé"), file: file)
        }
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 10 || bytes[end - 1] == 13 || bytes[end - 1] == 32) { end -= 1 }
        let bodyStart = sample.utf8.count
        guard end > bodyStart, bytes[end - 1] == UInt8(ascii: "}") else {
            throw ModelError(.truncated(expected: expected), file: file)
        }
        let body = Array(bytes[bodyStart..<(end - 1)])
        let found = SHA256.hex(of: body)
        guard found == expected else {
            // A body whose brackets do not close was cut (it may still end with a brace); otherwise it was changed.
            throw ModelError(
                isCut(body) ? .truncated(expected: expected) : .tampered(expected: expected, found: found), file: file)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let document = try decoder.decode(ModelDocument.self, from: Data(body))
            guard document.additive != nil || document.trees != nil || document.logistic != nil else {
                throw ModelError(.notAModelFile(detail: "aucun modèle dans le corps"), file: file)
            }
            // The digest says the file is the one published, not that its content is sound.
            try StructuralCheck.check(document, file: file)
            return (document, found)
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.notAModelFile(detail: "corps illisible (\(error))"), file: file)
        }
    }
}
