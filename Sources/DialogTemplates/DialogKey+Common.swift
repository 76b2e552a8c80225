// Keys of the texts every feature shares (Dialogs/<lang>/common.yaml, errors.yaml, help.yaml).
// Features declare their own keys the same way, in their own extension, with a list for the test
// that every key exists in every language.
extension DialogKey {
    public static let buttonCancel: DialogKey = "button.cancel"
    public static let buttonBack: DialogKey = "button.back"
    public static let buttonYes: DialogKey = "button.yes"
    public static let buttonNo: DialogKey = "button.no"
    public static let buttonDone: DialogKey = "button.done"
    public static let buttonApprove: DialogKey = "button.approve"

    public static let cancelled: DialogKey = "common.cancelled"
    /// Plural: render with `count:`.
    public static let casesCount: DialogKey = "common.cases_count"

    /// Values: `id`, `network`.
    public static let caseCardTitle: DialogKey = "case.card.title"
    /// Values: `when` (`DialogDates.dateTime`), `left` (`DialogDates.relative`).
    public static let caseDeadline: DialogKey = "case.deadline"
    public static let casesEmpty: DialogKey = "cases.empty"
    /// Values: `total` (`.html` of `casesCount`), `items`: `id`, `network`, `when`, `overdue`.
    public static let casesList: DialogKey = "cases.list"

    public static let errorNoAccess: DialogKey = "error.no_access"
    public static let errorGeneric: DialogKey = "error.generic"
    public static let errorStaleButton: DialogKey = "error.stale_button"
    public static let errorUnknownCommand: DialogKey = "error.unknown_command"
    public static let errorNotAllowed: DialogKey = "error.not_allowed"

    public static let helpHeader: DialogKey = "help.header"
    public static let helpSpecialist: DialogKey = "help.specialist"
    public static let helpExecutor: DialogKey = "help.executor"
    public static let helpHead: DialogKey = "help.head"
    public static let helpAdmin: DialogKey = "help.admin"
    public static let helpFooter: DialogKey = "help.footer"

    /// Every key above; the bot's required keys include these.
    public static let common: [DialogKey] = [
        buttonCancel, buttonBack, buttonYes, buttonNo, buttonDone, buttonApprove,
        cancelled, casesCount, caseCardTitle, caseDeadline, casesEmpty, casesList,
        errorNoAccess, errorGeneric, errorStaleButton, errorUnknownCommand, errorNotAllowed,
        helpHeader, helpSpecialist, helpExecutor, helpHead, helpAdmin, helpFooter,
    ]
}
