import ArgumentParser
import Foundation
import OKRCore
import OKRServer
import OKRStore

/// `okra user`: manage accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Add.self])

    /// `okra user add`: creates an account; the password comes from standard input, or is generated and printed.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user.",
            discussion: """
                The password is read from standard input when it is not a terminal (one line, at least 10
                characters); otherwise one is generated and printed once.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The user's e-mail (their sign-in).")
        var email: String

        @Option(help: "The user's full name.")
        var name: String

        @Option(help: "admin, lead, member or viewer.")
        var role: String = "member"

        @Option(help: "A team id to join (repeatable).")
        var team: [String] = []

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be admin, lead, member or viewer")
            }
            let person: Person
            do {
                person = try Person(
                    id: PersonID(NewID.make()), name: name, email: email, role: role,
                    teamIDs: team.map { TeamID($0) })
            } catch {
                throw ValidationError("\(error)")
            }
            var generated = false
            let password: String
            if isatty(FileHandle.standardInput.fileDescriptor) == 0, let line = readLine(strippingNewline: true),
                !line.isEmpty
            {
                password = line
            } else {
                password = Self.generatePassword()
                generated = true
            }
            guard PasswordHasher.isAcceptable(password) else {
                throw ValidationError("the password must have 10 to 200 characters")
            }
            let db = try await database.openExisting(logger: makeLogger())
            do {
                let hash = try await PasswordHasher().hash(password)
                try await OKRStore(db).createPerson(person, passwordHash: hash, actor: nil)
            } catch let error as StoreError {
                try? await db.close()
                throw ValidationError("\(error)")
            }
            try await db.close()
            print("Added \(person.email) (\(role.rawValue)).")
            if generated { print("Password: \(password)") }
        }

        static func generatePassword() -> String {
            let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }
}
