// libFuzzer target: the source-link parser and a post's text features. Any text, link entity or
// forward origin gives a source without crashing; a canonical link, once found, is itself understood
// as the same source. Any text gives features (tokenizer, stemmer, places, topics) that read back
// from their stored bytes unchanged; any bytes are read as features or refused, never a crash.
import Casework
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSourceLinks(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    // The whole input as the post text, and each line as a link entity's URL.
    let urls = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(8).map(String.init)
    let origins: [ForwardOriginInfo?] = [
        nil, .channel(chatID: -1001234567890, username: urls.first, title: text, messageID: Int64(count)),
        .hiddenUser(name: text),
    ]
    for origin in origins {
        let source = SourceDetector.detect(PostInput(text: text, urls: urls, forwardOrigin: origin))
        if let link = source.link, source.network != .other, origin == nil {
            guard let again = SourceDetector.source(ofLink: link) else {
                fatalError("the canonical link \(link) of \(text.debugDescription) is not understood again")
            }
            precondition(again.network == source.network, "\(link) changed network: \(source.network) → \(again.network)")
        }
    }
    for url in urls { _ = SourceDetector.source(ofLink: url) }

    let features = TextFeatures(text: text)
    precondition(TextFeatures(bytes: features.bytes) == features, "features of \(text.debugDescription) do not read back")
    let selfSimilarity = features.similarity(to: features)
    precondition((0...1).contains(selfSimilarity), "similarity \(selfSimilarity) out of 0…1")
    _ = TextFeatures(bytes: Array(UnsafeBufferPointer(start: bytes, count: count)))
    return 0
}
