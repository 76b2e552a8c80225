import Casework
import Foundation
import Messaging

/// What intake computes from a post alone: where it comes from, § 11 screening, its text's features.
/// A pure function of the post, so it can be computed before the write transaction, off the writer's
/// thread (see `BotHandler.analyseAhead`): it was a fifth of the writer's work per post.
struct PostAnalysis: Sendable {
    var source: PostSource
    var screening: ScreeningResult
    var features: TextFeatures

    init(_ input: PostInput, screen: (String) -> ScreeningResult) {
        source = SourceDetector.detect(input)
        screening = screen(input.text)
        features = TextFeatures(text: input.text)
    }
}

/// Posts analysed ahead of their transaction, each taken once by the case it opens. Bounded: a
/// message that never becomes a case (a draft, a reply) is forgotten in time. 500 hold the posts of
/// the settle delay (1.5 s) at rates far above a city's; beyond that (a flood of hundreds a second),
/// the oldest are evicted and their cases analyse the post themselves, as do posts of several messages.
typealias AnalysisCache = BoundedCache<PostInput, PostAnalysis>

extension BotHandler {
    /// Analyses the posts among `updates` before they are handled, on the concurrency pool (both its
    /// threads), while the writer's thread is busy with earlier transactions.
    /// Any private message with text may become a case's post; commands do not. Handling takes the
    /// result when a case opens with exactly that post, and computes it itself otherwise.
    public func prepare(_ updates: [InboundUpdate]) async { await analyseAhead(updates) }

    public func analyseAhead(_ updates: [InboundUpdate]) async {
        let inputs = updates.compactMap { update -> PostInput? in
            guard case let .message(m) = update.event, m.isPrivate, m.from?.isBot == false,
                  !m.text.isEmpty, !m.text.hasPrefix("/") else { return nil }
            return PostInput(text: m.text, urls: m.links, forwardOrigin: m.forwardOrigin)
        }
        guard !inputs.isEmpty else { return }
        // In small tasks at low priority: the pool's two threads also run the sender, the scheduler and
        // the delivery reports, which must not wait behind half a batch of analysis.
        let env = self.env
        await withTaskGroup(of: Void.self) { group in
            for start in stride(from: 0, to: inputs.count, by: 4) {
                let part = inputs[start..<min(start + 4, inputs.count)]
                group.addTask(priority: .low) {
                    for input in part { env.analyses.store(input, env.analyse(input)) }
                }
            }
        }
    }
}

extension BotEnvironment {
    func analyse(_ input: PostInput) -> PostAnalysis { PostAnalysis(input, screen: screen) }
}
