import Foundation
import OKRTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// SCIM provisioning checked from outside: `okra scim-token` makes a directory's token, and scim2-tester (PyPI's
/// `scim2-cli`, in CI's virtual environment) runs its conformance checks against `okra serve` on a loopback port.
@Suite("SCIM conformance: scim2-tester against the real okra serve", .serialized)
struct SCIMConformanceTests {
    /// CI's Python (`.ci/run` installs scim2-cli beside it); without it the check is skipped.
    static let python = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"]

    @Test(
        "scim2-tester finds no failure; the token is listed, and refused once revoked",
        .enabled(if: python != nil, "set OKRA_TEST_PYTHON to a Python with scim2-cli installed"))
    func conformance() async throws {
        let python = try #require(Self.python)
        let tool = URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("scim2").path
        try #require(
            FileManager.default.isExecutableFile(atPath: tool),
            "scim2-cli is not installed beside \(python): pip install scim2-cli==0.6.0")
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("okra.db").path

        // An organization to provision into (the demo's), then the server as an operator runs it.
        let demo = try Binary.start(["demo", "--port", "0", "--db", db])
        _ = try #require(try await demo.waitForURL(), "the demo printed no URL: \(demo.output)")
        demo.stop()
        let created = try Binary.run(["scim-token", "create", "--name", "Conformance", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("okra_scim_"))
        let listed = try Binary.run(["scim-token", "list", "--db", db])
        let id = try #require(listed.stdout.split(separator: "\t").first.map(String.init))
        #expect(listed.stdout.contains("\tConformance\tactive"))

        let server = try Binary.start(["serve", "--port", "0", "--db", db])
        defer { server.stop() }
        let url = try #require(try await server.waitForURL(), "serve printed no URL: \(server.output)")
        let endpoint = url.appendingPathComponent("scim/v2").absoluteString
        let run = try ChildProcess.run(tool, ["-u", endpoint, "-h", "Authorization: Bearer \(token)", "test"])
        let report = String(decoding: run.output + run.errors, as: UTF8.self)
        #expect(run.status == 0, "scim2 test failed (\(run.status)):\n\(report)")
        #expect(!report.contains("ERROR"), "\(report)")
        #expect(report.components(separatedBy: "SUCCESS").count > 40, "too few checks ran:\n\(report)")

        #expect(try await Self.status(endpoint + "/Users", token: token) == 200)
        let revoked = try Binary.run(["scim-token", "revoke", "--id=\(id)", "--db", db])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try await Self.status(endpoint + "/Users", token: token) == 401)
        #expect(try Binary.run(["scim-token", "list", "--db", db]).stdout.contains("\tConformance\trevoked "))
    }

    static func status(_ url: String, token: String) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
