import DashboardAuth
import Foundation

extension TelegramInitData {
    /// Init data as Telegram signs it for a Mini App (the tests play Telegram's part).
    public static func signed(_ fields: [String: String], botToken: String) -> String {
        let checkString = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let secret = HMAC.sha256(key: Array("WebAppData".utf8), Array(botToken.utf8))
        let hash = HMAC.hex(HMAC.sha256(key: secret, Array(checkString.utf8)))
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encode = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        return (fields.sorted { $0.key < $1.key }.map { "\(encode($0.key))=\(encode($0.value))" } + ["hash=\(hash)"]).joined(separator: "&")
    }
}
