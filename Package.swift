// swift-tools-version:6.0
import PackageDescription

/// Okra: a self-hosted OKR platform.
///
/// Four layers, each depending only on the ones below it:
/// `okra` (CLI) → `OKRServer` (HTTP, pages) → `OKRStore` (SQL) → `OKRCore` (domain and math, no I/O).
let package = Package(
    name: "okra",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "okra", targets: ["okra"]),
        .library(name: "OKRCore", targets: ["OKRCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Persistent hash tries (TreeDictionary) for the in-memory read model: copies share structure.
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // NIOHTTPTypes: the HTTP parts a channel handler writes (already built for Hummingbird).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // SHA-256 of API tokens in OKRStore; the range admits the 4.x that postgres-nio already resolves.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"6.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Outbound HTTP: webhook deliveries from the server, and `okra checkin` talking to the API.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // TLS for the SMTP client's STARTTLS (already built for PostgresNIO).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // `/metrics`: swift-metrics (already built for Hummingbird) in Prometheus's text format.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Spreadsheets in: CSV files of people and teams (`okra import`).
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        // XLSX in and out: the archive (ZIPFoundation) and its XML parts (SWXMLHash reads them).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash.git", from: "8.1.1"),
        // File uploads from the browser (multipart/form-data): the import page.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // OpenID Connect sign-in: ID tokens verified against the provider's published keys (JWKS).
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        .target(
            name: "OKRCore",
            dependencies: [.product(name: "HashTreeCollections", package: "swift-collections")]
        ),
        .target(
            name: "OKRStore",
            dependencies: [
                "OKRCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "OKRServer",
            dependencies: [
                "OKRCore",
                "OKRStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "okra",
            dependencies: [
                "OKRCore",
                "OKRStore",
                "OKRServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Sets the test process's environment before Swift Testing starts (see environment.c).
        .target(name: "OKRTestEnvironment", path: "Tests/OKRTestEnvironment"),
        .testTarget(
            name: "OKRCoreTests",
            dependencies: [
                "OKRCore", "OKRTestEnvironment", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "OKRStoreTests", dependencies: ["OKRStore", "OKRTestEnvironment"]),
        // What every test target shares: launching processes one at a time in the one test process.
        .target(name: "OKRTestSupport", dependencies: ["OKRTestEnvironment"], path: "Tests/OKRTestSupport"),
        .testTarget(
            name: "OKRServerTests",
            dependencies: [
                "OKRServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "OKRTestSupport",
            ]
        ),
        .testTarget(name: "okraTests", dependencies: ["okra", "OKRTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
