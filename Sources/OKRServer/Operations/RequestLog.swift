import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OKRCore
import Synchronization

/// What the request log learns from the middleware and handlers inside it: who asked.
public final class RequestTrace: Sendable {
    private let state = Mutex<PersonID?>(nil)

    public init() {}

    public var person: PersonID? {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

/// One log line per request — method, route template (never the path with its ids or query), status, duration,
/// request id, and the person's id when signed in; never a password, token or cookie — and the request id: the
/// caller's `X-Request-Id` when it is a sane one, else Hummingbird's, sent back in `X-Request-Id`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = OkraContext
    let logger: Logger

    static let header = HTTPField.Name("X-Request-Id")!

    func handle(
        _ request: Request, context: OkraContext, next: (Request, OkraContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        context.requestID = Self.acceptable(request.headers[Self.header]) ?? context.id
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = context.requestID
            log(request, context, response.status, since: started)
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[Self.header] = context.requestID
            log(request, context, response.status, since: started)
            return response
        } catch {
            log(request, context, .internalServerError, since: started, error: error)
            throw error
        }
    }

    /// A caller's request id: 1 to 128 letters, digits, `-`, `_`, `.` or `:` (anything else could forge log lines).
    static func acceptable(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
            })
        else { return nil }
        return value
    }

    private func log(
        _ request: Request, _ context: OkraContext, _ status: HTTPResponse.Status,
        since started: ContinuousClock.Instant,
        error: (any Error)? = nil
    ) {
        let level: Logger.Level = error != nil || status.code >= 500 ? .error : .info
        logger.log(
            level: level, "request",
            metadata: {
                let elapsed = started.duration(to: .now)
                let milliseconds =
                    Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
                var metadata: Logger.Metadata = [
                    "method": "\(request.method.rawValue)",
                    "route": "\(context.endpointPath ?? "unmatched")",
                    "status": "\(status.code)",
                    "ms": "\(String(format: "%.2f", milliseconds))",
                    "request_id": "\(context.requestID)",
                ]
                if let person = context.trace.person { metadata["person"] = "\(person.rawValue)" }
                if let error { metadata["error"] = "\(String(describing: error))" }
                return metadata
            }())
    }
}
