import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts the weekly reminder to a chat channel as `{"text": "…"}`, the one shape both Slack incoming webhooks
/// and Microsoft Teams connectors accept.
public struct ChatWebhook: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let status: Int
        public var description: String { "the chat webhook answered HTTP \(status)" }
    }

    public init() {}

    public func post(_ text: String, to url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let body = try JSONEncoder().encode(["text": text])
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        guard (200..<300).contains(Int(response.status.code)) else { throw Failure(status: Int(response.status.code)) }
    }

    /// Whether `text` can be a webhook: an http or https URL with a host, at most 500 characters.
    public static func isWebhookURL(_ text: String) -> Bool {
        guard text.count <= 500, let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return false }
        return !text.contains(where: \.isWhitespace)
    }
}
