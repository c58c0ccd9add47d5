import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `okra checkin` against the real binary serving the demo on a loopback port, with a token from
/// `okra token create`: for scripts (one KR and a value), interactively (answers on standard input), and its
/// refusals with their exit codes.
@Suite("okra checkin: the weekly check-in from a terminal", .serialized)
struct CheckInCommandTests {
    /// The demo served on a free port, and Nam's token (he owns kr-mkt-email, kr-nam-ctr and kr-nam-open).
    struct Served {
        let folder: URL
        let server: Binary.Server
        let url: URL
        let token: String

        static func start() async throws -> Served {
            let folder = try Binary.temporaryFolder()
            let db = folder.appendingPathComponent("demo.db").path
            let server = try Binary.start(["demo", "--port", "0", "--db", db])
            guard let url = try await server.waitForURL() else {
                server.stop()
                throw CocoaError(.fileReadUnknown, userInfo: ["output": server.output])
            }
            let token = try Binary.run(["token", "create", "--db", db, "--email", "nam@okra.demo"])
            return Served(
                folder: folder, server: server, url: url,
                token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        func checkin(_ arguments: [String], stdin: String? = nil, lang: String = "en") throws -> Binary.Result {
            try Binary.run(
                ["checkin"] + arguments + ["--server", url.absoluteString, "--token", token, "--lang", lang],
                stdin: stdin)
        }

        /// A key result as the API reads it now.
        func keyResult(_ id: String) async throws -> [String: Any] {
            var request = URLRequest(url: url.appendingPathComponent("api/v1/key-results/\(id)"))
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func stop() {
            server.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test("One KR and a value, for scripts: recorded, and the new progress and status printed")
    func oneKeyResult() async throws {
        let served = try await Served.start()
        defer { served.stop() }
        let result = try served.checkin(["kr-mkt-email", "145", "--confidence", "9", "--note", "Webinar tuần này"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("progress 90%"), "\(result.stdout)")
        let kr = try await served.keyResult("kr-mkt-email")
        #expect(kr["progress"] as? Double == 0.9)
        #expect(kr["confidence"] as? Int == 9)

        let vietnamese = try served.checkin(["kr-mkt-email", "1.234,5"], lang: "vi")
        #expect(vietnamese.status == 0, "\(vietnamese.stderr)")
        #expect(vietnamese.stdout.contains("tiến độ"), "\(vietnamese.stdout)")
        #expect(try await served.keyResult("kr-mkt-email")["current"] as? Double == 1234.5)
    }

    @Test("Refusals: a word for a number and no token are exit 2; a KR the server refuses is exit 1; nothing recorded")
    func refusals() async throws {
        let served = try await Served.start()
        defer { served.stop() }
        let before = try await served.keyResult("kr-mkt-email")["current"] as? Double

        let word = try served.checkin(["kr-mkt-email", "nhiều"])
        #expect(word.status == 2)
        #expect(word.stderr.contains("“nhiều” is not a number"), "\(word.stderr)")

        let confidence = try served.checkin(["kr-mkt-email", "150", "--confidence", "11"])
        #expect(confidence.status == 2)

        let unknown = try served.checkin(["kr-nowhere", "5"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("kr-nowhere"), "\(unknown.stderr)")

        let noValue = try served.checkin(["kr-mkt-email"])
        #expect(noValue.status == 2)

        let noToken = try Binary.run(["checkin", "--server", served.url.absoluteString, "--lang", "en"])
        #expect(noToken.status == 2)
        #expect(noToken.stderr.contains("OKRA_TOKEN"))

        let badToken = try Binary.run(
            ["checkin", "--list", "--server", served.url.absoluteString, "--token", "okra_wrong", "--lang", "en"])
        #expect(badToken.status == 2)

        let unreachable = try Binary.run(
            ["checkin", "--list", "--server", "http://127.0.0.1:9", "--token", served.token, "--lang", "en"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("Cannot reach"))

        #expect(try await served.keyResult("kr-mkt-email")["current"] as? Double == before)
    }

    @Test("--list prints my KRs: mine and those of my objectives, with where they stand")
    func list() async throws {
        let served = try await Served.start()
        defer { served.stop() }
        let result = try served.checkin(["--list"])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(ids == ["kr-mkt-email", "kr-nam-ctr", "kr-nam-open"])
        #expect(result.stdout.contains("60%"))
    }

    @Test("Interactively: a word is asked again, Enter skips a KR, the end of input stops; each answer is recorded")
    func interactive() async throws {
        let served = try await Served.start()
        defer { served.stop() }
        let skippedBefore = try await served.keyResult("kr-nam-ctr")["current"] as? Double
        // kr-mkt-email: "abc" is refused, then 150 with confidence 8 and a reason; kr-nam-ctr: skipped;
        // kr-nam-open: input ends.
        let result = try served.checkin([], stdin: "abc\n150\n8\nWebinar tốt\n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("your 3 key results"), "\(result.stdout)")
        #expect(result.stdout.contains("“abc” is not a number"))
        #expect(result.stdout.contains("[3/3]"))
        #expect(result.stdout.contains("Checked in on 1 key result"))
        let email = try await served.keyResult("kr-mkt-email")
        #expect(email["current"] as? Double == 150)
        #expect(email["confidence"] as? Int == 8)
        #expect(try await served.keyResult("kr-nam-ctr")["current"] as? Double == skippedBefore)
    }
}
