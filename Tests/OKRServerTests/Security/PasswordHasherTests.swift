import Foundation
import Testing

@testable import OKRServer

@Suite("Passwords: every byte counts, and an unknown account costs the same as a wrong password")
struct PasswordHasherTests {
    static let hasher = PasswordHasher(cost: 4)

    @Test("Two passphrases alike in their first 72 bytes are two passwords")
    func longPassphrases() async throws {
        let start = String(repeating: "Mùa thu Hà Nội lá vàng rơi ", count: 4)
        #expect(start.utf8.count > 72)
        let hash = try await Self.hasher.hash(start + "một")
        #expect(try await Self.hasher.verify(start + "một", against: hash))
        #expect(try await !Self.hasher.verify(start + "hai", against: hash))
        #expect(try await !Self.hasher.verify(String(start.prefix(30)), against: hash))
    }

    @Test("A long password hashed before pre-hashing (cut at 72 bytes by bcrypt) still opens")
    func legacyLongHash() async throws {
        let password = String(repeating: "a long password ", count: 7)
        let legacy = try await Self.hasher.hash(String(decoding: password.utf8.prefix(72), as: UTF8.self))
        #expect(try await Self.hasher.verify(password, against: legacy))
    }

    @Test("An e-mail with no account is checked against a hash all the same, and never matches")
    func nobody() async throws {
        #expect(try await !Self.hasher.verifyNobody("okra-demo-2026"))
        #expect(try await !Self.hasher.verifyNobody(""))
    }
}
