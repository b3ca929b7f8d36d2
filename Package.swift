// swift-tools-version: 6.2
//
// Accord: an event-sourced timeline store for treaty actions, with sync over files.
//
// One library per box of the design, dependencies pointing down:
//
//     accord (executable) → AccordCommands → AccordSync → AccordTreaty → AccordLog
//
// AccordLog knows nothing about treaties; AccordSync reaches the domain only
// through the `EventDomain` protocol that AccordLog defines.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "accord",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        .executable(name: "accord-bench", targets: ["accord-bench"]),
    ],
    dependencies: [
        // SQLite access with migrations, cached statements and WAL handling; over the system libsqlite3.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The command line: subcommands, help, completions.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Ed25519 feed-head signatures and SHA-256 event ids.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // `--verbose` diagnostics on stderr.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Tests drive the built binary, reading stdout and stderr while it runs.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .target(
            name: "AccordLog",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, under GRDB, to bind the hottest inserts directly (Statement+DirectBinding.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AccordTreaty",
            dependencies: ["AccordLog", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources/countries.tsv")],
            swiftSettings: strict
        ),
        .target(
            name: "AccordSync",
            dependencies: ["AccordLog", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "AccordCommands",
            dependencies: [
                "AccordLog", "AccordTreaty", "AccordSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/demo")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "accord-bench",
            dependencies: [
                "AccordLog", "AccordTreaty", "AccordSync",
                // The one seeded generator and temporary directory, shared with the tests.
                "AccordTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/accord-bench",
            swiftSettings: strict
        ),
        .target(
            name: "AccordTestSupport",
            dependencies: [
                "AccordLog", "AccordTreaty", "AccordSync",
                .product(name: "Subprocess", package: "swift-subprocess"),
                // StoreSnapshot reads the events read-only and hashes the store's files.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AccordLogTests",
            dependencies: ["AccordLog", "AccordTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "AccordTreatyTests", dependencies: ["AccordTreaty", "AccordTestSupport"], swiftSettings: strict),
        .testTarget(name: "AccordSyncTests", dependencies: ["AccordSync", "AccordTreaty", "AccordTestSupport"], swiftSettings: strict),
        // GRDB: the projection-table tests run the README's SQL on a store, read-only.
        .testTarget(name: "AccordCLITests", dependencies: ["AccordTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
    ]
)
