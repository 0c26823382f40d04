import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneServer
import LanterneStore
import Testing

@Suite("Rate limits on the public forms")
struct RateLimitTests {
    @Test("Past its minute's budget an address gets 429 with Retry-After on the public forms, and only there")
    func budgetPerAddress() async throws {
        let fixture = try await ServerFixture.shared.get()
        let router = try await LanterneServer.router(
            store: fixture.store, configuration: ServerConfiguration(passwordCost: 4, publicRequestsPerMinute: 3),
            assistant: Assistant(base: try KnowledgeBase.shipped()))
        let token = try await fixture.token("agent")
        try await Application(router: router).test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let ask = ByteBuffer(string: #"{"question": "taux neutre"}"#)
            var statuses: [Int] = []
            for _ in 0..<4 {
                try await client.execute(uri: "/api/v1/ask", method: .post, headers: json, body: ask) { response in
                    statuses.append(Int(response.status.code))
                    if response.status == .tooManyRequests {
                        // One request comes back every 20 s at 3 a minute (less the time the first three took).
                        #expect((1...20).contains(Int(response.headers[.retryAfter] ?? "") ?? 0))
                        #expect(String(buffer: response.body).contains("\"code\":\"rate_limited\""))
                    }
                }
            }
            #expect(statuses == [200, 200, 200, 429])
            // The same address's budget covers signing in…
            let credentials = ByteBuffer(string: #"{"username": "agent", "password": "x"}"#)
            try await client.execute(uri: "/api/v1/session", method: .post, headers: json, body: credentials) {
                #expect($0.status == .tooManyRequests)
            }
            // …but not reading the register, nor the work of someone signed in.
            try await client.execute(uri: "/algorithmes", method: .get) { #expect($0.status == .ok) }
            var scoring = json
            scoring[.authorization] = "Bearer \(token)"
            try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/score", method: .post, headers: scoring,
                body: ByteBuffer(string: #"{"case": {"age": 40}}"#)
            ) { #expect($0.status == .ok) }
        }
    }
}
