import Foundation
import LanterneData
import LanterneModels

/// The folder of the real cases (`../shared/realcases` beside the checkout), or `nil` when absent.
func realCasesFolder() -> URL? {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    let folder = url.deletingLastPathComponent().appendingPathComponent("shared/realcases")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}

/// A file of this target's `Fixtures` folder.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lanterne-models-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
