import Casework
import Foundation
import Messaging
import Testing
@testable import Engine

/// The relay fetches another messenger's files just before a request goes, and refuses what it cannot.
@Suite struct MediaRelayTests {
    actor Recorder: MessengerClient {
        nonisolated var messenger: Messenger { .max }
        var sent: [WireRequest] = []
        func send(_ request: WireRequest) async throws(DeliveryFailure) -> [Int64] {
            sent.append(request)
            return [1]
        }
    }

    struct TelegramFiles: MediaFetching {
        var messenger: Messenger { .telegram }
        var files: [String: Data]
        func fetch(_ media: MediaRef) async throws(DeliveryFailure) -> FetchedFile {
            guard let data = files[media.fileId] else { throw DeliveryFailure(.refused, code: 400, description: "wrong file identifier") }
            return FetchedFile(data: data, filename: media.kind == .document ? "акт.pdf" : nil)
        }
    }

    func request(_ files: [FileUpload]) -> WireRequest {
        WireRequest(messenger: .max, method: "POST /messages?user_id=1", parameters: Data("{}".utf8), files: files, chatId: 1,
                    countsAgainstLimits: true)
    }

    @Test func theBytesAreFetchedFromTheirHolderBeforeSending() async throws {
        let recorder = Recorder()
        let relay = MediaRelay(recorder, fetchers: [TelegramFiles(files: ["AgAD": Data([1, 2, 3]), "BQAD": Data([9])])])
        let report = FileUpload(partName: "report", filename: "r.xlsx", mimeType: "application/octet-stream", data: Data([7]))
        _ = try await relay.send(request([
            FileUpload(partName: "media0", relaying: MediaRef(kind: .photo, fileId: "AgAD")),
            FileUpload(partName: "media1", relaying: MediaRef(kind: .document, fileId: "BQAD")),
            report,
        ]))
        let sent = try #require(await recorder.sent.first)
        #expect(sent.files.map(\.data) == [Data([1, 2, 3]), Data([9]), Data([7])])
        #expect(sent.files.map(\.filename) == ["photo.jpg", "акт.pdf", "r.xlsx"])
        #expect(sent.files.allSatisfy { $0.fetchFrom == nil })
    }

    @Test func aFileItsHolderRefusesOrNoOneHoldsIsRefusedAndNothingIsSent() async throws {
        let recorder = Recorder()
        let relay = MediaRelay(recorder, fetchers: [TelegramFiles(files: [:])])
        await #expect(throws: DeliveryFailure.self) {
            _ = try await relay.send(request([FileUpload(partName: "media0", relaying: MediaRef(kind: .photo, fileId: "gone"))]))
        }
        let noHolder = MediaRelay(recorder, fetchers: [])
        do {
            _ = try await noHolder.send(request([FileUpload(partName: "media0", relaying: MediaRef(kind: .photo, fileId: "x", messenger: .max))]))
            Issue.record("sent a file no running messenger holds")
        } catch {
            #expect(error.kind == .refused)
        }
        #expect(await recorder.sent.isEmpty)
    }
}
