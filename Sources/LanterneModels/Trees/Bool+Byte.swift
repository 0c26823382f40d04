extension Bool {
    /// The Bool's byte, 0 or 1, for arithmetic that the compiler must not turn into a branch (a branch on data the
    /// processor cannot predict costs more than the arithmetic).
    @usableFromInline @inline(__always)
    var byte: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}

/// `left` when `goesLeft` is 1, `right` when it is 0, chosen by arithmetic rather than a branch: how the level-by-level
/// walks pick a row's child.
@inline(__always)
func child(left: Int32, right: Int32, goesLeft: UInt8) -> Int32 {
    right ^ ((left ^ right) & (0 &- Int32(goesLeft)))
}
