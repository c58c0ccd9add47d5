import ArgumentParser
import OKRCore
import OKRStore

/// `okra token`: API tokens for scripts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    /// `okra token create`: prints only the new token on standard output (shown once; stored hashed).
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it (only the token, on standard output).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The e-mail of the user the token acts for.")
        var email: String

        @Option(help: "A name to recognise the token by.")
        var name: String = "cli"

        @Flag(help: "The token may only read.")
        var readOnly = false

        func run() async throws {
            let db = try await database.openExisting(logger: makeLogger())
            let store = OKRStore(db)
            guard let (person, _) = try await store.person(email: email.lowercased()) else {
                try? await db.close()
                throw ValidationError("no user has the e-mail \(email)")
            }
            let token = try await store.createAPIToken(person: person.id, name: name, readOnly: readOnly)
            try await db.close()
            print(token)
        }
    }
}
