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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
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
            dependencies: ["LanterneData", "CMemoryHints"]
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
            dependencies: ["LanterneData", "LanterneCharts"]
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
        .testTarget(
            name: "LanterneCLITests",
            dependencies: ["lanterne", "LanterneRegister"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
