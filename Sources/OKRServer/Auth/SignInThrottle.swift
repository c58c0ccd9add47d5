import Crypto
import Foundation
import HTTPTypes
import NIOCore
import OKRCore
import OKRStore

/// Limits sign-in attempts so that passwords cannot be guessed, without letting anyone lock a person out:
/// - **an account from one address**: 5 failures in any 15 minutes (a sliding window), then that address waits
///   until the oldest failure leaves the window;
/// - **one address**, across accounts: 20 failures (an office shares an address);
/// - **an account from anywhere**: past 5 failures, each further try waits a delay that doubles with every
///   failure, up to `maximumDelay` — unless the address is one the person signed in from before, so someone
///   guessing elsewhere slows the guessing down but never locks the person out of their own desk.
///
/// Each try is **reserved before the password is checked**: in one transaction (`persistUpdate`) the counts are
/// read, the limits applied, and the try recorded as a failure; a success then takes it back. A burst of
/// concurrent tries is therefore counted one by one, and the 6th of a burst of 100 is refused without any bcrypt
/// work. The counts live in the database (the persist table, with an expiry), so every instance behind a load
/// balancer sees the same ones; keys hold a SHA-256 of the e-mail or address, never the address itself.
struct SignInThrottle: Sendable {
    let store: OKRStore
    let now: @Sendable () -> Date

    /// How many failures an account may have from one address in `window`.
    static let accountLimit = 5
    /// How many failures one address may have in `window`, across accounts.
    static let addressLimit = 20
    static let window: TimeInterval = 15 * 60
    /// The longest an account waits between two tries from an address it never signed in from.
    static let maximumDelay: TimeInterval = 60
    /// How long an address stays known after a successful sign-in from it.
    static let knownFor: TimeInterval = 90 * 24 * 3600
    /// The key of requests whose address is unknown (in-process tests have no connection).
    static let unknownAddress = "unknown"
    /// The header a reverse proxy adds with the address it saw.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// A try that was let through and recorded as a failure until `succeeded` takes it back.
    struct Reservation: Sendable {
        let email: String
        let address: String
        let at: TimeInterval
    }

    enum Attempt: Sendable {
        case allowed(Reservation)
        /// Refused: seconds to wait.
        case wait(Int)
    }

    /// Lets the try of `email` from `address` through (recorded as a failure) or says how long to wait.
    func reserve(email: String, address: String) async throws -> Attempt {
        let at = now()
        let time = at.timeIntervalSince1970
        let keys = Keys(email: email, address: address)
        return try await store.persistUpdate(keys: keys.all, now: at) { values in
            let start = time - Self.window
            func failures(_ key: String) -> [TimeInterval] {
                guard let data = values[key], let list = try? JSONDecoder().decode([TimeInterval].self, from: data)
                else { return [] }
                return list.filter { $0 > start }.sorted()
            }
            let pair = failures(keys.pair)
            let account = failures(keys.account)
            let fromAddress = failures(keys.address)
            var waits: [TimeInterval] = []
            if pair.count >= Self.accountLimit {
                waits.append(pair[pair.count - Self.accountLimit] + Self.window - time)
            }
            if fromAddress.count >= Self.addressLimit {
                waits.append(fromAddress[fromAddress.count - Self.addressLimit] + Self.window - time)
            }
            if values[keys.known] == nil, account.count >= Self.accountLimit, let last = account.last {
                let delay = min(Self.maximumDelay, pow(2, Double(account.count - Self.accountLimit)))
                waits.append(last + delay - time)
            }
            if let wait = waits.max(), wait > 0 {
                return (.wait(max(1, Int(wait.rounded(.up)))), [:])
            }
            let expires = at.addingTimeInterval(Self.window)
            func entry(_ list: [TimeInterval]) throws -> OKRStore.PersistEntry {
                OKRStore.PersistEntry(value: try JSONEncoder().encode(list + [time]), expires: expires)
            }
            return (
                .allowed(Reservation(email: email, address: address, at: time)),
                [keys.pair: try entry(pair), keys.account: try entry(account), keys.address: try entry(fromAddress)]
            )
        }
    }

    /// The password was right: the account's failures are forgotten, the reserved try no longer counts against
    /// the address, and the address becomes one the person signed in from.
    func succeeded(_ reservation: Reservation) async throws {
        let at = now()
        let keys = Keys(email: reservation.email, address: reservation.address)
        try await store.persistUpdate(keys: keys.all, now: at) { values in
            var address =
                values[keys.address].flatMap { try? JSONDecoder().decode([TimeInterval].self, from: $0) } ?? []
            if let index = address.firstIndex(of: reservation.at) { address.remove(at: index) }
            let known = OKRStore.PersistEntry(value: Data("1".utf8), expires: at.addingTimeInterval(Self.knownFor))
            let addressEntry = OKRStore.PersistEntry(
                value: try JSONEncoder().encode(address), expires: at.addingTimeInterval(Self.window))
            return ((), [keys.pair: nil, keys.account: nil, keys.address: addressEntry, keys.known: known])
        }
    }

    /// The keys of one try: hashes, never the e-mail or the address.
    struct Keys {
        let account: String
        let pair: String
        let address: String
        let known: String

        init(email: String, address: String) {
            let email = SignInThrottle.normalized(email)
            account = SignInThrottle.accountKey(email)
            pair = "signin.pair." + SignInThrottle.digest(email + "\n" + address)
            self.address = SignInThrottle.addressKey(address)
            known = "signin.known." + SignInThrottle.digest(email + "\n" + address)
        }

        var all: [String] { [account, pair, address, known] }
    }

    static func normalized(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func accountKey(_ email: String) -> String { "signin.account." + digest(normalized(email)) }

    static func addressKey(_ address: String) -> String { "signin.address." + digest(address) }

    static func digest(_ text: String) -> String {
        Hex.string(SHA256.hash(data: Data(text.utf8)))
    }

    /// The address a sign-in comes from: the connection's peer, or — when the peer is a reverse proxy the
    /// operator named (`--trusted-proxy`) — the address the proxy appended last to `X-Forwarded-For` (the one it
    /// saw; earlier entries are whatever the client claimed). Nobody else's header is believed: a client could
    /// otherwise claim a new address on every try. Without a peer (in-process tests): a fixed key.
    static func clientAddress(peer: SocketAddress?, forwardedFor: String?, trusted: TrustedProxies) -> String {
        guard let peer, let address = peer.ipAddress else { return unknownAddress }
        if trusted.contains(address), let forwarded = forwardedFor?.split(separator: ",").last {
            let client = forwarded.trimmingCharacters(in: .whitespaces)
            if !client.isEmpty { return client }
        }
        return address
    }
}
