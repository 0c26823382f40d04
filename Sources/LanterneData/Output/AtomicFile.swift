import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A problem while writing an output file.
public struct OutputError: LocalizedMessage, Sendable {
    /// The file that could not be written.
    public let file: String
    /// The system's reason.
    public let reason: String

    /// The message in `language`.
    /// - Parameter language: French or English.
    /// - Returns: one line.
    public func message(_ language: Language) -> String {
        language == .fr
            ? "\(file): écriture impossible (\(reason)) ; vérifiez le dossier et la place libre"
            : "\(file): cannot write (\(reason)); check the folder and free space"
    }
}

/// Writes a file whole or not at all: bytes go to a temporary file beside it, renamed over the target at the end.
///
/// An interrupted run (an error, Ctrl-C) leaves any earlier version of the target untouched, never half a file.
public final class AtomicFile {
    /// The final path.
    public let path: String
    private let temporaryPath: String
    private let descriptor: Int32
    private let slot: Int?
    private var pending: [UInt8] = []
    private var finished = false

    /// Counts the writes of this process, so that no two share a temporary file.
    private static let writes = Atomic<Int>(0)

    /// Opens a new temporary file next to `path`.
    ///
    /// Its name is the target's followed by `.tmp-`, the process id, a number unique to this write within the
    /// process and 32 random bits; it is created exclusively, so two writes, of one file or of two, in one process
    /// or in several, never share it.
    /// - Parameter path: where the file will be once committed.
    /// - Throws: ``OutputError`` when the folder is not writable.
    public init(path: String) throws {
        self.path = path
        var attempts = 0
        while true {
            let write = Self.writes.wrappingAdd(1, ordering: .relaxed).newValue
            let candidate = path + ".tmp-\(getpid())-\(write)-" + String(UInt32.random(in: .min ... .max), radix: 16)
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if opened >= 0 {
                temporaryPath = candidate
                descriptor = opened
                break
            }
            attempts += 1
            guard errno == EEXIST, attempts < 16 else {
                throw OutputError(file: path, reason: String(cString: strerror(errno)))
            }
        }
        slot = TemporaryFiles.register(temporaryPath)
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
            TemporaryFiles.unregister(slot)
        }
    }

    /// Appends bytes, flushing to disk in large blocks.
    /// - Parameter bytes: the bytes to add.
    /// - Throws: ``OutputError``.
    public func write(_ bytes: [UInt8]) throws {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    /// - Parameter text: the text to add.
    /// - Throws: ``OutputError``.
    public func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    private func flush() throws {
        var offset = 0
        while offset < pending.count {
            let n = pending.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(file: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what remains and renames the temporary file over the target.
    /// - Throws: ``OutputError``; the target is then left as it was.
    public func commit() throws {
        try flush()
        finished = true
        // Forgotten only after the rename: an interrupt in between unlinks a name that no longer exists.
        defer { TemporaryFiles.unregister(slot) }
        guard close(descriptor) == 0, rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(file: path, reason: reason)
        }
    }

    /// Writes `bytes` to `path` atomically.
    /// - Parameters:
    ///   - bytes: the whole content.
    ///   - path: the target.
    /// - Throws: ``OutputError``.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes `text` to `path` atomically.
    /// - Parameters:
    ///   - text: the whole content.
    ///   - path: the target.
    /// - Throws: ``OutputError``.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}

/// `write(2)`, under a name that the file's own `write` methods do not hide.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
