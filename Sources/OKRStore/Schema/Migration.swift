/// One versioned step of the schema: statements that run once, together, in one transaction.
///
/// The SQL is written once for both databases: `TEXT` and `BIGINT` columns only (decimals as exact text,
/// days as `YYYY-MM-DD`, instants as milliseconds since 1970, flags as 0/1), standard constraints, no
/// engine-specific types.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
}
