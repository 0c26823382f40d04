extension Bool {
    /// The Bool's byte, 0 or 1, for arithmetic that the compiler must not turn into a branch (a branch on data the
    /// processor cannot predict costs more than the arithmetic).
    @usableFromInline @inline(__always)
    var byte: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}
