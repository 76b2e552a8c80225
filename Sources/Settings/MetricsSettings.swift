import Foundation
import Yams
#if canImport(Glibc)
import Glibc
#endif

/// Where the Prometheus endpoint listens. Loopback only: the endpoint has no authentication.
public struct MetricsSettings: Sendable, Equatable {
    /// An IPv4 address in 127.0.0.0/8, or `::1`.
    public var host: String
    public var port: UInt16

    /// `127.0.0.1:9464` or `[::1]:9464`, as otklik.yaml spells it.
    public var listen: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host:port` or `[host]:port`; nil unless the host is a loopback address and the port 1–65535.
    public init?(listen text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            // An IPv6 host needs its brackets: in ::1:9464 the port would be part of the address.
            guard let colon = text.firstIndex(of: ":"), text.lastIndex(of: ":") == colon else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard let number = UInt16(port), number > 0, Self.isLoopback(String(host)) else { return nil }
        self.host = String(host)
        self.port = number
    }

    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        var loopback = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1, inet_pton(AF_INET6, "::1", &loopback) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { a in withUnsafeBytes(of: &loopback) { b in a.elementsEqual(b) } }
    }

    /// `metrics:` in otklik.yaml: `listen: 127.0.0.1:9464`.
    static func read(_ node: Node, _ r: YAMLReader) -> MetricsSettings? {
        // `metrics:` left empty means off, like leaving it out.
        if case .scalar(let s) = node, s.string.isEmpty || s.tag.description.hasSuffix("null") { return nil }
        guard let m = r.mapping(node, "metrics", allowed: ["listen"]),
              let text = r.string(m["listen"], "metrics.listen", required: true, parent: node) else { return nil }
        if let settings = MetricsSettings(listen: text) { return settings }
        r.fail("metrics.listen must be a loopback address and port such as 127.0.0.1:9464 or [::1]:9464, not '\(text)': "
               + "the endpoint has no authentication (to scrape it from elsewhere, put a proxy with access control in front)",
               at: m["listen"])
        return nil
    }
}
