import Foundation

/// What intake computes from a post alone: where it comes from, § 11 screening, its text's features.
/// A pure function of the post, computed before the write transaction and off the writer's thread
/// (it was a fifth of the writer's work per post); it travels with the post's piece into the session
/// and to the case that opens with it.
public struct PostAnalysis: Sendable, Equatable {
    public var source: PostSource
    public var screening: ScreeningResult
    public var features: TextFeatures

    public init(_ input: PostInput, screen: (String) -> ScreeningResult) {
        source = SourceDetector.detect(input)
        screening = screen(input.text)
        features = TextFeatures(text: input.text)
    }
}

// Kept in the session between a post's arrival and its case: the features as their stored bytes.
extension PostAnalysis: Codable {
    enum CodingKeys: String, CodingKey { case source, screening, features }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(PostSource.self, forKey: .source)
        screening = try c.decode(ScreeningResult.self, forKey: .screening)
        guard let features = TextFeatures(bytes: [UInt8](try c.decode(Data.self, forKey: .features))) else {
            throw DecodingError.dataCorruptedError(forKey: .features, in: c, debugDescription: "text features of another format")
        }
        self.features = features
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(screening, forKey: .screening)
        try c.encode(Data(features.bytes), forKey: .features)
    }
}
