import ArgumentParser
import OKRServer

/// The `okra` command: one binary that serves Okra, loads the demo, manages users and tokens, and checks
/// OKR files without any server.
@main
struct Okra: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "okra",
        abstract: "Okra: objectives and key results for teams, self-hosted.",
        discussion: """
            Data commands take --db FILE (SQLite, default okra.db) or --database-url postgres://…
            File commands (lint, score) read an OKR file and need no server or database.
            """,
        version: OkraBuild.version,
        subcommands: [
            DemoCommand.self,
            ServeCommand.self,
            MigrateCommand.self,
            UserCommand.self,
            TokenCommand.self,
            SCIMTokenCommand.self,
            LintCommand.self,
            ScoreCommand.self,
            CheckInCommand.self,
            GenerateCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            CopyCommand.self,
            ImportCommand.self,
            ExportCommand.self,
        ]
    )
}
