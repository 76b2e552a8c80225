import ArgumentParser

@main
struct Otklik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otklik",
        abstract: "Otklik («Отклик»): a chat bot for a city administration's work with critical posts.",
        subcommands: [RunCommand.self, DemoCommand.self, CheckCommand.self, StatusCommand.self, ScreenCommand.self,
                      CalendarCommand.self, ReportCommand.self, BackupCommand.self]
    )
}
