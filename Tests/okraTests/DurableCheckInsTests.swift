import Foundation
import Logging
import OKRCore
import OKRStore
import Testing

/// Group commit keeps `synchronous=FULL`: many check-ins share one transaction and one fsync, and each caller is
/// answered only after that commit. A burst of concurrent check-ins against the real binary, killed with -9 in the
/// middle, must leave every acknowledged check-in in the file, and each KR where its history leaves it.
@Suite("Durable check-ins under a burst and kill -9", .serialized)
struct DurableCheckInsTests {
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
        let burst = CheckInBurst()
        let clients = Task {
            await burst.run(url: url, token: token, keyResults: keyResults, clients: 32, steps: 1_000)
        }
        // Let the burst run until a good number is acknowledged (up to two minutes on a busy debug build), then
        // kill the server mid-flight.
        for _ in 0..<2_400 where burst.acknowledged.count < 150 { try await Task.sleep(for: .milliseconds(50)) }
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        await clients.value
        let acked = Set(burst.acknowledged)
        #expect(acked.count >= 150, "only \(acked.count) check-ins were acknowledged before the kill")

        let stored = try await CheckInBurst.stored(in: db, keyResults: keyResults)
        let lost = acked.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) acknowledged check-ins were lost")
    }
}
