/// Finds phrases reporting finished work: «выполнены работы», «яма засыпана», «мусор вывезли».
enum WorkDoneClaims {
    /// Roots of -ить verbs: finished forms are root + «ен/ена/ено/ены» or «ил/ила/ило/или».
    private static let itRoots = [
        "выполн", "устран", "замен", "установ", "установл", "восстанов", "восстановл", "очист", "очищ", "исправ",
        "исправл", "заверш", "подключ", "спил", "обнов", "обновл", "укреп", "укрепл", "улож", "провер", "скош",
        "покраш", "огорож", "почин", "налаж",
    ]
    /// Roots of -ать/-овать verbs: root + «н/на/но/ны» or «л/ла/ло/ли».
    private static let atRoots = [
        "отремонтирова", "ликвидирова", "демонтирова", "засыпа", "отсыпа", "убра", "обработа", "оборудова",
        "заасфальтирова", "забетонирова", "отгрейдирова", "прогрейдирова", "расчище", "очище", "вывезе",
    ]
    /// Whole forms that fit neither pattern.
    private static let forms: Set<String> = [
        "вывезен", "вывезена", "вывезено", "вывезены", "вывезли", "вывез", "вывезла",
        "проведен", "проведена", "проведено", "проведены", "провели", "провел", "провела",
        "произведен", "произведена", "произведено", "произведены", "произвели", "произвел",
        "нанесен", "нанесена", "нанесено", "нанесены", "нанесли", "убрали", "убран", "убрана", "убрано", "убраны",
        "покрасили", "скосили", "спилили", "починили", "установили", "заменили", "устранили", "выполнили",
        "очистили", "расчистили", "расчищен", "расчищена", "расчищено", "расчищены", "сделано", "сделаны",
        "сделан", "сделана", "сделали", "отремонтировали", "засыпали", "восстановили", "подключили",
    ]
    /// Words that turn a finished form into a promise or a denial: «будет отремонтирована», «не устранена».
    private static let blockers: Set<String> = [
        "не", "будет", "будут", "будем", "планируется", "планируются", "запланировано", "запланированы",
        "предстоит", "должен", "должна", "должно", "должны", "может", "могут", "когда", "если", "ли",
    ]

    /// The first word of the text that reports finished work, as written.
    static func firstClaim(in text: String) -> String? {
        let tokens = Tokenizer.tokens(text)
        for (i, t) in tokens.enumerated() where isFinishedForm(t.lower) {
            let before = tokens[max(0, i - 3)..<i].map(\.lower)
            if before.contains(where: blockers.contains) { continue }
            return t.original
        }
        return nil
    }

    static func isFinishedForm(_ w: String) -> Bool {
        if forms.contains(w) { return true }
        for root in itRoots where w.hasPrefix(root) {
            if ["ен", "ена", "ено", "ены", "ил", "ила", "ило", "или"].contains(String(w.dropFirst(root.count))) {
                return true
            }
        }
        for root in atRoots where w.hasPrefix(root) {
            if ["н", "на", "но", "ны", "л", "ла", "ло", "ли"].contains(String(w.dropFirst(root.count))) {
                return true
            }
        }
        return false
    }
}
