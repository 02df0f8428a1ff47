// swift-tools-version:6.1
import PackageDescription

/// Upcoming-language settings shared by every target (as Hummingbird itself does).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "lumbung",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lumbung", targets: ["lumbung"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // MARK: Domain
        /// Regions, NIK, households, persons, code lists: pure Swift, no I/O.
        .target(
            name: "LumbungDomain",
            swiftSettings: strictSettings
        ),

        // MARK: Reference data
        /// The shipped reference files (regions, boundaries, BPS crosswalk, poverty figures) and their parsers.
        .target(
            name: "LumbungReference",
            dependencies: ["LumbungDomain"],
            resources: [.copy("Resources/reference")],
            swiftSettings: strictSettings
        ),

        // MARK: Spreadsheets
        /// Streaming CSV and XLSX writing (and, with the import, reading); never a whole workbook in memory.
        .target(
            name: "LumbungSheets",
            dependencies: [
                "LumbungDomain",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Import
        /// Layout detection, column mapping, value normalisation and row validation into domain values, and the import job that writes through the store.
        .target(
            name: "LumbungImport",
            dependencies: ["LumbungDomain", "LumbungReference", "LumbungSheets", "LumbungStore"],
            swiftSettings: strictSettings
        ),

        // MARK: Synthetic population
        /// A deterministic synthetic NTB population written as real export-style files, with its truth.
        .target(
            name: "LumbungSynth",
            dependencies: ["LumbungDomain", "LumbungReference", "LumbungSheets"],
            swiftSettings: strictSettings
        ),

        // MARK: Storage
        /// SQL schema, numbered migrations and stores over SQLite and PostgreSQL.
        .target(
            name: "LumbungStore",
            dependencies: [
                "LumbungDomain",
                "LumbungReference",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Analytics
        /// Indicators over the region tree from village aggregates (and, with the ranking, priority indices).
        .target(
            name: "LumbungAnalytics",
            dependencies: ["LumbungDomain", "LumbungStore"],
            swiftSettings: strictSettings
        ),

        // MARK: Web
        /// Hummingbird application: JSON API, HTML pages in Bahasa Indonesia, SVG maps.
        .target(
            name: "LumbungWeb",
            dependencies: [
                "LumbungDomain",
                "LumbungStore",
                "LumbungImport",
                "LumbungSheets",
                "LumbungAnalytics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/messages")],
            swiftSettings: strictSettings
        ),

        // MARK: Command line
        /// The `lumbung` commands (serve, migrate, regions).
        .target(
            name: "LumbungCLI",
            dependencies: [
                "LumbungDomain",
                "LumbungStore",
                "LumbungImport",
                "LumbungAnalytics",
                "LumbungSynth",
                "LumbungSheets",
                "LumbungWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        /// The executable: one file that hands over to `LumbungCLI`.
        .executableTarget(
            name: "lumbung",
            dependencies: ["LumbungCLI"],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        /// Database fixtures shared by the test targets: temporary SQLite files and throw-away PostgreSQL databases.
        .target(
            name: "LumbungTestSupport",
            dependencies: [
                "LumbungStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/LumbungTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungDomainTests",
            dependencies: ["LumbungDomain"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungSheetsTests",
            dependencies: [
                "LumbungDomain", "LumbungSheets", "LumbungTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungImportTests",
            dependencies: [
                "LumbungDomain", "LumbungImport", "LumbungReference", "LumbungSheets", "LumbungSynth", "LumbungStore", "LumbungTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungAnalyticsTests",
            dependencies: ["LumbungAnalytics", "LumbungDomain", "LumbungImport", "LumbungReference", "LumbungStore", "LumbungSynth", "LumbungTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungSynthTests",
            dependencies: ["LumbungDomain", "LumbungReference", "LumbungSheets", "LumbungSynth", "LumbungTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungStoreTests",
            dependencies: [
                "LumbungDomain", "LumbungStore", "LumbungTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungWebTests",
            dependencies: [
                "LumbungDomain", "LumbungStore", "LumbungWeb", "LumbungTestSupport", "LumbungSheets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LumbungCLITests",
            dependencies: ["LumbungCLI", "LumbungDomain", "LumbungStore", "LumbungTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
