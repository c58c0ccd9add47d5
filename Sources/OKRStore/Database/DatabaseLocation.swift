/// Where the data lives: a SQLite file (the embedded default) or a PostgreSQL server (several instances).
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    /// `postgres://user:password@host:port/database?sslmode=disable`
    case postgres(url: String)

    /// The location without its password, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") else { return "postgres" }
            return url[..<scheme.upperBound] + "…" + url[at...]
        }
    }
}
