import Foundation
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// Where webhooks may be posted. A webhook is a request the server makes for an admin, so it must not reach the
/// server's own network: loopback, link-local, private, shared and other non-public addresses are refused unless
/// the operator allows them (`okra serve --allow-private-webhooks`). The check is made on the addresses the host
/// resolves to, when a subscription is saved and again before every delivery (a name may change its address).
public struct WebhookTargets: Sendable {
    public var allowPrivate: Bool

    public init(allowPrivate: Bool = false) {
        self.allowPrivate = allowPrivate
    }

    /// The blocks no webhook may reach without the operator's leave.
    static let nonPublic: [TrustedProxies.Entry] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96",
    ].compactMap { TrustedProxies.Entry($0) }

    /// Whether an address (4 or 16 bytes) is one a webhook may not reach.
    static func isNonPublic(_ address: [UInt8]) -> Bool {
        nonPublic.contains { $0.contains(address) }
    }

    /// The non-public address `url`'s host is or resolves to, if any (nil when every address is public, when
    /// private ones are allowed, or when the host does not resolve: the delivery then fails on its own).
    public func refusedAddress(of url: String) async -> String? {
        guard !allowPrivate, let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let bytes = TrustedProxies.bytes(bare) { return Self.isNonPublic(bytes) ? bare : nil }
        for address in await Self.resolve(bare) where Self.isNonPublic(address.bytes) { return address.text }
        return nil
    }

    /// Name lookups block a thread: they run on two of their own, never on those the database's calls use.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    /// The addresses `host` resolves to; none when it does not resolve within five seconds (the lookup itself
    /// cannot be stopped: it finishes on its thread and its answer is dropped).
    static func resolve(_ host: String) async -> [(bytes: [UInt8], text: String)] {
        await withCheckedContinuation { continuation in
            let answer = Answer(continuation)
            pool.submit { state in answer.give(state == .active ? lookup(host) : []) }
            Task {
                try? await Task.sleep(for: .seconds(5))
                answer.give([])
            }
        }
    }

    /// The first of the lookup and the time limit to finish resumes the caller; the other is ignored.
    private final class Answer: Sendable {
        typealias Addresses = [(bytes: [UInt8], text: String)]
        private let continuation: Mutex<CheckedContinuation<Addresses, Never>?>

        init(_ continuation: CheckedContinuation<Addresses, Never>) {
            self.continuation = Mutex(continuation)
        }

        func give(_ addresses: Addresses) {
            continuation.withLock { waiting in
                waiting?.resume(returning: addresses)
                waiting = nil
            }
        }
    }

    private static func lookup(_ host: String) -> [(bytes: [UInt8], text: String)] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var found: [(bytes: [UInt8], text: String)] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            if let address = entry.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
                    }
                    found.append((bytes, bytes.map(String.init).joined(separator: ".")))
                case AF_INET6:
                    var bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
                    }
                    let text = stride(from: 0, to: 16, by: 2).map {
                        String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
                    }.joined(separator: ":")
                    // An IPv4 address in IPv6 form is judged as IPv4.
                    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                        bytes = Array(bytes[12...])
                    }
                    found.append((bytes, text))
                default: break
                }
            }
            next = entry.pointee.ai_next
        }
        return found
    }
}
