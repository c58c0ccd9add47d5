import Foundation
import Logging
import OKRCore
import OKRStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Group commit keeps `synchronous=FULL`: many check-ins share one transaction and one fsync, and each caller is
/// answered only after that commit. A burst of concurrent check-ins against the real binary, killed with -9 in the
/// middle, must leave every acknowledged check-in in the file, and each KR where its history leaves it.
@Suite("Durable check-ins under a burst and kill -9", .serialized)
struct DurableCheckInsTests {
    /// Acknowledged check-in ids, collected by the concurrent clients.
    final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String] = []
        func add(_ id: String) { lock.withLock { ids.append(id) } }
        var all: [String] { lock.withLock { ids } }
    }

    @Test("Every check-in acknowledged (201) before the crash is stored after it")
    func burstThenKill() async throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.db").path
        let server = try Binary.start(["demo", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "the demo printed no URL: \(server.output)")
        let token = try Binary.run(["token", "create", "--db", db, "--email", "nam@okra.demo"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!token.isEmpty)
        // Nam owns both (increase KRs).
        let keyResults = ["kr-nam-ctr", "kr-mkt-email"]
        let acknowledged = Acknowledged()
        let session = URLSession(configuration: .ephemeral)

        let clients = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<32 {
                    group.addTask {
                        for step in 0..<1_000 {
                            let kr = keyResults[(client + step) % keyResults.count]
                            var request = URLRequest(
                                url: url.appendingPathComponent("api/v1/key-results/\(kr)/check-ins"))
                            request.httpMethod = "POST"
                            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                            request.httpBody = Data(
                                #"{"value": \#(100 + (client * 7 + step) % 60), "confidence": 7, "note": "burst \#(client)-\#(step)"}"#
                                    .utf8)
                            guard let (data, response) = try? await session.data(for: request) else { return }
                            guard (response as? HTTPURLResponse)?.statusCode == 201,
                                let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                                let checkIn = body["check_in"] as? [String: Any], let id = checkIn["id"] as? String
                            else { continue }
                            acknowledged.add(id)
                        }
                    }
                }
            }
        }
        // Let the burst run until a good number is acknowledged (up to two minutes on a busy debug build), then
        // kill the server mid-flight.
        for _ in 0..<2_400 where acknowledged.all.count < 150 { try await Task.sleep(for: .milliseconds(50)) }
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        await clients.value
        let acked = Set(acknowledged.all)
        #expect(acked.count >= 150, "only \(acked.count) check-ins were acknowledged before the kill")

        var logger = Logger(label: "okra.tests.durable")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(.sqlite(path: db), logger: logger)
        do {
            let store = OKRStore(database)
            var stored = Set<String>()
            for kr in keyResults {
                let history = try await store.checkIns(keyResult: KeyResultID(kr))
                stored.formUnion(history.map(\.id.rawValue))
                // The KR stands where its effective history leaves it: no half-applied check-in.
                let standing = try #require(try await store.keyResult(id: KeyResultID(kr))).value
                #expect(standing.current == CheckIn.effective(history).last?.value)
            }
            let lost = acked.subtracting(stored)
            #expect(lost.isEmpty, "\(lost.count) acknowledged check-ins were lost")
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}
