import NIOCore

/// The reverse proxies the operator put in front of Okra (`--trusted-proxy`): addresses and CIDR blocks, IPv4
/// or IPv6. An IPv4 address seen as IPv6 (`::ffff:10.0.0.7`) is matched as IPv4.
public struct TrustedProxies: Sendable {
    public struct Entry: Sendable {
        let bytes: [UInt8]
        let prefix: Int

        /// `10.0.0.7`, `10.0.0.0/8`, `fd00::/8`; nil when it is none of these.
        public init?(_ text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let bytes = TrustedProxies.bytes(String(parts[0])) else { return nil }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
            self.bytes = bytes
            self.prefix = prefix
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) where left > 0 {
                let bits = min(8, left)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                left -= bits
            }
            return true
        }
    }

    let entries: [Entry]

    /// The entries that parse; `okra serve` refuses the others before it gets here.
    public init(_ texts: [String]) {
        entries = texts.compactMap(Entry.init)
    }

    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return entries.contains { $0.contains(bytes) }
    }

    /// The address's bytes: 4 for IPv4 (also when written as IPv4-mapped IPv6), 16 for IPv6.
    static func bytes(_ text: String) -> [UInt8]? {
        var text = text.lowercased()
        if text.hasPrefix("::ffff:"), text.contains(".") { text = String(text.dropFirst("::ffff:".count)) }
        guard let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }
}
