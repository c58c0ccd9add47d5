import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so a slow hash never blocks an event loop.
public struct PasswordHasher: Sendable {
    /// bcrypt's work factor: 12 in production (about a quarter second); tests may lower it.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Passwords Okra accepts: 10 to 200 characters.
    public static func isAcceptable(_ password: String) -> Bool {
        (10...200).contains(password.count)
    }
}
