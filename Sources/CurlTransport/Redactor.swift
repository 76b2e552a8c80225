import Foundation

/// Removes secrets from text meant for errors and logs.
public struct Redactor: Sendable {
    /// What replaces a secret or a URL password.
    public static let mask = "***"

    // Longest first, so a secret that contains another one is masked whole.
    private let secrets: [String]

    /// Redacts each non-empty string in `secrets`, plus the password of any `scheme://user:password@` URL.
    public init(secrets: [String]) {
        self.secrets = Set(secrets.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
    }

    /// The text with every secret and URL password replaced by `mask`.
    public func callAsFunction(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacing(secret, with: Self.mask)
        }
        return result.replacing(#/(?<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*):[^/\s@]*@/#) { match in
            "\(match.output.head):\(Self.mask)@"
        }
    }

    /// The password in a URL's userinfo, as written and percent-decoded, so an echo of either is caught.
    static func passwords(inURL url: String) -> [String] {
        guard let match = url.firstMatch(of: #/^[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:(?<password>[^/\s@]*)@/#) else {
            return []
        }
        let raw = String(match.output.password)
        return [raw, raw.removingPercentEncoding].compactMap { $0 }
    }
}
