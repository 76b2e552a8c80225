import Casework
import Engine
import Foundation
import Logging
import Store
import VKAPI

/// Reads the VK links specialists share, one at a time within the service key's 3 requests/s: takes
/// the pending rows the bot wrote, asks VK, and writes each result in its own transaction, which also
/// settles the waiting intake (`finishVKRead`). A crash loses nothing: a row stays pending until its
/// result commits, and reading again is harmless.
public actor VKReader {
    let database: AppDatabase
    let client: any VKAPIClient
    let clock: any BotClock
    let logger: Logger
    let afterCommit: @Sendable () -> Void
    private let wakeup = Wakeup()

    /// `afterCommit`: a result was written (the scheduler should look at the settle it set).
    public init(database: AppDatabase, client: any VKAPIClient, clock: any BotClock, logger: Logger,
                afterCommit: @escaping @Sendable () -> Void) {
        self.database = database
        self.client = client
        self.clock = clock
        self.logger = logger
        self.afterCommit = afterCommit
    }

    /// A transaction may have asked for a read: look now.
    public nonisolated func poke() { wakeup.signal() }

    public func run() async {
        await serviceLoop(wakeup, clock: clock, logger: logger, doing: "reading VK links", longest: 5) {
            try await readPending()
            return nil
        }
    }

    /// Reads every pending link, oldest first, and resolves the screen names asked for.
    public func readPending() async throws {
        try await resolvePendingNames()
        while !Task.isCancelled {
            let pending = try await database.read { db in try db.pendingVKReads(limit: 8) }
            guard !pending.isEmpty else { return }
            for request in pending {
                let result = await VKPostReading.read(request.address, with: client)
                // Stopping: the row stays pending and is read at the next start.
                if Task.isCancelled { return }
                if case let .unavailable(reason) = result {
                    logger.warning("a VK link could not be read", metadata: ["link": "\(request.address.link)", "reason": "\(reason)"])
                }
                let now = clock.now()
                try await database.write { db in
                    _ = try db.finishVKRead(request.address, requestedAt: request.requestedAt, result: result, at: now)
                }
                afterCommit()
            }
        }
    }

    /// `utils.resolveScreenName` for each name an intake waits for. A name VK does not know is recorded
    /// as such; a failure to ask leaves it pending for the next look (the intake does not wait past its limit).
    func resolvePendingNames() async throws {
        let pending = try await database.read { db in try db.pendingVKNames(limit: 8) }
        for request in pending {
            let owner: Int64?
            do {
                owner = try await client.resolveScreenName(request.name)?.ownerId
            } catch {
                if case .cancelled = error { return }
                logger.warning("a VK screen name could not be resolved", metadata: ["name": "\(request.name)", "error": "\(error)"])
                continue
            }
            let now = clock.now()
            try await database.write { db in try db.finishVKName(request.name, ownerId: owner, at: now) }
            afterCommit()
        }
    }
}
