import ArgumentParser

@main
struct Otklik: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otklik",
        abstract: "Otklik («Отклик»): a chat bot for a city administration's work with critical posts.",
        subcommands: [RunCommand.self, DemoCommand.self, CheckCommand.self, ScreenCommand.self, CalendarCommand.self, BackupCommand.self,
                      StatusCommand.self]
    )
}
