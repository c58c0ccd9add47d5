import Foundation
import Testing

/// A real SMTP server for the tests: Python's aiosmtpd, started as a subprocess on a free port, with AUTH
/// (PLAIN and LOGIN, user `okra`, password `bí-mật`) allowed without TLS. Every message it receives is parsed
/// by Python's own `email` package and written as JSON, so the tests check what a real mail reader decodes.
public struct SMTPSink: Sendable {

    public static let user = "okra"
    public static let password = "bí-mật"

    public struct Received: Decodable, Sendable {
        public let mailFrom: String
        public let rcptTos: [String]
        public let to: String
        public let subject: String
        public let body: String
        public let raw: String
        public let authenticated: Bool
    }

    public let process: ChildProcess
    /// The sink's standard input: closing it is how the sink is told to stop (see `stop()`).
    let input: Pipe
    public let port: Int
    let folder: URL

    /// Whether the environment insists on the SMTP tests (CI sets `OKRA_TEST_SMTP_REQUIRED=1`).
    public static let required = ProcessInfo.processInfo.environment["OKRA_TEST_SMTP_REQUIRED"] == "1"

    /// The first Python that can import aiosmtpd: `OKRA_TEST_PYTHON`, the CI and test-tool venvs, `python3`.
    static let python: String? = {
        var candidates: [String] = []
        if let chosen = ProcessInfo.processInfo.environment["OKRA_TEST_PYTHON"], !chosen.isEmpty {
            candidates.append(chosen)
        }
        candidates += ["/tmp/okra-ci-venv/bin/python", "/tmp/testtools-venv/bin/python", "/usr/bin/python3"]
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? ChildProcess.run(path, ["-c", "import aiosmtpd"]).status) == 0
        }
    }()

    static let script = #"""
        import email, email.policy, json, os, socket, sys
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        folder = sys.argv[1]

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                content = envelope.original_content
                message = email.message_from_bytes(content, policy=email.policy.default)
                record = {
                    "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                    "to": str(message["To"]), "subject": str(message["Subject"]),
                    "body": message.get_content(), "raw": content.decode("utf-8", "replace"),
                    "authenticated": bool(session.authenticated),
                }
                name = os.path.join(folder, "%03d.json" % len([f for f in os.listdir(folder) if f.endswith(".json")]))
                with open(name + ".tmp", "w", encoding="utf-8") as out:
                    json.dump(record, out, ensure_ascii=False)
                os.rename(name + ".tmp", name)
                return "250 OK"

        def authenticate(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login == b"okra" and data.password == "bí-mật".encode()
            return AuthResult(success=ok, handled=False)

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        controller = Controller(
            Handler(), hostname="127.0.0.1", port=port, decode_data=False,
            authenticator=authenticate, auth_require_tls=False)
        controller.start()
        print(port, flush=True)
        sys.stdin.read()
        controller.stop()
        """#

    /// Starts the sink; nil (after recording an issue when required) when no Python has aiosmtpd.
    public static func start() throws -> SMTPSink? {
        guard let python else {
            if required { Issue.record("OKRA_TEST_SMTP_REQUIRED=1 but no Python can import aiosmtpd") }
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okra-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let scriptURL = folder.appendingPathComponent("sink.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let mail = folder.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        let output = Pipe()
        let input = Pipe()
        let process = try ChildProcess(
            executable: python, arguments: [scriptURL.path, mail.path],
            standardInput: input.fileHandleForReading.fileDescriptor,
            standardOutput: output.fileHandleForWriting.fileDescriptor)
        try input.fileHandleForReading.close()
        try output.fileHandleForWriting.close()
        var line = Data()
        while !line.contains(10) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            kill(process.processIdentifier, SIGKILL)
            throw SinkFailure(reason: "aiosmtpd did not start: \(text)")
        }
        return SMTPSink(process: process, input: input, port: port, folder: mail)
    }

    struct SinkFailure: Error {
        let reason: String
    }

    /// The messages received so far, in order.
    public func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.map {
            try decoder.decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    /// Ends the sink by closing its standard input (it stops its server and exits). Not by SIGTERM: a child
    /// started from a test thread inherits that thread's blocked signals, so SIGTERM may never arrive. SIGKILL,
    /// which cannot be blocked, if it has not exited within five seconds.
    public func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }
}
