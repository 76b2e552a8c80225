import CCrypto
import Foundation

/// Invitation tokens: 128 random bits from OpenSSL, written URL-safe for a `/start` deep link
/// (Telegram allows [A-Za-z0-9_-], up to 64 characters), and stored only as their SHA-256.
public enum InvitationTokens {
    public static func make() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        // RAND_bytes fails only if OpenSSL cannot seed itself; without randomness no safe token exists.
        precondition(ccrypto_random_bytes(&bytes, bytes.count) == 1, "OpenSSL could not produce random bytes")
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> Data {
        let input = Array(token.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        precondition(ccrypto_sha256(input, input.count, &digest) == 1, "OpenSSL SHA-256 failed")
        return Data(digest)
    }
}
