import CCurl

/// Builds the curl_slist of request header lines, refusing anything that could split a header.
enum HeaderList {
    static func make(_ headers: [(name: String, value: String)]) throws(HTTPTransportError) -> UnsafeMutablePointer<curl_slist>? {
        var lines: [String] = []
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                throw .invalidRequest("header name \(name.debugDescription) is not a valid token")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw .invalidRequest("header \(name) holds a line break or NUL")
            }
            // "Name:" would make curl drop the header; "Name;" sends it with an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // Without this curl waits for "100 Continue" before sending a large body.
        if !headers.contains(where: { $0.name.lowercased() == "expect" }) {
            lines.append("Expect:")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let extended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw .network(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "cannot build the header list")
            }
            list = extended
        }
        return list
    }

    // RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
