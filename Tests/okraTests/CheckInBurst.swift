import Foundation
import Logging
import OKRCore
import OKRStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Many API clients checking in at once on the real binary, collecting the ids of the check-ins the server
/// acknowledged (201), until their steps run out, the server stops answering, or `stop()` is called.
final class CheckInBurst: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    private var stopped = false

    /// The ids acknowledged so far.
    var acknowledged: [String] { lock.withLock { ids } }

    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// `clients` concurrent clients, each posting up to `steps` check-ins on `keyResults` in turn (increase KRs:
    /// values from 100 to 159, confidence 7, a note naming the client and step).
    func run(url: URL, token: String, keyResults: [String], clients: Int, steps: Int) async {
        let session = URLSession(configuration: .ephemeral)
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    for step in 0..<steps where !self.isStopped {
                        let kr = keyResults[(client + step) % keyResults.count]
                        var request = URLRequest(url: url.appendingPathComponent("api/v1/key-results/\(kr)/check-ins"))
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
                        self.lock.withLock { self.ids.append(id) }
                    }
                }
            }
        }
    }

    /// The check-in ids stored for `keyResults` in the SQLite file at `path`, after checking that each KR stands
    /// where its effective history leaves it (no half-applied check-in).
    static func stored(in path: String, keyResults: [String]) async throws -> Set<String> {
        var logger = Logger(label: "okra.tests.burst")
        logger.logLevel = .warning
        let database = try await OKRDatabase.open(.sqlite(path: path), logger: logger)
        do {
            let store = OKRStore(database)
            var stored = Set<String>()
            for kr in keyResults {
                let history = try await store.checkIns(keyResult: KeyResultID(kr))
                stored.formUnion(history.map(\.id.rawValue))
                let standing = try #require(try await store.keyResult(id: KeyResultID(kr))).value
                #expect(standing.current == CheckIn.effective(history).last?.value)
            }
            try await database.close()
            return stored
        } catch {
            try? await database.close()
            throw error
        }
    }
}
