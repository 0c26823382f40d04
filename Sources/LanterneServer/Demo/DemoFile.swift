import Foundation

/// `demo.json`: the address of the demonstration, its accounts with their passwords drawn at each fill, and a few
/// notices of decided cases. Readable by its owner only.
public struct DemoFile: Codable, Sendable, Equatable {
    /// One account.
    public struct Account: Codable, Sendable, Equatable {
        /// `agent`, `steward`, `auditor` or `admin`.
        public var role: String
        /// The sign-in name.
        public var username: String
        /// The password drawn at random.
        public var password: String
    }

    /// The site's address.
    public var baseURL: String
    /// The accounts.
    public var accounts: [Account]
    /// Paths of notices of decided cases (`/notices/TOKEN`).
    public var sampleNotices: [String]

    enum CodingKeys: String, CodingKey {
        case baseURL = "base_url"
        case accounts
        case sampleNotices = "sample_notices"
    }

    /// Writes the file, readable and writable by its owner only.
    /// - Parameter path: where.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self) + Data("\n".utf8)
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }

    /// Reads a file written by ``write(to:)``.
    /// - Parameter path: where.
    public static func read(from path: String) throws -> DemoFile {
        try JSONDecoder().decode(DemoFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
