import Crypto
import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOPosix
import Synchronization

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
        let prepared = Self.prepared(password)
        return try await Self.pool.runIfActive { Bcrypt.hash(prepared, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let prepared = Self.prepared(password)
        return try await Self.pool.runIfActive {
            // A long password hashed before pre-hashing existed was cut at 72 bytes by bcrypt: it still opens.
            Bcrypt.verify(prepared, hash: hash) || (prepared != password && Bcrypt.verify(password, hash: hash))
        }
    }

    /// bcrypt reads only the first 72 bytes of a password and ignores the rest, so two long passphrases that
    /// begin alike would be the same password. A longer one (Vietnamese takes 2–3 bytes a letter) is hashed
    /// with SHA-256 first, and bcrypt gets that digest, which covers every byte.
    static func prepared(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// Checks `password` against a hash of nothing anyone knows, at the same cost, and answers false: a sign-in
    /// for an e-mail that has no account (or no password) takes as long as a wrong password, so the time of the
    /// answer does not tell which e-mails have accounts.
    public func verifyNobody(_ password: String) async throws -> Bool {
        let cost = self.cost
        let hash = try await Self.pool.runIfActive {
            Self.unknownHashes.withLock { hashes in
                if let hash = hashes[cost] { return hash }
                let hash = Bcrypt.hash(UUID().uuidString, cost: cost)
                hashes[cost] = hash
                return hash
            }
        }
        _ = try await verify(password, against: hash)
        return false
    }

    private static let unknownHashes = Mutex<[UInt8: String]>([:])

    /// Passwords Okra accepts: 10 to 200 characters.
    public static func isAcceptable(_ password: String) -> Bool {
        (10...200).contains(password.count)
    }
}
