import Casework
import Foundation

// The `otklik due --jsonl` line format: {"from": "...", "working_days": N} or {"from": "...", "hours": H}
// in, {"due": "..."} or {"error": "..."} out.
extension DueCalculator {
    /// Answers one JSON line `{"from": "...", "working_days": N}` or `{"from": "...", "hours": H}`.
    func answer(jsonLine line: String) -> Result<(query: DueQuery, due: Date), DueLineError> {
        guard !line.allSatisfy(\.isWhitespace) else { return .failure(DueLineError("empty line")) }
        let object: DueLine
        do {
            object = try JSONDecoder().decode(DueLine.self, from: Data(line.utf8))
        } catch let error as DueLineError {
            return .failure(error)
        } catch {
            return .failure(DueLineError("not a JSON object like {\"from\": \"2024-04-26T15:00:00+07:00\", \"working_days\": 7}"))
        }
        guard let from = InstantText.parse(object.from, zone: zone) else {
            return .failure(DueLineError("from is not an ISO 8601 date-time: \(object.from)"))
        }
        let span: DueQuery.Span
        switch (object.workingDays, object.hours) {
        case (let n?, nil): span = .workingDays(n)
        case (nil, let h?): span = .hours(h)
        case (.some, .some): return .failure(DueLineError("give working_days or hours, not both"))
        case (nil, nil): return .failure(DueLineError("give working_days or hours"))
        }
        if let problem = DueQuery.problem(with: span) { return .failure(DueLineError(problem)) }
        let query = DueQuery(from: from, span: span)
        return .success((query, due(query)))
    }

    /// The output line for one input line: `{"due": "..."}` or `{"error": "..."}`.
    func outputLine(for result: Result<(query: DueQuery, due: Date), DueLineError>) -> String {
        switch result {
        case .success(let answer): "{\"due\": \"\(format(answer.due))\"}"
        case .failure(let error): "{\"error\": \(jsonString(error.message))}"
        }
    }
}

/// Why a JSON line has no answer.
struct DueLineError: Error, Equatable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The fields of one input line, with messages that say what is wrong.
private struct DueLine: Decodable {
    var from: String
    var workingDays: Int?
    var hours: Double?

    enum Keys: String, CodingKey { case from, workingDays = "working_days", hours }

    init(from decoder: Decoder) throws {
        let c: KeyedDecodingContainer<Keys>
        do { c = try decoder.container(keyedBy: Keys.self) } catch { throw DueLineError("not a JSON object") }
        do { from = try c.decode(String.self, forKey: .from) } catch {
            throw DueLineError(c.contains(.from) ? "from must be a string" : "from is missing")
        }
        do { workingDays = try c.decodeIfPresent(Int.self, forKey: .workingDays) } catch {
            throw DueLineError("working_days must be a whole number")
        }
        do { hours = try c.decodeIfPresent(Double.self, forKey: .hours) } catch {
            throw DueLineError("hours must be a number")
        }
    }
}

/// A JSON string literal, escaped.
private func jsonString(_ text: String) -> String { JSONText.quoted(text) }

extension DueCalculator {
    /// Answers JSON lines in order, one output line per input line (an error object for a bad line, so
    /// the lines stay aligned), and reports each bad line and each year counted without a decree on
    /// `diagnostic`. Returns the number of bad lines.
    func answerLines(
        _ lines: some Sequence<String>, output: (String) -> Void, diagnostic: (String) -> Void
    ) -> Int {
        var failures = 0, warnedYears = Set<Int>()
        for (index, line) in lines.enumerated() {
            let result = answer(jsonLine: line)
            switch result {
            case .success(let answer):
                for year in uncoveredYears(answer.query, due: answer.due) where warnedYears.insert(year).inserted {
                    diagnostic(Self.fallbackWarning(year))
                }
            case .failure(let error):
                failures += 1
                diagnostic("line \(index + 1): \(error.message)")
            }
            output(outputLine(for: result))
        }
        return failures
    }

    /// The warning for a year counted by art. 112 alone.
    static func fallbackWarning(_ year: Int) -> String {
        "warning: no production calendar for \(year): counted weekends and Labour Code art. 112 holidays only, "
            + "without the Government's transfers"
    }
}
