import Foundation

/// A URL split into the parts canonicalisation needs; accepts addresses written without a scheme.
struct WebAddress: Sendable, Equatable {
    var scheme: String
    /// Lowercased, without port 80/443 and a trailing dot.
    var host: String
    /// Non-empty path segments, percent-decoded.
    var path: [String]
    /// The same segments as written.
    var rawPath: [String]
    /// Query items in order: percent-decoded values, and each item as written.
    var query: [(name: String, value: String, raw: String)]

    static func == (a: WebAddress, b: WebAddress) -> Bool {
        a.scheme == b.scheme && a.host == b.host && a.path == b.path
            && a.query.map { "\($0.name)=\($0.value)" } == b.query.map { "\($0.name)=\($0.value)" }
    }

    init?(_ raw: String) {
        var rest = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            rest = rest[range.upperBound...]
        } else {
            scheme = "https"
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        for port in [":443", ":80"] where host.hasSuffix(port) { host.removeLast(port.count) }
        while host.hasSuffix(".") { host.removeLast() }
        guard host.contains("."), !host.hasPrefix("."), host.allSatisfy({ $0.isLetter || $0.isNumber || "-.:".contains($0) })
        else { return nil }
        self.host = host
        rest = rest[hostEnd...]
        var pathPart = rest, queryPart = Substring("")
        if let q = rest.firstIndex(of: "?") {
            pathPart = rest[..<q]
            queryPart = rest[rest.index(after: q)...]
        }
        rawPath = pathPart.split(separator: "/").map(String.init)
        path = rawPath.map { $0.removingPercentEncoding ?? $0 }
        query = queryPart.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            return (String(parts[0]), value.removingPercentEncoding ?? value, String(item))
        }
    }

    /// The host without a leading `www.` or `m.`: how sites are compared.
    var bareHost: String {
        for prefix in ["www.", "m.", "mobile."] where host.hasPrefix(prefix) {
            return String(host.dropFirst(prefix.count))
        }
        return host
    }

    /// The first value of a query parameter.
    func value(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
