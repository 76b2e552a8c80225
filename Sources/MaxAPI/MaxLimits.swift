/// MAX's limits as the transport and the sandbox keep them. Sources: `shared/reference/max-bot-api/`
/// (FACTS.md, and schema.yaml v0.0.33 "[S33]").
public enum MaxLimits {
    /// `NewMessageBody.text` maxLength 4000 [S33]; counted in Unicode scalars, as JSON Schema counts.
    public static let textLength = 4000
    /// `CallbackButton.payload` maxLength 1024 [S33].
    public static let callbackPayloadLength = 1024
    /// `Button.text` minLength 1, maxLength 128 [S33].
    public static let buttonTextLength = 1...128
    /// `LinkButton.url` maxLength 2048 [S33].
    public static let linkURLLength = 2048
    /// "30 rows × 7 buttons" (third party, green-api.com; MAX's own schemas name no limit).
    public static let keyboardRows = 30
    public static let keyboardRowWidth = 7
    /// `GET /updates`: at most 2 requests/s (MAX e-mail of 11.05.2026, FACTS §2).
    public static let pollsPerSecond = 2
    /// `GET /updates?timeout` is 0…90 s [S33]; MAX asks for 30 s (FACTS §2), which we use.
    public static let pollTimeoutRange = 0...90
    public static let pollTimeoutSeconds = 30
    /// `GET /updates?limit` is 1…1000 [S33], but a batch holds at most 100 events (FACTS §2).
    public static let pollLimitRange = 1...1000
    public static let batchSize = 100
    /// Events not fetched within 24 h are deleted (FACTS §2).
    public static let eventTTLSeconds: Int64 = 24 * 3600
    /// Every method together: 30 requests/s (FACTS §9, [DEV] `POST /uploads`).
    public static let requestsPerSecond = 30
    /// `SubscriptionRequestBody.secret`: 5–256 characters of `[A-Za-z0-9_-]` [S33].
    public static let webhookSecretLength = 5...256
    /// A webhook answer must come within 30 s ([DEV] `POST /subscriptions`).
    public static let webhookAnswerSeconds = 30
    /// At most 32 commands in the menu (`BotCommandsPatch.commands` maxItems) [S33].
    public static let commandCount = 32
    /// `BotCommand.name` 1…64, `description` 1…128 [S33].
    public static let commandNameLength = 1...64
    public static let commandDescriptionLength = 1...128
    /// In dialogs, a message without an inline keyboard can be edited only within 7 days ([DEV] `PUT /messages`).
    public static let editWindowSeconds: Int64 = 7 * 24 * 3600
    /// Waits before re-sending a message whose upload is `attachment.not.ready` (FACTS §8: official clients
    /// wait 1 s and 2 s; we allow a large video longer).
    public static let attachmentNotReadyWaits: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8)]

    /// Whether `secret` may be a webhook secret: `^[\w-]{5,256}$` (ASCII letters, digits, `_`, `-`).
    public static func isValidWebhookSecret(_ secret: String) -> Bool {
        webhookSecretLength.contains(secret.unicodeScalars.count) && secret.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
    }

    /// The length MAX measures a text or payload in.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }
}
