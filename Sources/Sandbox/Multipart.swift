import BotAPI
import Foundation

/// A multipart/form-data reader (RFC 7578): fields become string values, parts with a filename become files.
enum Multipart {
    static func parse(_ body: Data, boundary: String) throws(ParamsError) -> RequestParams {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var params = RequestParams()
        guard var position = find(delimiter, in: bytes, from: 0) else { throw ParamsError("multipart body has no parts") }
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body.
            if position + 1 < bytes.count, bytes[position] == 0x2D, bytes[position + 1] == 0x2D { break }
            position = skipLineEnd(bytes, position)
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: position) else {
                throw ParamsError("multipart part has no header end")
            }
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(Array("\r\n".utf8) + delimiter, in: bytes, from: contentStart) else {
                throw ParamsError("multipart body is truncated")
            }
            let content = Data(bytes[contentStart..<next])
            try add(headers: headers, content: content, to: &params)
            position = next + 2
        }
        return params
    }

    private static func add(headers: String, content: Data, to params: inout RequestParams) throws(ParamsError) {
        var name: String?
        var filename: String?
        var mimeType = "application/octet-stream"
        for line in headers.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                name = attribute("name", in: line)
                filename = attribute("filename", in: line)
            } else if lower.hasPrefix("content-type:") {
                mimeType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { throw ParamsError("multipart part has no name") }
        if let filename {
            params.files[name] = UploadedFile(filename: filename, mimeType: mimeType, data: content)
        } else {
            params.values[name] = .string(String(decoding: content, as: UTF8.self))
        }
    }

    /// The value of `key="…"` in a Content-Disposition line, unescaping `\"` and `\\`.
    static func attribute(_ key: String, in line: String) -> String? {
        let chars = Array(line)
        let pattern = Array(key + "=\"")
        var i = 0
        while i + pattern.count <= chars.count {
            let precededBySeparator = i == 0 || chars[i - 1] == " " || chars[i - 1] == ";"
            if precededBySeparator, Array(chars[i..<(i + pattern.count)]) == pattern {
                var value = ""
                var j = i + pattern.count
                while j < chars.count, chars[j] != "\"" {
                    if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                    value.append(chars[j])
                    j += 1
                }
                return value
            }
            i += 1
        }
        return nil
    }

    private static func skipLineEnd(_ bytes: [UInt8], _ position: Int) -> Int {
        var p = position
        while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
        if p + 1 < bytes.count, bytes[p] == 0x0D, bytes[p + 1] == 0x0A { return p + 2 }
        return p
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
