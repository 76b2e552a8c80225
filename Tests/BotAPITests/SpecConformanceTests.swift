import Foundation
import Testing
@testable import BotAPI

/// Checks every model and method against the machine-readable Bot API 10.1, as extracted into
/// Fixtures/bot-api-extract.json by `make spec-extract`: field names exist in the spec, JSON types
/// agree, fields the spec requires are non-optional here, and fields it marks optional are optional.
@Suite struct SpecConformanceTests {
    static let loaded = APISpec.load()
    static var spec: APISpec { loaded.spec ?? APISpec() }

    /// The extract is committed, so a missing or unreadable one fails here (and every test that needs it
    /// fails on its own), without stopping the rest of the suite.
    @Test func theCommittedExtractReads() throws {
        if let problem = Self.loaded.problem { Issue.record("\(problem)") }
        #expect(Self.spec.version == "Bot API 10.1")
        #expect(Self.spec.types.count > 300 && Self.spec.methods.count > 150)
    }

    /// Swift model → spec type name.
    static var models: [(any Codable.Type, String)] { [
        (User.self, "User"), (Chat.self, "Chat"), (MessageEntity.self, "MessageEntity"),
        (PhotoSize.self, "PhotoSize"), (Video.self, "Video"), (Document.self, "Document"),
        (File.self, "File"), (BotCommand.self, "BotCommand"), (MessageId.self, "MessageId"),
        (Message.self, "Message"), (CallbackQuery.self, "CallbackQuery"),
        (ChatMemberUpdated.self, "ChatMemberUpdated"), (ChatMember.self, "ChatMemberMember"),
        (ResponseParameters.self, "ResponseParameters"), (InlineKeyboardMarkup.self, "InlineKeyboardMarkup"),
        (InlineKeyboardButton.self, "InlineKeyboardButton"), (ForceReply.self, "ForceReply"),
        (ReplyParameters.self, "ReplyParameters"), (LinkPreviewOptions.self, "LinkPreviewOptions"),
        (InputMedia.self, "InputMediaPhoto"),
    ] }

    @Test(arguments: Array(models.indices))
    func modelMatchesSpec(index: Int) throws {
        let (type, name) = Self.models[index]
        let spec = try #require(Self.spec.types[name], "\(name) is not in the Bot API extract")

        // 1. A JSON object with only the spec's required fields decodes: we require nothing extra.
        let minimal = Self.spec.sample(type: name, full: false)
        let fromMinimal = try decodeAny(type, minimal)

        // 2. A JSON object with every field decodes (so our types for them are right) and re-encodes
        //    to keys the spec knows, each with the spec's JSON type.
        let full = Self.spec.sample(type: name, full: true)
        let fromFull = try decodeAny(type, full)
        let encoded = try #require(try encodeToJSON(fromFull).objectValue)
        for (key, value) in encoded {
            let field = try #require(spec.field(key), "\(name).\(key) is not a field of the spec")
            #expect(field.accepts(value), "\(name).\(key): JSON \(value) does not match \(field.types)")
        }

        // 3. Stored properties: names are spec fields; optionality agrees with `required`.
        for child in Mirror(reflecting: fromMinimal).children {
            guard let label = child.label else { continue }
            let key = snakeCase(label)
            let field = try #require(spec.field(key), "\(name): property \(label) (\(key)) is not in the spec")
            let isOptional = child.value is any AnyOptional
            if field.required { #expect(!isOptional, "\(name).\(key) is required by the spec but optional here") }
            else if key != "force_reply" { #expect(isOptional, "\(name).\(key) is optional in the spec but required here") }
        }
    }

    @Test(arguments: ["MessageOriginUser", "MessageOriginHiddenUser", "MessageOriginChat", "MessageOriginChannel"])
    func everyMessageOriginKindRoundTrips(name: String) throws {
        let spec = try #require(Self.spec.types[name])
        let minimal = try decode(MessageOrigin.self, Self.spec.sample(type: name, full: false))
        #expect(minimal.date == 1)
        let full = Self.spec.sample(type: name, full: true)
        let encoded = try #require(try encodeToJSON(try decode(MessageOrigin.self, full)).objectValue)
        // Every field of the kind survives the round trip, with the spec's type.
        #expect(Set(encoded.keys) == Set(full.objectValue?.keys ?? [:].keys))
        for (key, value) in encoded { #expect(spec.field(key)?.accepts(value) == true, "\(name).\(key)") }
    }

    @Test func updateKindsUseSpecFieldNames() throws {
        let spec = try #require(Self.spec.types["Update"])
        for kind in ["message", "edited_message", "callback_query", "my_chat_member"] {
            let field = try #require(spec.field(kind))
            let payload = Self.spec.sample(type: field.types[0], full: true)
            let update = try decode(Update.self, .object(["update_id": .number(7), kind: payload]))
            #expect(update.updateId == 7)
            if case .unknown = update.kind { Issue.record("\(kind) decoded as unknown") }
            let encoded = try #require(try encodeToJSON(update).objectValue)
            #expect(Set(encoded.keys) == ["update_id", kind])
        }
    }

    static let methods: [(any BotMethod, String)] = [
        (GetMe(), "getMe"), (GetUpdates(offset: 5, allowedUpdates: ["message"]), "getUpdates"),
        (DeleteWebhook(dropPendingUpdates: false), "deleteWebhook"),
        (SendMessage(chatId: 1, text: "t", replyMarkup: .inlineKeyboard(.init([[.init(text: "a", callbackData: "b")]])),
                     replyTo: 3, disableNotification: true), "sendMessage"),
        (EditMessageText(chatId: 1, messageId: 2, text: "t", replyMarkup: .init([])), "editMessageText"),
        (EditMessageReplyMarkup(chatId: 1, messageId: 2, replyMarkup: .init([])), "editMessageReplyMarkup"),
        (AnswerCallbackQuery(callbackQueryId: "q", text: "t", showAlert: true), "answerCallbackQuery"),
        (SendPhoto(chatId: 1, photo: .existing("f"), caption: "c", replyMarkup: .forceReply(.init()), replyTo: 2), "sendPhoto"),
        (SendVideo(chatId: 1, video: .existing("f"), caption: "c", replyTo: 2), "sendVideo"),
        (SendDocument(chatId: 1, document: .existing("f"), caption: "c", replyTo: 2), "sendDocument"),
        (SendMediaGroup(chatId: 1, media: [.photo(.existing("a"), caption: "c"), .video(.existing("b"))], replyTo: 2), "sendMediaGroup"),
        (CopyMessage(chatId: 1, fromChatId: 2, messageId: 3, caption: "c", parseMode: "HTML"), "copyMessage"),
        (SetMyCommands(commands: [.init(command: "help", description: "d")], scope: .chat(5), languageCode: "ru"), "setMyCommands"),
        (GetFile(fileId: "f"), "getFile"),
    ]

    @Test(arguments: Array(methods.indices))
    func methodMatchesSpec(index: Int) throws {
        let (method, name) = Self.methods[index]
        #expect(type(of: method).name == name)
        let spec = try #require(Self.spec.methods[name], "\(name) is not in the Bot API extract")
        let encoded = try #require(try encodeToJSON(method).objectValue)
        for (key, value) in encoded {
            let field = try #require(spec.field(key), "\(name): parameter \(key) is not in the spec")
            #expect(field.accepts(value), "\(name).\(key): \(value) does not match \(field.types)")
        }
        for field in spec.fields where field.required {
            #expect(encoded[field.name] != nil, "\(name) must send the required parameter \(field.name)")
        }
        for child in Mirror(reflecting: method).children {
            guard let label = child.label else { continue }
            #expect(spec.field(snakeCase(label)) != nil, "\(name): property \(label) is not a parameter")
        }
    }

    // MARK: helpers

    func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws -> T {
        try BotWire.makeDecoder().decode(T.self, from: JSONEncoder().encode(json))
    }

    func decodeAny(_ type: any Codable.Type, _ json: JSONValue) throws -> any Codable {
        try BotWire.makeDecoder().decode(type, from: JSONEncoder().encode(json))
    }

    func encodeToJSON(_ value: any Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: BotWire.makeEncoder().encode(value))
    }

    func snakeCase(_ camel: String) -> String {
        var out = ""
        for ch in camel {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}

protocol AnyOptional {}
extension Optional: AnyOptional {}

/// The parts of the Bot API spec the conformance tests read.
struct APISpec {
    struct Field {
        var name: String
        var types: [String]
        var required: Bool
        /// The value a discriminator (`type`, `status`) must hold, or an example of one it may.
        var value: String?

        /// Whether a decoded JSON value has one of the spec's types.
        func accepts(_ value: JSONValue) -> Bool {
            types.contains { APISpec.jsonValue(value, matches: $0) }
        }
    }

    struct Entry {
        var fields: [Field]
        var subtypes: [String]
        func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    var version = ""
    var types: [String: Entry] = [:]
    var methods: [String: Entry] = [:]

    static let extract = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bot-api-extract.json")

    /// Reads the committed extract; a problem is reported, never a crash, so the rest of the suite runs.
    static func load() -> (spec: APISpec?, problem: String?) {
        do {
            let data = try Data(contentsOf: extract)
            return (try parse(data), nil)
        } catch {
            return (nil, "the Bot API extract \(extract.path) cannot be read: \(error) (make spec-extract writes it)")
        }
    }

    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func parse(_ data: Data) throws -> APISpec {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Malformed(description: "the top level is not an object")
        }
        func entries(_ key: String) throws -> [String: Entry] {
            guard let section = root[key] as? [String: [String: Any]] else { throw Malformed(description: "no \(key)") }
            var out: [String: Entry] = [:]
            for (name, obj) in section {
                let fields = try (obj["fields"] as? [[String: Any]] ?? []).map { raw in
                    guard let field = raw["name"] as? String, let types = raw["types"] as? [String] else {
                        throw Malformed(description: "\(name) has a field without a name or types")
                    }
                    return Field(name: field, types: types, required: raw["required"] as? Bool ?? false,
                                 value: raw["value"] as? String)
                }
                out[name] = Entry(fields: fields, subtypes: obj["subtypes"] as? [String] ?? [])
            }
            return out
        }
        var spec = APISpec()
        spec.version = root["version"] as? String ?? ""
        spec.types = try entries("types")
        spec.methods = try entries("methods")
        return spec
    }

    static func jsonValue(_ value: JSONValue, matches type: String) -> Bool {
        switch (type, value) {
        case (_, .array) where type.hasPrefix("Array of "): return true
        case ("Integer", .number(let n)): return n.rounded() == n
        case ("Float", .number): return true
        case ("String", .string), ("InputFile", .string): return true
        case ("Boolean", .bool), ("True", .bool): return true
        case (_, .object): return !["Integer", "Float", "String", "Boolean", "True"].contains(type) && !type.hasPrefix("Array of ")
        default: return false
        }
    }

    /// A sample JSON object of a spec type: required fields only, or every field (nested objects
    /// then carry only their required fields, which keeps recursive types finite).
    func sample(type name: String, full: Bool, depth: Int = 0) -> JSONValue {
        guard let entry = types[name] else { return .object([:]) }
        if !entry.subtypes.isEmpty {
            // A union: the first concrete kind (a Message for MaybeInaccessibleMessage).
            let pick = name == "MaybeInaccessibleMessage" ? "Message" : entry.subtypes[0]
            return sample(type: pick, full: full, depth: depth)
        }
        var out: [String: JSONValue] = [:]
        for field in entry.fields where field.required || (full && depth == 0) {
            out[field.name] = sampleValue(field: field, depth: depth)
        }
        return .object(out)
    }

    private func sampleValue(field: Field, depth: Int) -> JSONValue {
        if let fixed = field.value { return .string(fixed) }
        return value(ofType: field.types[0], depth: depth)
    }

    private func value(ofType type: String, depth: Int) -> JSONValue {
        if type.hasPrefix("Array of ") { return .array([value(ofType: String(type.dropFirst(9)), depth: depth)]) }
        switch type {
        case "Integer": return .number(1)
        case "Float": return .number(1.5)
        case "String", "InputFile": return .string("s")
        case "Boolean", "True": return .bool(true)
        default: return depth > 6 ? .object([:]) : sample(type: type, full: false, depth: depth + 1)
        }
    }
}
