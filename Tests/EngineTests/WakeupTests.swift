import Testing
@testable import Engine

/// The scheduler's and the sender's wait: a signal, its timeout, or the waiting task's cancellation
/// ends it (a service group stopping the scheduler cancels it while it waits for the next timer).
@Suite(.timeLimit(.minutes(1))) struct WakeupTests {
    @Test func aCancelledWaitReturnsWithoutASignal() async {
        let wakeup = Wakeup()
        let waiting = Task { await wakeup.wait { try? await Task.sleep(for: .seconds(3600)) } }
        waiting.cancel()
        await waiting.value
        // A signal given after it is kept for the next wait.
        wakeup.signal()
        await wakeup.wait { try? await Task.sleep(for: .seconds(3600)) }
    }

    @Test func aSignalEndsAWait() async {
        let wakeup = Wakeup()
        let waiting = Task { await wakeup.wait { try? await Task.sleep(for: .seconds(3600)) } }
        wakeup.signal()
        await waiting.value
    }
}
