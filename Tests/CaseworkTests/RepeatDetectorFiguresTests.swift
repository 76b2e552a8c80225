import Foundation
import Testing
@testable import Casework

@Suite struct RepeatDetectorFiguresTests {
    @Test func heldOutHalfMeetsTheFloors() throws {
        let pairs = try RepeatPair.load()
        let tune = RepeatScore(pairs.filter { $0.split == "tune" }, detector: RepeatDetector())
        let test = RepeatScore(pairs.filter { $0.split == "test" }, detector: RepeatDetector())
        print("repeat detector, tune half: \(tune)")
        print("repeat detector, held-out half: \(test)")
        for p in test.missed { print("  missed (held-out) #\(p.id) \(p.kind): \(p.new.text) ⟷ \(p.old.text)") }
        for p in test.wrong { print("  wrong (held-out) #\(p.id) \(p.kind): \(p.new.text) ⟷ \(p.old.text)") }
        #expect(test.repeats >= 50 && test.others >= 50)
        #expect(test.hitRate >= 0.9)
        #expect(test.falseProposalRate <= 0.08)
    }
}
