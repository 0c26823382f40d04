import Foundation
import LanterneData

/// Reads CSV text given in a test, with small chunks when asked, so that chunk boundaries are exercised.
func readCSV(_ text: String, chunkSize: Int = 1 << 20, options: CSVOptions = CSVOptions()) throws -> CSVReadResult {
    var options = options
    options.chunkSize = chunkSize
    return try CSVReader(bytes: Array(text.utf8), name: "test.csv", options: options).read()
}

/// Reads CSV bytes given in a test.
func readCSV(bytes: [UInt8], chunkSize: Int = 1 << 20, options: CSVOptions = CSVOptions()) throws -> CSVReadResult {
    var options = options
    options.chunkSize = chunkSize
    return try CSVReader(bytes: bytes, name: "test.csv", options: options).read()
}

/// The CSV error thrown by `body`, or `nil`.
func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        return nil
    }
}

/// The folder of the real cases (`../shared/realcases` beside the checkout), or `nil` when absent.
func realCasesFolder() -> URL? {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    let folder = url.deletingLastPathComponent().appendingPathComponent("shared/realcases")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lanterne-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension Table {
    /// The labels of a category or text column, `nil` for missing.
    func strings(_ name: String) -> [String?] {
        guard let column = column(named: name) else { return [] }
        return (0..<column.count).map { column.formatted($0) }
    }

    /// The values of a number column.
    func doubles(_ name: String) -> [Double] {
        column(named: name)?.numbers ?? []
    }
}
