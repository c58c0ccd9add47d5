import Crypto
import Foundation
import HTTPTypes
import NIOCore
import OKRStore

/// Limits failed sign-ins so that passwords cannot be guessed: at most 5 failures per account and 20 per client
/// address in any 15 minutes (a sliding window). Past either limit the sign-in form refuses at once, without
/// checking the password, so a flood costs no bcrypt work, until the oldest failure in the window is 15 minutes
/// old. A successful sign-in clears the account's count; the address's count only ages out, so one good
/// password does not reopen an address that is trying many accounts.
///
/// The counts live in the database (the persist table, with an expiry), so every instance behind a load balancer
/// sees the same ones. Keys hold a SHA-256 of the e-mail or address, never the address itself. Two failures
/// at the same instant on two instances may count as one; the limits are a brake, not a ledger.
struct SignInThrottle: Sendable {
    let store: OKRStore
    let now: @Sendable () -> Date

    /// How many failures an account may have in `window`.
    static let accountLimit = 5
    /// How many failures one address may have in `window`, across accounts (an office shares an address).
    static let addressLimit = 20
    static let window: TimeInterval = 15 * 60
    /// The key of requests whose address is unknown (in-process tests have no connection).
    static let unknownAddress = "unknown"
    /// The header a reverse proxy adds with the address it saw.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Seconds to wait before `email` may try again from `address`; nil when a try is allowed now.
    func wait(email: String, address: String) async throws -> Int? {
        let at = now()
        let waits = [
            try await wait(key: Self.accountKey(email), limit: Self.accountLimit, at: at),
            try await wait(key: Self.addressKey(address), limit: Self.addressLimit, at: at),
        ].compactMap { $0 }
        return waits.max()
    }

    /// Counts a failed sign-in against the account and the address.
    func recordFailure(email: String, address: String) async throws {
        let at = now()
        for key in [Self.accountKey(email), Self.addressKey(address)] {
            var failures = try await recent(key: key, at: at)
            failures.append(at.timeIntervalSince1970)
            try await store.persistSet(
                key: key, value: try JSONEncoder().encode(failures), expires: at.addingTimeInterval(Self.window))
        }
    }

    /// Forgets the account's failures after a successful sign-in.
    func recordSuccess(email: String) async throws {
        try await store.persistRemove(key: Self.accountKey(email))
    }

    private func wait(key: String, limit: Int, at: Date) async throws -> Int? {
        let failures = try await recent(key: key, at: at)
        guard failures.count >= limit else { return nil }
        // A try is allowed again once enough of the oldest failures leave the window.
        let freeing = failures[failures.count - limit]
        let seconds = freeing + Self.window - at.timeIntervalSince1970
        return max(1, Int(seconds.rounded(.up)))
    }

    /// The failures of `key` still inside the window at `at`, oldest first, as seconds since 1970.
    private func recent(key: String, at: Date) async throws -> [TimeInterval] {
        guard let data = try await store.persistGet(key: key, now: at),
            let failures = try? JSONDecoder().decode([TimeInterval].self, from: data)
        else { return [] }
        let start = at.timeIntervalSince1970 - Self.window
        return failures.filter { $0 > start }.sorted()
    }

    static func accountKey(_ email: String) -> String {
        "signin.account." + digest(email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    static func addressKey(_ address: String) -> String { "signin.address." + digest(address) }

    private static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The address a sign-in comes from: the connection's peer, or — when the peer is a reverse proxy on this
    /// machine or the private network — the address the proxy appended last to `X-Forwarded-For` (the one it
    /// saw; earlier entries are whatever the client claimed). Without a peer (in-process tests): a fixed key.
    static func clientAddress(peer: SocketAddress?, forwardedFor: String?) -> String {
        guard let peer, let address = peer.ipAddress else { return unknownAddress }
        if isProxy(address), let forwarded = forwardedFor?.split(separator: ",").last {
            let client = forwarded.trimmingCharacters(in: .whitespaces)
            if !client.isEmpty { return client }
        }
        return address
    }

    /// Loopback and private addresses, where a reverse proxy in front of Okra lives.
    static func isProxy(_ address: String) -> Bool {
        let text = address.lowercased()
        if text == "::1" || text.hasPrefix("127.") || text.hasPrefix("10.") || text.hasPrefix("192.168.") {
            return true
        }
        if text.hasPrefix("fc") || text.hasPrefix("fd") { return true }
        if text.hasPrefix("::ffff:") { return isProxy(String(text.dropFirst("::ffff:".count))) }
        let octets = text.split(separator: ".").compactMap { Int($0) }
        return octets.count == 4 && octets[0] == 172 && (16...31).contains(octets[1])
    }
}
