// swift-tools-version:6.1
import class Foundation.ProcessInfo
import PackageDescription

let package = Package(
    name: "ecm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ecm", targets: ["ecm"]),
        .executable(name: "ecm-server", targets: ["ecm-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.32.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // Models, validation, JSON coding and the ActivityBackend protocol. No I/O.
        .target(name: "ECMDomain"),
        // API tokens, passwords and sign-in: made, hashed and checked the same way by every store.
        .target(
            name: "ECMAuth",
            dependencies: [
                "ECMDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The embedded SQLite store (GRDB) and the demo-data generator.
        .target(
            name: "ECMStore",
            dependencies: [
                "ECMDomain",
                "ECMAuth",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL store (postgres-nio), for several servers on one database.
        .target(
            name: "ECMPostgres",
            dependencies: [
                "ECMDomain",
                "ECMAuth",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The REST client backend (AsyncHTTPClient).
        .target(
            name: "ECMRESTClient",
            dependencies: [
                "ECMDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP API (Hummingbird 2), generic over the store.
        .target(
            name: "ECMServer",
            dependencies: [
                "ECMDomain",
                "ECMAuth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.embedInCode("OpenAPI/openapi.json")]
        ),
        // libcurl, the system library (Debian: libcurl4-openssl-dev): SMTP for email activities.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Email activities really send: the message, the transports, the delivery worker.
        .target(
            name: "ECMMail",
            dependencies: [
                "ECMDomain",
                "ECMProcess",
                "CCurl",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Child processes started with posix_spawn (Foundation's Process can crash on Linux).
        .target(name: "ECMProcess"),
        // ncursesw, the system library (Debian: libncurses-dev).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The terminal UI's pure core: state, update, views into a cell buffer; no terminal, no I/O.
        .target(name: "ECMTUI", dependencies: ["ECMDomain"]),
        // The terminal driver over ncursesw, and the loop that runs the UI against a backend.
        .target(
            name: "ECMTerminal",
            dependencies: ["ECMTUI", "ECMDomain", "ECMProcess", "CNcursesw", .product(name: "Logging", package: "swift-log")]
        ),
        // What both command lines share: option groups (a patient's fields, from the domain's table) and the progress bar.
        .target(
            name: "ECMCommandOptions",
            dependencies: ["ECMDomain", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `ecm`: the CLI and the TUI.
        .executableTarget(
            name: "ecm",
            dependencies: [
                "ECMDomain",
                "ECMStore",
                "ECMRESTClient",
                "ECMTUI",
                "ECMTerminal",
                "ECMMail",
                "ECMCommandOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `ecm-server`: the API server.
        .executableTarget(
            name: "ecm-server",
            dependencies: [
                "ECMServer",
                "ECMMail",
                "ECMStore",
                "ECMPostgres",
                "ECMCommandOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Shared by the test targets: the backend conformance suite, spec examples, helpers.
        .target(
            name: "ECMTestSupport",
            dependencies: ["ECMDomain", "ECMProcess"],
            path: "Tests/ECMTestSupport"
        ),
        .testTarget(name: "ECMDomainTests", dependencies: ["ECMDomain", "ECMTestSupport"]),
        .testTarget(name: "ECMTUITests", dependencies: ["ECMTUI", "ECMDomain", "ECMTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "ECMStoreTests", dependencies: ["ECMDomain", "ECMStore", "ECMTestSupport"]),
        .testTarget(
            name: "ECMPostgresTests",
            dependencies: ["ECMDomain", "ECMAuth", "ECMPostgres", "ECMStore", "ECMRESTClient", "ECMTestSupport", "ecm-server"]
        ),
        .testTarget(name: "ECMCLITests", dependencies: ["ecm", "ECMDomain", "ECMStore", "ECMTestSupport"]),
        .testTarget(name: "ECMTUIEndToEndTests", dependencies: ["ecm", "ecm-server", "ECMTestSupport"]),
        .testTarget(name: "ECMTerminalTests", dependencies: ["ECMTerminal", "ECMTUI"]),
        .testTarget(
            name: "ECMMailTests",
            dependencies: ["ECMMail", "ECMDomain", "ECMStore", "ECMPostgres", "ECMRESTClient", "ECMTestSupport", "ecm-server"],
            exclude: ["Support/smtp_server.py"]
        ),
        .testTarget(
            name: "ECMServerTests",
            dependencies: [
                "ECMServer", "ECMDomain", "ECMStore", "ECMPostgres", "ECMTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ECMRESTClientTests",
            dependencies: ["ECMRESTClient", "ecm-server", "ecm", "ECMDomain", "ECMStore", "ECMTestSupport"]
        ),
    ]
)

// The benchmarks (`scripts/benchmark.sh`, BENCHMARKS.md) use ordo-one/package-benchmark. They are
// declared only when ECM_BENCHMARKS is set, so `swift build`, `swift test` and CI neither resolve
// nor build the benchmark package and its dependencies.
if ProcessInfo.processInfo.environment["ECM_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "ECMBenchmarks",
            dependencies: [
                "ECMDomain", "ECMStore", "ECMTUI",
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/ECMBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ))
}
