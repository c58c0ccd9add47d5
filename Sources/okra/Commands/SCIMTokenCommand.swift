import ArgumentParser
import Foundation
import OKRStore

/// `okra scim-token`: the bearer token a directory (Okta, Entra ID) provisions people and teams with, at
/// `/scim/v2`. It authorizes SCIM only, never the API.
struct SCIMTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scim-token", abstract: "Manage the SCIM tokens of identity directories.",
        subcommands: [Create.self, List.self, Revoke.self])

    /// `okra scim-token create`: prints only the new token on standard output (shown once; stored hashed).
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the SCIM token of a directory and print it (only the token, on standard output).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The directory the token is for, e.g. \"Entra ID\" or \"Okta\".")
        var name: String

        func run() async throws {
            let db = try await database.openExisting(logger: makeLogger())
            do {
                let (_, token) = try await OKRStore(db).createSCIMToken(name: name, actor: nil)
                try await db.close()
                print(token)
            } catch {
                try? await db.close()
                throw ValidationError("\(error)")
            }
        }
    }

    /// `okra scim-token list`: each token's id, directory and state, one a line.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the SCIM tokens: id, directory, state.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try await database.openExisting(logger: makeLogger())
            let directories = try await OKRStore(db).scimDirectories()
            try await db.close()
            for directory in directories {
                let state = directory.revokedAt.map { "revoked \($0.ISO8601Format())" } ?? "active"
                print("\(directory.id)\t\(directory.name)\t\(state)")
            }
        }
    }

    /// `okra scim-token revoke`: the directory can no longer provision at once.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a SCIM token by its id (see list).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The token's id, as `okra scim-token list` shows it; write --id=ID, as an id may start with -.")
        var id: String

        func run() async throws {
            let db = try await database.openExisting(logger: makeLogger())
            do {
                try await OKRStore(db).revokeSCIMToken(id: id, actor: nil)
                try await db.close()
            } catch StoreError.notFound {
                try? await db.close()
                throw ValidationError("no SCIM token has the id \(id)")
            }
        }
    }
}
