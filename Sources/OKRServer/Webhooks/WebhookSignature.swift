import Crypto
import Foundation
import OKRCore

/// How a delivery proves it comes from this Okra: `X-Okra-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact
/// body bytes keyed with the subscription's secret. A receiver computes the same over the bytes it received and
/// compares in constant time.
enum WebhookSignature {
    static let header = "X-Okra-Signature"

    /// `sha256=` and the lowercase hex HMAC of `body`.
    static func value(body: some DataProtocol, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return "sha256=" + Hex.string(mac)
    }

    /// Whether `signature` is the one `body` must carry (constant time in the signature's bytes).
    static func verify(_ signature: String, body: some DataProtocol, secret: String) -> Bool {
        let expected = Array(value(body: body, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new secret: `whsec_` and 32 random URL-safe characters (192 bits).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return "whsec_" + String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt8(64)))] })
    }
}
