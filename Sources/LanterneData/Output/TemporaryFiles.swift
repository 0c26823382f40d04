import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary files being written, so that an interrupted process can remove them.
///
/// A signal handler can run between any two instructions of any thread, in the middle of an allocation or while a
/// lock is held, so ``removeAll()`` allocates nothing, takes no lock and calls only `unlink`, which POSIX lists as
/// async-signal-safe. For that, each path is copied when its file is opened into a table of fixed C-string slots
/// made once (by ``prepare()``, before any handler is installed), and each slot has a lock-free atomic state: free,
/// being filled, ready, or being removed. Files beyond ``capacity`` open at once, or with a path longer than
/// ``pathCapacity`` bytes, are written as usual but left behind by an interrupt.
public enum TemporaryFiles {
    /// How many temporary files open at once an interrupt can remove.
    public static let capacity = 64
    /// The longest path kept, its terminating zero included.
    public static let pathCapacity = 4096

    private static let free = 0
    private static let filling = 1
    private static let ready = 2
    private static let removing = 3

    /// The slots: `capacity` atomic states and as many C strings of `pathCapacity` bytes, made once, never freed.
    private static let table = Table()

    private struct Table: Sendable {
        /// Slot `i`'s state. Atomic operations only.
        let states: SharedPointer<Atomic<Int>>
        /// Slot `i`'s path at `i * pathCapacity`, written only by the thread that moved the slot from free to
        /// filling, read only once it is ready.
        let paths: SharedPointer<CChar>

        init() {
            let states = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: TemporaryFiles.capacity)
            for slot in 0..<TemporaryFiles.capacity { (states + slot).initialize(to: Atomic(TemporaryFiles.free)) }
            let paths = UnsafeMutablePointer<CChar>.allocate(
                capacity: TemporaryFiles.capacity * TemporaryFiles.pathCapacity)
            paths.initialize(repeating: 0, count: TemporaryFiles.capacity * TemporaryFiles.pathCapacity)
            self.states = SharedPointer(states)
            self.paths = SharedPointer(paths)
        }
    }

    /// Makes the table, so that ``removeAll()`` only touches memory that already exists; call it before installing
    /// a signal handler that calls ``removeAll()``.
    public static func prepare() {
        _ = table
    }

    /// Records `path` for removal on an interrupt.
    /// - Parameter path: the temporary file's path.
    /// - Returns: its slot for ``unregister(_:)``, or `nil` when the table is full or the path too long.
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity, !bytes.contains(0) else { return nil }
        let table = self.table
        for slot in 0..<capacity {
            guard
                table.states.pointer[slot].compareExchange(expected: free, desired: filling, ordering: .acquiring)
                    .exchanged
            else { continue }
            let target = table.paths.pointer + slot * pathCapacity
            for (offset, byte) in bytes.enumerated() { target[offset] = CChar(bitPattern: byte) }
            target[bytes.count] = 0
            table.states.pointer[slot].store(ready, ordering: .releasing)
            return slot
        }
        return nil
    }

    /// Forgets a slot once its file has been renamed or removed.
    /// - Parameter slot: what ``register(_:)`` returned.
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        // If a handler is removing the file at this moment, the slot stays taken: the process is ending.
        _ = table.states.pointer[slot].compareExchange(
            expected: ready, desired: free, ordering: .acquiringAndReleasing)
    }

    /// Removes every temporary file still open, from a signal handler just before the process exits.
    ///
    /// Async-signal-safe once ``prepare()`` has run: atomic operations on the table and `unlink`, nothing else. The
    /// slots it empties stay taken, so call it only on the way out.
    public static func removeAll() {
        let table = self.table
        for slot in 0..<capacity {
            if table.states.pointer[slot].compareExchange(expected: ready, desired: removing, ordering: .acquiring)
                .exchanged
            {
                unlink(table.paths.pointer + slot * pathCapacity)
            }
        }
    }
}
