import CCrypto
import Foundation

/// HMAC-SHA256 through OpenSSL.
public enum HMAC {
    public static func sha256(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = ccrypto_hmac_sha256(key, key.count, data, data.count, &digest)
        return digest
    }

    public static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// Equal strings, compared in time that does not depend on where they differ.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}

/// Signs and checks what the dashboard hands out with the store's key: one-time login links (valid
/// ten minutes, their nonce used once) and session cookies. Nothing in them is trusted unsigned.
public struct DashboardSigner: Sendable {
    let key: [UInt8]

    public init(key: Data) { self.key = Array(key) }

    func mac(_ text: String) -> String { HMAC.hex(HMAC.sha256(key: key, Array(text.utf8))) }

    /// `login.<person>.<expires>.<nonce>.<mac>`: the token of a link the bot sends.
    public func loginToken(personId: Int64, expires: Date, nonce: String) -> String {
        let body = "login.\(personId).\(Int64(expires.timeIntervalSince1970)).\(nonce)"
        return body + "." + mac(body)
    }

    /// The person and the nonce of a genuine, unexpired login token.
    public func verifyLogin(_ token: String, now: Date) -> (personId: Int64, nonce: String)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "login", let person = Int64(parts[1]), let expires = Int64(parts[2]),
              !parts[3].isEmpty, HMAC.same(mac(parts[0...3].joined(separator: ".")), parts[4]),
              now.timeIntervalSince1970 < Double(expires) else { return nil }
        return (person, parts[3])
    }

    /// `session.<person>.<expires>.<mac>`: the cookie's value.
    public func session(personId: Int64, expires: Date) -> String {
        let body = "session.\(personId).\(Int64(expires.timeIntervalSince1970))"
        return body + "." + mac(body)
    }

    /// The person of a genuine, unexpired session.
    public func verifySession(_ value: String, now: Date) -> Int64? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "session", let person = Int64(parts[1]), let expires = Int64(parts[2]),
              HMAC.same(mac(parts[0...2].joined(separator: ".")), parts[3]),
              now.timeIntervalSince1970 < Double(expires) else { return nil }
        return person
    }
}

/// Telegram Mini App `initData`, checked by Telegram's documented scheme: the fields but `hash`, sorted
/// and joined as `key=value` lines, signed with HMAC-SHA256 under the key HMAC-SHA256("WebAppData",
/// bot token); `auth_date` no older than `maxAge`.
public enum TelegramInitData {
    /// The Telegram user id of genuine, fresh init data; nil otherwise.
    public static func userId(_ initData: String, botToken: String, now: Date, maxAge: TimeInterval) -> Int64? {
        var fields: [String: String] = [:]
        for pair in initData.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])
            guard fields[name] == nil else { return nil }
            fields[name] = value
        }
        guard let hash = fields.removeValue(forKey: "hash"), let authDate = fields["auth_date"].flatMap({ Double($0) }) else { return nil }
        let checkString = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let secret = HMAC.sha256(key: Array("WebAppData".utf8), Array(botToken.utf8))
        guard HMAC.same(HMAC.hex(HMAC.sha256(key: secret, Array(checkString.utf8))), hash.lowercased()) else { return nil }
        let age = now.timeIntervalSince1970 - authDate
        guard age <= maxAge, age > -60 else { return nil }
        struct User: Decodable { var id: Int64 }
        return fields["user"].flatMap { try? JSONDecoder().decode(User.self, from: Data($0.utf8)).id }
    }
}

/// Random keys.
public enum DashboardKeys {
    public static func random(_ count: Int = 32) -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        _ = ccrypto_random_bytes(&bytes, count)
        return Data(bytes)
    }
}
