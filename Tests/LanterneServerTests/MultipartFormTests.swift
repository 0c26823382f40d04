import Foundation
import Testing

@testable import LanterneServer

@Suite("Reading multipart/form-data bodies (RFC 7578)")
struct MultipartFormTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("Fields and a file as Chromium sends them: names, file name, bytes with their own line ends kept")
    func browserBody() throws {
        let body =
            "------WebKitFormBoundaryAbc123\r\n"
            + "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            + "jeton\r\n"
            + "------WebKitFormBoundaryAbc123\r\n"
            + "Content-Disposition: form-data; name=\"data\"; filename=\"foyers 2026.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "id,age\r\n1,40\r\n2,51\n\r\n"
            + "------WebKitFormBoundaryAbc123\r\n"
            + "Content-Disposition: form-data; name=\"vide\"; filename=\"\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "\r\n"
            + "------WebKitFormBoundaryAbc123--\r\n"
        let form = try MultipartForm.parse(Self.bytes(body), boundary: "----WebKitFormBoundaryAbc123")
        #expect(form.parts.map(\.name) == ["csrf", "data", "vide"])
        #expect(form.text("csrf") == "jeton")
        let file = try #require(form.file("data"))
        #expect(file.filename == "foyers 2026.csv")
        #expect(file.bytes == Self.bytes("id,age\r\n1,40\r\n2,51\n"))
        // A file field left empty reads as no file.
        #expect(form.file("vide") == nil)
        #expect(form.part("vide")?.filename == "")
    }

    @Test("The boundary comes from the content type, quoted or not; other types are not multipart")
    func boundaries() {
        #expect(MultipartForm.boundary("multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartForm.boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c\"") == "a b:c")
        #expect(MultipartForm.boundary("application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary("multipart/form-data") == nil)
        #expect(MultipartForm.boundary("multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test("A quoted name with an escaped quote and a semicolon is read whole")
    func quotedNames() throws {
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"a\\\"b;c\"; filename=\"x.json\"\r\n\r\n{}\r\n--b--\r\n"
        let form = try MultipartForm.parse(Self.bytes(body), boundary: "b")
        #expect(form.parts.map(\.name) == ["a\"b;c"])
        #expect(form.parts.first?.filename == "x.json")
        #expect(form.parts.first?.text == "{}")
    }

    @Test("Malformed bodies are refused with a 400 saying what is wrong")
    func malformed() {
        let cases: [(String, String)] = [
            ("no delimiter at all", "délimiteur absent"),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvaleur sans fin", "partie non terminée"),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"", "en-têtes d'une partie non terminés"),
            ("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "partie sans Content-Disposition"),
        ]
        for (body, message) in cases {
            #expect {
                try MultipartForm.parse(Self.bytes(body), boundary: "b")
            } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.status == .badRequest && error.message(.fr).contains(message)
            }
        }
        let many = (0...MultipartForm.maxParts).map {
            "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\nx\r\n"
        }
        #expect(throws: APIError.self) {
            try MultipartForm.parse(Self.bytes(many.joined() + "--b--\r\n"), boundary: "b")
        }
    }
}
