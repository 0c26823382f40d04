// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Lanterne",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lanterne", targets: ["lanterne"]),
        .library(name: "LanterneData", targets: ["LanterneData"]),
        .library(name: "LanterneModels", targets: ["LanterneModels"]),
        .library(name: "LanterneExplain", targets: ["LanterneExplain"]),
        .library(name: "LanterneRegister", targets: ["LanterneRegister"]),
        .library(name: "LanterneCharts", targets: ["LanterneCharts"]),
        .library(name: "LanterneAssistant", targets: ["LanterneAssistant"]),
        .library(name: "LanterneSelection", targets: ["LanterneSelection"]),
        .library(name: "LanterneAudit", targets: ["LanterneAudit"]),
        .library(name: "LanterneStore", targets: ["LanterneStore"]),
        .library(name: "LanterneServer", targets: ["LanterneServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "LanterneData"
        ),
        .target(
            name: "CMemoryHints"
        ),
        .target(
            name: "LanterneModels",
            dependencies: ["LanterneData", "CMemoryHints", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "LanterneExplain",
            dependencies: ["LanterneData", "LanterneModels"]
        ),
        .target(
            name: "LanterneCharts"
        ),
        .target(
            name: "LanterneAudit",
            dependencies: ["LanterneData", "LanterneModels", "LanterneCharts"]
        ),
        .target(
            name: "LanterneSelection",
            dependencies: ["LanterneData"]
        ),
        .target(
            name: "LanterneAssistant",
            dependencies: ["LanterneData"],
            exclude: ["Evaluation"],
            resources: [.copy("Knowledge")]
        ),
        .target(
            name: "LanterneRegister",
            dependencies: ["LanterneData", "LanterneModels", "LanterneExplain", "LanterneCharts"]
        ),
        .target(
            name: "LanterneStore",
            dependencies: [
                "LanterneData",
                "LanterneModels",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LanterneServer",
            dependencies: [
                "LanterneData",
                "LanterneModels",
                "LanterneExplain",
                "LanterneRegister",
                "LanterneAssistant",
                "LanterneAudit",
                "LanterneCharts",
                "LanterneStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Public")]
        ),
        .executableTarget(
            name: "lanterne",
            dependencies: [
                "LanterneData",
                "LanterneModels",
                "LanterneExplain",
                "LanterneRegister",
                "LanterneAssistant",
                "LanterneSelection",
                "LanterneAudit",
                "LanterneStore",
                "LanterneServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LanterneDataTests",
            dependencies: [
                "LanterneData",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LanterneModelsTests",
            dependencies: ["LanterneModels", "LanterneData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LanterneExplainTests",
            dependencies: ["LanterneExplain", "LanterneModels", "LanterneData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LanterneChartsTests",
            dependencies: ["LanterneCharts"]
        ),
        .testTarget(
            name: "LanterneRegisterTests",
            dependencies: ["LanterneRegister", "LanterneExplain", "LanterneModels", "LanterneData"]
        ),
        .testTarget(
            name: "LanterneAuditTests",
            dependencies: ["LanterneAudit", "LanterneData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LanterneSelectionTests",
            dependencies: [
                "LanterneSelection", "LanterneData", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LanterneAssistantTests",
            dependencies: ["LanterneAssistant", "LanterneData"]
        ),
        .target(
            name: "LanterneTestSupport",
            dependencies: ["LanterneStore"],
            path: "Tests/LanterneTestSupport"
        ),
        .testTarget(
            name: "LanterneStoreTests",
            dependencies: ["LanterneStore", "LanterneData", "LanterneModels", "LanterneTestSupport"]
        ),
        .testTarget(
            name: "LanterneServerTests",
            dependencies: [
                "lanterne", "LanterneServer", "LanterneStore", "LanterneModels", "LanterneData", "LanterneAssistant",
                "LanterneTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "LanterneCLITests",
            dependencies: ["lanterne", "LanterneRegister"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
