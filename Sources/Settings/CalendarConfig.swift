import Casework
import Foundation
import Yams

/// The little of `otklik.yaml` that `otklik calendar due` needs: the zone and the calendar folder.
/// A stand-in until the full settings loader reads the whole file.
public struct CalendarConfig: Sendable {
    /// The zone used when the config names none.
    public static let defaultZoneIdentifier = "Asia/Barnaul"

    public var zone: CalendarZone
    /// `calendar/` in the config file's folder.
    public var calendarFolder: String

    /// Reads `timezone` from the file at `configPath`; a missing file or key means Asia/Barnaul.
    public static func read(configPath: String) throws(ConfigError) -> CalendarConfig {
        let folder = ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("calendar")
        var identifier = defaultZoneIdentifier
        if FileManager.default.fileExists(atPath: configPath) {
            let file = try YAMLFile.load(configPath)
            if let node = file.root.mapping?["timezone"] {
                guard let text = node.scalar?.string, !text.isEmpty else {
                    throw file.error("timezone must be an IANA zone name such as Asia/Barnaul", at: node)
                }
                identifier = text
                guard CalendarZone(identifier: identifier) != nil else {
                    throw file.error("unknown time zone '\(text)'; use an IANA name such as Asia/Barnaul", at: node)
                }
            }
        }
        return CalendarConfig(zone: CalendarZone(identifier: identifier)!, calendarFolder: folder)
    }
}
