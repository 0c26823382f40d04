/// Memory that several threads use at once, each access kept apart by the code that uses it: chunks of a
/// ``ForkJoin`` that may all read it and each write only the positions no other chunk touches, or atomic values.
///
/// The compiler cannot see that such writes never meet, so this is the package's one `@unchecked Sendable` type: a
/// use states which positions each chunk owns, and the memory outlives the join.
public struct SharedPointer<Element: ~Copyable>: @unchecked Sendable {
    /// The shared memory.
    public let pointer: UnsafeMutablePointer<Element>

    /// Shares memory that the chunks write, each in its own positions.
    /// - Parameter pointer: the memory.
    @inlinable
    public init(_ pointer: UnsafeMutablePointer<Element>) {
        self.pointer = pointer
    }

    /// Shares memory that the chunks only read.
    /// - Parameter pointer: the memory.
    @inlinable
    public init(readOnly pointer: UnsafePointer<Element>) {
        self.pointer = UnsafeMutablePointer(mutating: pointer)
    }
}
