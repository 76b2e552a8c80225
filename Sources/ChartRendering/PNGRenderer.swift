import CSVG
import Foundation

/// SVG to PNG with librsvg (through the CSVG shim, which loads it at the first chart): how the report
/// charts drawn as SVG reach a chat, which shows pictures, not SVG. Fonts come from fontconfig
/// (fonts-dejavu-core has Cyrillic). Without librsvg, reports go without a picture.
public enum PNGRenderer {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The picture `width` pixels wide, its height in proportion to the SVG's.
    public static func png(fromSVG svg: String, width: Int) throws(Failure) -> Data {
        var bytes = Array(svg.utf8)
        var png: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message: UnsafeMutablePointer<CChar>?
        let status = bytes.withUnsafeMutableBytes { raw in
            csvg_render_png(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, Int32(width), &png, &length, &message)
        }
        defer {
            csvg_free(png)
            csvg_free(message)
        }
        guard status == 0, let png else {
            let detail = status == -7 ? "librsvg is not installed (Debian: apt-get install librsvg2-2 fonts-dejavu-core)"
                : message.map { String(cString: $0) } ?? "code \(status)"
            throw Failure(description: "the chart could not be drawn: \(detail)")
        }
        return Data(bytes: png, count: length)
    }

    /// A PNG's pixels as 32-bit ARGB, row after row (for comparing a picture with its golden copy).
    public static func pixels(ofPNG png: Data) throws(Failure) -> (width: Int, height: Int, argb: [UInt32]) {
        var pixels: UnsafeMutablePointer<UInt32>?
        var width: Int32 = 0, height: Int32 = 0
        let status = png.withUnsafeBytes { raw in
            csvg_decode_png(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), raw.count, &pixels, &width, &height)
        }
        defer { csvg_free(pixels) }
        guard status == 0, let pixels else { throw Failure(description: "not a PNG (code \(status))") }
        return (Int(width), Int(height), Array(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height))))
    }

    /// The share of pixels whose colour differs noticeably (any channel by more than 48), or 1 when the
    /// sizes differ.
    public static func difference(_ a: Data, _ b: Data) throws(Failure) -> Double {
        let x = try pixels(ofPNG: a), y = try pixels(ofPNG: b)
        guard x.width == y.width, x.height == y.height, !x.argb.isEmpty else { return 1 }
        var differing = 0
        for (p, q) in zip(x.argb, y.argb) where p != q {
            for shift in stride(from: 0, to: 32, by: 8) {
                let d = abs(Int((p >> UInt32(shift)) & 0xFF) - Int((q >> UInt32(shift)) & 0xFF))
                if d > 48 { differing += 1; break }
            }
        }
        return Double(differing) / Double(x.argb.count)
    }
}
