import Foundation

/// Why a VK call failed: VK's own error envelope (`{"error":{"error_code":…}}`), or the way there.
public enum VKAPIError: Error, Sendable, Equatable {
    /// VK refused: `code` from `errors.json`; a captcha comes with error 14.
    case api(code: Int, message: String, captcha: VKCaptcha?)
    /// No answer, or not a complete one (timeout, connection reset, 5xx): the call may have taken effect.
    case ambiguous(String)
    /// The answer was not what the method returns.
    case decoding(String)
    /// The service is stopping.
    case cancelled
    /// The call was not made: no token of the kind the method needs, or bad arguments.
    case notConfigured(String)

    /// The error code when VK answered with one.
    public var code: Int? {
        if case let .api(code, _, _) = self { return code }
        return nil
    }
}

/// The VK error codes the service acts on (VK API `errors.json`).
public enum VKErrorCode {
    public static let unknown = 1
    public static let userAuthorizationFailed = 5
    public static let tooManyRequests = 6
    public static let floodControl = 9
    public static let internalError = 10
    public static let captchaNeeded = 14
    public static let accessDenied = 15
    public static let deleted = 18
    public static let groupAuthorizationFailed = 27
    public static let rateLimitReached = 29
    public static let privateProfile = 30
    public static let invalidParameter = 100
    public static let postAccessDenied = 210
    public static let commentAccessDenied = 212
    public static let commentsClosed = 213
    public static let hyperlinksForbidden = 222
    public static let tooManyReplies = 223
}
