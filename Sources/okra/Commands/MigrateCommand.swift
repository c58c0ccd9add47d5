import ArgumentParser
import OKRStore

/// `okra migrate`: brings the database schema up to date, then exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database schema, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let db = try await database.open(logger: makeLogger())
        try await db.close()
        print("The database is up to date.")
    }
}
