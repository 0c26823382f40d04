import Foundation
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneData
import LanterneStore
import Testing

@testable import LanterneServer

/// The demonstration's fill, on a small population so that it runs in a test.
@Suite("The demonstration fill")
struct DemoFillTests {
    @Test("An empty store gets five accounts, four published algorithms, an audit and demo.json readable by its owner")
    func fillsAnEmptyStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-demo-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await Store.open(.sqlite(path: folder.appendingPathComponent("demo.sqlite").path))
        try await store.closing {
            let demoPath = folder.appendingPathComponent("demo.json").path
            let fill = DemoFill(store: store, rows: 3000, baseURL: "http://127.0.0.1:8080", passwordCost: 4)
            #expect(try await fill.fillIfEmpty(demoFile: demoPath) == demoPath)

            let demo = try DemoFile.read(from: demoPath)
            #expect(demo.baseURL == "http://127.0.0.1:8080")
            #expect(demo.accounts.map(\.role).sorted() == ["admin", "agent", "agent", "auditor", "steward"])
            #expect(Set(demo.accounts.map(\.password)).count == 5)
            let permissions = try FileManager.default.attributesOfItem(atPath: demoPath)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            for account in demo.accounts {
                let user = try #require(try await store.users.find(username: account.username))
                #expect(user.role.rawValue == account.role)
                #expect(try await PasswordHasher(cost: 4).verify(account.password, hash: user.passwordHash))
            }

            let algorithms = try await store.algorithms.all()
            #expect(
                algorithms.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [
                    .accueil, .ciblage, .prediction, .selection,
                ])
            #expect(algorithms.allSatisfy { $0.status == .published })
            let targeting = try #require(algorithms.first { $0.kind == .ciblage })
            let audit = try #require(
                try await store.algorithms.latestAudit(of: targeting.id, version: targeting.publishedSHA256))
            #expect(audit.sha256 == targeting.publishedSHA256)
            #expect(audit.report.contains("\"gates\""))

            // Every step is in the log, and a publication past a failed gate carries its written justification.
            let entries = try await store.log.entries()
            #expect(entries.filter { $0.action == "user.create" }.count == 5)
            #expect(entries.filter { $0.action == "algorithm.publish" }.count == 4)
            let publication = try #require(
                entries.first { $0.action == "algorithm.publish" && $0.object == targeting.id })
            #expect(publication.details.contains("\"justification\"") == !audit.gatesPassed)
            #expect(try await store.log.verify().valid)

            // The register shows each failed gate with the justification, in JSON and on the page.
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/api/v1/algorithms/\(targeting.id)", method: .get) { response in
                    let entry = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    let overrides = try #require(entry?["overrides"] as? [[String: Any]])
                    #expect(overrides.isEmpty == audit.gatesPassed)
                    for override in overrides {
                        #expect((override["justification"] as? String)?.hasPrefix("Démonstration : ce modèle") == true)
                        #expect(override["log_sequence"] as? Int == publication.sequence)
                    }
                }
                // A second version, without the place of residence, is proposed and audited but not published; the
                // register compares it with the first.
                try await client.execute(uri: "/algorithmes/\(targeting.id)/comparaison", method: .get) {
                    response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(page.contains("Retirée : Département de résidence"))
                    #expect(page.contains("Retirée : Région de résidence"))
                    #expect(page.contains("taux de sélection (4/5)"))
                    #expect(page.contains("version 1 et version 2"))
                }
                try await client.execute(uri: "/algorithmes/\(targeting.id)/comparaison?de=1&a=9", method: .get) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/algorithmes/\(targeting.id)", method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(page.contains("Publié malgré un contrôle échoué") == !audit.gatesPassed)
                    #expect(page.contains("entre 0,8 et 1,25"))
                }
            }

            // The decision loop: a closed period of 4,000 households (100 proposed, 20 drawn, all decided, every control's
            // finding recorded), and the current one of 2,000 (40 proposed of which 4 drawn, eight decided with written
            // reasons, each with its notice); contests answered, overdue and waiting; two callbacks.
            let stored = try await store.cases.cases(algorithmID: targeting.id, sha256: targeting.publishedSHA256 ?? "")
            let past = stored.filter { $0.period == "2026-10" }
            #expect(past.count == 4_000)
            #expect(past.count(where: \.proposed) == 100)
            #expect(past.count(where: \.randomDraw) == 20)
            let period = stored.filter { $0.period == "2026-11" }
            #expect(period.count == 2_000)
            #expect(period.count(where: \.proposed) == 40)
            #expect(period.count(where: \.randomDraw) == 4)
            #expect(demo.sampleNotices.count == 8)
            let decided = try await store.cases.decisions().filter { $0.case.period == "2026-11" }
            #expect(decided.count == 8)
            let findings = try await store.cases.findings(algorithmID: targeting.id)
            #expect(findings.drawn == 24)
            // The draw's hit rate is the hidden truth's rate among the drawn households controlled, recomputed here.
            let controlled = Set(
                try await store.cases.decisions().filter { $0.decision.outcome == .control }.map(\.case.id))
            let drawnPast = past.filter { $0.randomDraw && controlled.contains($0.id) }
            #expect(findings.drawnControls == drawnPast.count)
            #expect(drawnPast.count >= 15)
            var irregular = 0
            let truthTable = try DemoData.table(HouseholdPopulation(rows: 4_000, seed: 3), blanksAsZero: nil)
            if case .boolean(let flags) = try #require(truthTable.column(named: "irregularite_reelle")).storage {
                for item in drawnPast {
                    let row = try #require(Int(item.reference.dropFirst("foyer ".count))) - 1
                    if flags.values[row] == 1 { irregular += 1 }
                }
            }
            #expect(findings.drawnFound == irregular)
            // The demo's card sets no threshold: a notice's threshold is the period's cut-off, the lowest score the
            // policy proposed by score.
            let cutoff = try #require(period.filter { $0.proposed && !$0.randomDraw }.map(\.score).min())
            let noticeRouter = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            try await Application(router: noticeRouter).test(.router) { client in
                try await client.execute(uri: "/api/v1" + demo.sampleNotices[0], method: .get) { response in
                    let notice = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(abs((notice?["threshold"] as? Double ?? -1) - cutoff) < 1e-12)
                }
            }
            #expect(Set(decided.map(\.decision.agent)) == ["agent1", "agent2"])
            #expect(decided.allSatisfy { !$0.decision.reason.isEmpty })
            for path in demo.sampleNotices {
                let token = String(path.dropFirst("/notices/".count))
                #expect(try await store.cases.notice(token: token) != nil)
            }
            let contests = try await store.contests.all()
            #expect(contests.count == 3)
            #expect(contests.count { $0.status == "answered" && $0.answeredBy != $0.decidingAgent } == 1)
            #expect(contests.count { $0.status == "open" && $0.dueAt < Timestamp.now() } == 1)
            let callbacks = try await store.callbacks.queue()
            #expect(callbacks.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.done, .toCall])

            // A second start keeps the data and the passwords.
            #expect(try await fill.fillIfEmpty(demoFile: demoPath) == nil)
            #expect(try DemoFile.read(from: demoPath) == demo)
        }
    }
}
