/// A value inserted into a template. Text is HTML-escaped by `{{name}}`; only `.html` — a fragment
/// already rendered from a template — may go into `{{{name}}}`.
public enum DialogValue: Sendable, Equatable {
    /// Plain text (user input, names, post excerpts): always escaped.
    case text(String)
    case int(Int)
    /// For `{{#flag}}…{{/flag}}` and `{{^flag}}…{{/flag}}`.
    case bool(Bool)
    /// For `{{#items}}…{{/items}}`: each dictionary is one repetition.
    case list([[String: DialogValue]])
    /// Telegram HTML rendered earlier by `Dialogs.render`, inserted as is by `{{{name}}}`.
    case html(String)
}

extension DialogValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
