import Engine
import Foundation
import Logging

/// How each VK service runs: do its work, then wait until it is poked (a transaction queued more), its
/// next row falls due, or `longest` has passed; a failed round is logged and tried again. It runs on
/// the calling service's actor, as its rounds do.
func serviceLoop(_ wakeup: Wakeup, clock: any BotClock, logger: Logger, doing what: String, longest: TimeInterval,
                 isolation: isolated (any Actor)? = #isolation, _ round: () async throws -> Date?) async {
    while !Task.isCancelled {
        var next: Date?
        do {
            next = try await round()
        } catch {
            logger.error("\(what) failed; retrying", metadata: ["error": "\(error)"])
        }
        let until = min(next ?? .distantFuture, clock.now().addingTimeInterval(longest))
        await wakeup.wait { try? await clock.sleep(until: until) }
    }
}
