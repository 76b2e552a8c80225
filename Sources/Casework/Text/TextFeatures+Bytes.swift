/// Text features as compact bytes, kept beside each case in the store: repeat detection compares a
/// new post with its author's earlier cases of any age, and recomputing their features from the text
/// made intake slow down as the store grew (Benchmarks/README.md, figure 7).
extension TextFeatures {
    /// Bump when the tokenizer, stemmer, topics or hashing change: stored features of another version
    /// are not read, and the text is analysed again.
    public static let formatVersion: UInt8 = 1

    /// The features as bytes (little-endian): version, topics, counts, stem and trigram hashes, places.
    public var bytes: [UInt8] {
        var out: [UInt8] = [Self.formatVersion]
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func append(_ text: String) {
            let utf8 = Array(text.utf8.prefix(Int(UInt16.max - 1)))
            append(UInt16(utf8.count))
            out.append(contentsOf: utf8)
        }
        append(topicMask)
        append(UInt32(stemKeys.count))
        append(UInt32(gramKeys.count))
        append(UInt32(places.count))
        stemKeys.forEach { append($0) }
        gramKeys.forEach { append($0) }
        for place in places {
            out.append(place.kind == .street ? 0 : 1)
            append(place.name)
            if let house = place.house { out.append(1); append(house) } else { out.append(0) }
        }
        return out
    }

    /// Features read back from `bytes`; nil for another version or damaged bytes.
    public init?(bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes)
        guard reader.byte() == Self.formatVersion, let topics: UInt32 = reader.integer(),
              let stemCount: UInt32 = reader.integer(), let gramCount: UInt32 = reader.integer(),
              let placeCount: UInt32 = reader.integer(),
              Int(stemCount) + Int(gramCount) <= bytes.count / 8 else { return nil }
        var stems: [UInt64] = [], grams: [UInt64] = [], places: [Place] = []
        stems.reserveCapacity(Int(stemCount))
        grams.reserveCapacity(Int(gramCount))
        for _ in 0..<stemCount { guard let key: UInt64 = reader.integer() else { return nil }; stems.append(key) }
        for _ in 0..<gramCount { guard let key: UInt64 = reader.integer() else { return nil }; grams.append(key) }
        for _ in 0..<placeCount {
            guard let kind = reader.byte(), kind <= 1, let name = reader.text(), let hasHouse = reader.byte() else { return nil }
            var house: String?
            if hasHouse == 1 { guard let text = reader.text() else { return nil }; house = text }
            places.append(Place(kind: kind == 0 ? .street : .landmark, name: name, house: house))
        }
        guard reader.atEnd else { return nil }
        self.init(places: places, topicMask: topics, stemKeys: stems, gramKeys: grams)
    }
}

/// Reads little-endian integers and length-prefixed UTF-8 from bytes, answering nil past the end.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer<T: FixedWidthInteger>() -> T? {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { return nil }
        var value: T = 0
        for i in (0..<size).reversed() { value = value << 8 | T(bytes[offset + i]) }
        offset += size
        return value
    }

    mutating func text() -> String? {
        guard let length: UInt16 = integer(), offset + Int(length) <= bytes.count else { return nil }
        defer { offset += Int(length) }
        return String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
    }
}
