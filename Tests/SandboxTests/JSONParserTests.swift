import BotAPI
import Foundation
import Testing
@testable import Sandbox

/// The sandbox's JSON parser reads request bodies as JSONSerialization does, and refuses what it refuses.
@Suite struct JSONParserTests {
    /// JSONSerialization's reading, as JSONValue (booleans are NSNumbers of type "c").
    func foundation(_ text: String) -> JSONValue? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) else { return nil }
        func convert(_ any: Any) -> JSONValue {
            switch any {
            case let s as String: return .string(s)
            case let n as NSNumber:
                if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
                return .number(n.doubleValue)
            case let a as [Any]: return .array(a.map(convert))
            case let o as [String: Any]: return .object(o.mapValues(convert))
            default: return .null
            }
        }
        return convert(any)
    }

    @Test(arguments: [
        #"{"chat_id":100001,"text":"Обращение №1 <b>яма</b>","parse_mode":"HTML"}"#,
        #"{"reply_markup":{"inline_keyboard":[[{"text":"Дороги","callback_data":"route:1:roads"}],[]]}}"#,
        #"{"a":[1,-2,3.5,-0.25e2,1E3,0],"b":true,"c":false,"d":null,"e":{},"f":[]}"#,
        #"{"esc":"q\"b\\s\/n\nt\tr\ru\u0041\u00e9\u044f\ud83d\ude00 b\b f\f"}"#,
        #"  {"sp" : [ 1 , { "x" : "y" } ] }  "#,
        #"{"big":-9007199254740993,"ids":[8000000001,123456789012]}"#,
        #""just a string""#, "42", "true", "null", "[]",
        // JSONSerialization lets a trailing comma pass; so does the sandbox, as it always has.
        "[1,]", #"{"a":1,}"#,
    ])
    func readsWhatFoundationReads(_ text: String) throws {
        let ours = try JSONParser.parse(Array(text.utf8))
        #expect(ours == foundation(text))
    }

    @Test(arguments: [
        "", "{", "}", #"{"a":}"#, #"{"a" 1}"#, "[1 2]", "[,]", "[1,,]", #"{"a":1} x"#, "01", "1.", ".5", "-",
        "1e", "+1", "tru", "nul", #"{a:1}"#, #"{"a":'x'}"#, "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud800""#,
        #""\udc00""#, "[\"unterminated", "NaN", "Infinity",
    ])
    func refusesWhatFoundationRefuses(_ text: String) {
        #expect(foundation(text) == nil, "JSONSerialization accepts \(text)")
        #expect((try? JSONParser.parse(Array(text.utf8))) == nil, "\(text) was accepted")
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect((try? JSONParser.parse([0x22, 0xFF, 0xFE, 0x22])) == nil)
        #expect((try? JSONParser.parse(Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8))) == nil)
        #expect((try? JSONParser.parse(Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8))) != nil)
    }

    @Test func aKeyboardOfStringsIsReadAsDecodingReadsIt() throws {
        let rows = try JSONParser.parse(Array(#"[[{"text":"A","callback_data":"x:1"},{"text":"B","url":"https://t.me/x"}],[{"text":"C","callback_data":"y","extra":5}]]"#.utf8))
        let decoded = try BotWire.makeDecoder().decode(InlineKeyboardMarkup.self,
                                                        from: Data(#"{"inline_keyboard":[[{"text":"A","callback_data":"x:1"},{"text":"B","url":"https://t.me/x"}],[{"text":"C","callback_data":"y","extra":5}]]}"#.utf8))
        #expect(Sandbox.plainKeyboard(rows) == decoded)
        // A field of another type is left to decoding (which refuses it).
        let odd = try JSONParser.parse(Array(#"[[{"text":"A","callback_data":"x","url":7}]]"#.utf8))
        #expect(Sandbox.plainKeyboard(odd) == nil)
    }
}
