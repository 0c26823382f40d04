import Foundation
import Hummingbird

/// `GET /api/openapi.json`: the OpenAPI 3.1 document of every route, shipped with the server.
struct OpenAPIController: Sendable {
    static let document: ByteBuffer = {
        guard let url = Bundle.module.url(forResource: "Public/openapi.json", withExtension: nil),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer(string: "{}") }
        return ByteBuffer(bytes: data)
    }()

    func addRoutes(to router: Router<LanterneContext>) {
        router.get("/api/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: Self.document))
        }
    }
}
