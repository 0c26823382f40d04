#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where CSV bytes come from: a file, read in chunks, or bytes already in memory (tests, uploads).
public enum CSVSource: Sendable {
    /// A file on disk.
    case file(path: String)
    /// Bytes in memory, with the name to use in messages.
    case bytes([UInt8], name: String)

    /// The name used in messages: the path as given, or the bytes' name.
    public var name: String {
        switch self {
        case .file(let path): path
        case .bytes(_, let name): name
        }
    }

    /// Opens a fresh reader positioned at the first byte.
    /// - Returns: the reader.
    /// - Throws: ``CSVError`` when the file cannot be opened.
    func open() throws -> ByteStream {
        switch self {
        case .file(let path):
            let descriptor = openForReading(path)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                throw CSVError(.unreadable(reason: reason), file: path, line: 0)
            }
            var status = stat()
            if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
                close(descriptor)
                throw CSVError(.unreadable(reason: "c'est un dossier"), file: path, line: 0)
            }
            return ByteStream(descriptor: descriptor, name: path, size: Int(status.st_size))
        case .bytes(let bytes, let name):
            return ByteStream(bytes: bytes, name: name)
        }
    }
}

/// Sequential reads from a file descriptor or an in-memory buffer.
final class ByteStream {
    private let descriptor: Int32
    private let memory: [UInt8]
    private var offset = 0
    let name: String
    /// The total number of bytes, when known.
    let size: Int

    init(descriptor: Int32, name: String, size: Int) {
        self.descriptor = descriptor
        self.memory = []
        self.name = name
        self.size = size
    }

    init(bytes: [UInt8], name: String) {
        self.descriptor = -1
        self.memory = bytes
        self.name = name
        self.size = bytes.count
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads up to `count` bytes into `destination`; returns 0 at the end.
    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        if descriptor < 0 {
            let n = min(count, memory.count - offset)
            guard n > 0 else { return 0 }
            memory.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: n) }
            offset += n
            return n
        }
        while true {
            let n = readBytes(descriptor, destination, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CSVError(.unreadable(reason: String(cString: strerror(errno))), file: name, line: 0)
        }
    }
}

/// `open(2)` for reading, under a name that the source's own `open()` does not hide.
private func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

/// `read(2)`, under a name that the stream's own `read(into:count:)` does not hide.
private func readBytes(_ descriptor: Int32, _ destination: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, destination, count)
}
