// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "passerelle",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "passerelle", targets: ["passerelle"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // libpq, found through pkg-config (Debian: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // C++ over Xapian behind a C API: the only code that includes xapian.h.
        .target(
            name: "PasserelleIndexing",
            path: "indexing",
            sources: ["src"],
            publicHeadersPath: "include",
            cxxSettings: [.unsafeFlags(["-std=c++17", "-ffp-contract=off"])],
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        .target(name: "PasserelleCore"),
        // Synthetic but realistic data sets from the reference lists in seed/.
        .target(name: "PasserelleGenerator", dependencies: ["PasserelleCore"]),
        .target(
            name: "PasserelleStore",
            dependencies: [
                "CLibPQ",
                "PasserelleCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Migrations are compiled into the binary: it runs from anywhere.
            resources: [.embedInCode("Migrations/SQL")]
        ),
        .target(
            name: "PasserelleSearch",
            dependencies: [
                "PasserelleIndexing",
                "PasserelleCore",
                "PasserelleStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The job-title thesaurus of seed/ (a link), compiled in: synonyms need no files at run time.
            resources: [.embedInCode("Thesaurus")]
        ),
        // The member graph in memory: distances, referral paths, talent reach.
        .target(
            name: "PasserelleNetwork",
            dependencies: [
                "PasserelleCore",
                "PasserelleStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Candidates for an offer, offers for a member: the index's first, re-ranked.
        .target(
            name: "PasserelleMatch",
            dependencies: ["PasserelleCore", "PasserelleSearch", "PasserelleNetwork"]
        ),
        .target(
            name: "PasserelleWeb",
            dependencies: [
                "PasserelleCore",
                "PasserelleStore",
                "PasserelleSearch",
                "PasserelleNetwork",
                "PasserelleMatch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The OpenAPI document served at /openapi.json, and the pages' templates,
            // message catalogs and static files, compiled in.
            resources: [
                .embedInCode("OpenAPI/openapi.json"), .embedInCode("Pages/Templates"),
                .embedInCode("Pages/Messages"), .embedInCode("Pages/Static"),
            ]
        ),
        .executableTarget(
            name: "passerelle",
            dependencies: [
                "PasserelleCore",
                "PasserelleStore",
                "PasserelleWeb",
                "PasserelleSearch",
                "PasserelleNetwork",
                "PasserelleMatch",
                "PasserelleGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Throwaway PostgreSQL clusters and databases for the test targets.
        .target(
            name: "PasserelleTestSupport",
            dependencies: ["PasserelleStore"]
        ),
        .testTarget(name: "PasserelleCoreTests", dependencies: ["PasserelleCore"]),
        .testTarget(
            name: "PasserelleStoreTests",
            dependencies: ["PasserelleStore", "PasserelleTestSupport", "passerelle"]
        ),
        .testTarget(name: "PasserelleGeneratorTests", dependencies: ["PasserelleGenerator"]),
        .testTarget(
            name: "PasserelleSearchTests",
            dependencies: ["PasserelleSearch", "PasserelleWeb", "PasserelleTestSupport", "passerelle"]
        ),
        .testTarget(
            name: "PasserelleNetworkTests",
            dependencies: [
                "PasserelleNetwork",
                "PasserelleWeb",
                "PasserelleSearch",
                "PasserelleTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PasserelleMatchTests",
            dependencies: [
                "PasserelleMatch",
                "PasserelleWeb",
                "PasserelleSearch",
                "PasserelleNetwork",
                "PasserelleTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PasserelleWebTests",
            dependencies: [
                "PasserelleWeb",
                "PasserelleTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
