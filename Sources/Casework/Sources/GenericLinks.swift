/// Links to other sites: kept as written, without tracking parameters and fragments.
enum GenericLinks {
    /// Parameters that only say where a click came from.
    private static let trackingNames: Set<String> = [
        "fbclid", "gclid", "yclid", "ysclid", "igsh", "igshid", "mibextid", "_openstat", "mc_cid", "mc_eid",
        "ref_src", "__tn__", "dclid", "msclkid", "twclid", "wbraid", "gbraid", "_hsenc", "_hsmi", "rdid",
    ]

    static func isTracking(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("utm_") || lower.hasPrefix("__cft__") || trackingNames.contains(lower)
    }

    static func canonical(_ a: WebAddress, host: String? = nil) -> String {
        var link = "\(a.scheme)://\(host ?? a.host)"
        if !a.path.isEmpty { link += "/" + a.rawPath.joined(separator: "/") }
        let kept = a.query.filter { !isTracking($0.name) }.map(\.raw)
        if !kept.isEmpty { link += "?" + kept.joined(separator: "&") }
        return link
    }

    static func source(_ a: WebAddress) -> PostSource {
        let path = a.path.joined(separator: "/")
        return PostSource(network: .other, link: canonical(a),
                          threadKey: path.isEmpty ? nil : "web:\(a.bareHost)/\(path.lowercased())",
                          authorKey: nil, isPost: !path.isEmpty)
    }
}
