import Casework
import Foundation
import Messaging

extension BotHandler {
    /// Analyses the posts among `updates` before they are handled, on the concurrency pool (both its
    /// threads), while the writer's thread is busy with earlier transactions. Any private message
    /// with text may become a case's post; commands do not. The analysis goes with the message into
    /// its piece; a case of several pieces analyses their joined text when it opens.
    public func prepare(_ updates: [InboundUpdate]) async -> [PostAnalysis?] {
        let inputs = updates.map { update -> PostInput? in
            guard case let .message(m) = update.event, m.isPrivate, m.from?.isBot == false,
                  !m.text.isEmpty, !m.text.hasPrefix("/") else { return nil }
            return PostInput(text: m.text, urls: m.links, forwardOrigin: m.forwardOrigin)
        }
        var analyses = [PostAnalysis?](repeating: nil, count: updates.count)
        guard inputs.contains(where: { $0 != nil }) else { return analyses }
        // In small tasks at low priority: the pool's two threads also run the sender, the scheduler and
        // the delivery reports, which must not wait behind half a batch of analysis.
        let env = self.env
        await withTaskGroup(of: [(Int, PostAnalysis)].self) { group in
            for start in stride(from: 0, to: inputs.count, by: 4) {
                let part = Array(inputs.enumerated())[start..<min(start + 4, inputs.count)]
                group.addTask(priority: .low) {
                    part.compactMap { index, input in input.map { (index, env.analyse($0)) } }
                }
            }
            for await done in group { for (index, analysis) in done { analyses[index] = analysis } }
        }
        return analyses
    }
}

extension BotEnvironment {
    func analyse(_ input: PostInput) -> PostAnalysis { PostAnalysis(input, screen: screen) }
}
