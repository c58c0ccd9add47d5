import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

@testable import OKRServer

/// A small HTTP server on a free local port that receives webhooks as a customer's would: it checks each
/// delivery's signature with the secret it is told, keeps what it got, and answers 500 to the first
/// `failFirst` deliveries, 204 after.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let body: String
        let event: String?
        let delivery: String?
        let signature: String?
        let signedCorrectly: Bool
    }

    private let state = Mutex<(secret: String, failFirst: Int, received: [Received])>(("", 0, []))
    private let task: Task<Void, any Error>
    let port: Int

    var url: String { "http://127.0.0.1:\(port)/hooks/okra" }
    var received: [Received] { state.withLock { $0.received } }

    func expect(secret: String, failFirst: Int = 0) {
        state.withLock {
            $0.secret = secret
            $0.failFirst = failFirst
        }
    }

    private init(task: Task<Void, any Error>, port: Int) {
        self.task = task
        self.port = port
    }

    static func start() async throws -> WebhookReceiver {
        let box = Box()
        let router = Router()
        router.post("/hooks/okra") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1_048_576)
            let bytes = Data(body.readableBytesView)
            guard let receiver = box.receiver else { return Response(status: .serviceUnavailable) }
            return receiver.take(request, bytes)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await found in stream {
            port = found
            break
        }
        let receiver = WebhookReceiver(task: task, port: port)
        box.receiver = receiver
        return receiver
    }

    private func take(_ request: Request, _ bytes: Data) -> Response {
        let signature = request.headers[HTTPField.Name("X-Okra-Signature")!]
        return state.withLock { state in
            let signed = signature.map { WebhookSignature.verify($0, body: bytes, secret: state.secret) } ?? false
            state.received.append(
                Received(
                    body: String(decoding: bytes, as: UTF8.self),
                    event: request.headers[HTTPField.Name("X-Okra-Event")!],
                    delivery: request.headers[HTTPField.Name("X-Okra-Delivery")!], signature: signature,
                    signedCorrectly: signed))
            if state.failFirst > 0 {
                state.failFirst -= 1
                return Response(status: .internalServerError)
            }
            return Response(status: signed ? .noContent : .unauthorized)
        }
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Lets the route reach the receiver made after it.
    private final class Box: Sendable {
        private let lock = Mutex<WebhookReceiver?>(nil)
        var receiver: WebhookReceiver? {
            get { lock.withLock { $0 } }
            set { lock.withLock { $0 = newValue } }
        }
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date = Date()) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
