import AsyncHTTPClient
import Foundation
import NIOCore
import OKRCore

/// A connection to a running Okra server's JSON API with a person's token: what `okra checkin` talks through.
/// Answers are JSON objects; an error answer becomes an `OkraAPIConnection.Failure` carrying the server's own
/// message (already in the language asked for).
struct OkraAPIConnection: Sendable {
    let base: URL
    let token: String
    let language: Language

    /// Why a request did not succeed.
    enum Failure: Error, Sendable {
        /// The server answered with an error: its status, code, message and the field it names.
        case refused(status: Int, code: String, message: String, field: String?)
        /// The server could not be reached, or its answer was not JSON.
        case unreachable(String)
    }

    func get(_ path: String, query: [String: String] = [:]) async throws(Failure) -> [String: Any] {
        try await send(path: path, query: query, body: nil)
    }

    func post(_ path: String, body: [String: Any]) async throws(Failure) -> [String: Any] {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        } catch {
            throw .unreachable(String(describing: error))
        }
        return try await send(path: path, query: [:], body: data)
    }

    /// A GET, or a POST of `body` when there is one.
    private func send(path: String, query: [String: String], body: Data?) async throws(Failure) -> [String: Any] {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw .unreachable(base.absoluteString)
        }
        components.path = components.path.trimmingSuffix("/") + "/api/v1" + path
        components.queryItems =
            ([URLQueryItem(name: "lang", value: language.rawValue)]
                + query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) })
        guard let url = components.url else { throw .unreachable(base.absoluteString) }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = body == nil ? .GET : .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "okra-cli")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        } catch {
            throw .unreachable(String(describing: error))
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any]
        guard (200..<300).contains(status) else {
            let error = object?["error"] as? [String: Any]
            throw .refused(
                status: status, code: error?["code"] as? String ?? "http_\(status)",
                message: error?["message"] as? String ?? "HTTP \(status)", field: error?["field"] as? String)
        }
        guard let object else { throw .unreachable("HTTP \(status): not JSON") }
        return object
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
