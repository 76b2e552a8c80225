/// Links a message carries, for finding the source of a forwarded post.
extension Message {
    /// `url` entities (cut out of the text by UTF-16 offsets) and `text_link` targets, in order.
    /// Offsets come from the wire and are not trusted: an entity outside the text is skipped.
    public var linkURLs: [String] {
        let utf16 = Array((textOrCaption ?? "").utf16)
        return allEntities.compactMap { entity in
            switch entity.type {
            case "text_link": return entity.url
            case "url":
                // `offset + length` could overflow Int; compare against what is left instead.
                guard entity.offset >= 0, entity.length > 0, entity.offset <= utf16.count,
                      entity.length <= utf16.count - entity.offset else { return nil }
                return String(decoding: utf16[entity.offset..<(entity.offset + entity.length)], as: UTF16.self)
            default: return nil
            }
        }
    }
}
