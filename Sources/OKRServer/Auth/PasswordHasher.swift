import HummingbirdBcrypt
import NIOCore
import NIOPosix

/// bcrypt, run on a small pool of its own: a slow hash never blocks an event loop, and a burst of sign-ins
/// queues here without taking the threads the database's calls run on (SQLite has its own pool, PostgreSQL its
/// event loops). Half the cores, at least one: the other half keep answering pages.
public struct PasswordHasher: Sendable {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()

    /// bcrypt's work factor: 12 in production (about a quarter second); tests may lower it.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await Self.pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Passwords Okra accepts: 10 to 200 characters.
    public static func isAcceptable(_ password: String) -> Bool {
        (10...200).contains(password.count)
    }
}
