import OKRCore

/// Who may sign in with a password. Once the company's identity provider signs people in, passwords can be
/// turned off for everyone but the break-glass admins: the accounts that still get in when the provider is down.
public enum PasswordSignIn: Sendable, Hashable {
    case everyone
    /// Only these addresses (lower case), and only while they are admins.
    case breakGlassOnly(Set<String>)

    /// Whether `email` may try a password at all (before any password is checked).
    public func allows(email: String) -> Bool {
        switch self {
        case .everyone: true
        case .breakGlassOnly(let addresses): addresses.contains(email.lowercased())
        }
    }

    /// Whether someone found by their password may sign in with it: a break-glass address must be an admin.
    func allows(_ role: Role) -> Bool {
        switch self {
        case .everyone: true
        case .breakGlassOnly: role == .admin
        }
    }

    var isEveryone: Bool { self == .everyone }
}
