extension Column {
    /// The column as labels, whatever its type: each distinct value becomes a level written as ``formatted(_:)``
    /// writes it, so code that works on labels sees exactly the text of the file. A category column is returned as it
    /// is; other types are encoded once, formatting each distinct value a single time (no string per row).
    /// - Returns: the codes (`-1` for missing) and their labels.
    public func dictionaryEncoded() -> CategoryColumn {
        switch storage {
        case .category(let column):
            return column
        case .boolean(let column):
            return CategoryColumn(
                codes: column.values.map { $0 == BooleanColumn.missing ? -1 : Int32($0) }, levels: ["false", "true"])
        case .number(let column):
            return Self.encode(column.values.count, key: { column.values[$0].isNaN ? nil : column.values[$0] }) {
                NumberFormatting.shortest($0)
            }
        case .date(let column):
            return Self.encode(column.seconds.count, key: { column.isMissing($0) ? nil : column.seconds[$0] }) {
                seconds in
                let civil = DateColumn(seconds: [seconds], hasTime: column.hasTime).civilDate(0)
                return civil.map { DateFormatting.iso($0, withTime: column.hasTime) } ?? ""
            }
        case .text(let column):
            return CategoryColumn(labels: (0..<column.count).map { column.string($0) })
        }
    }

    private static func encode<Key: Hashable>(
        _ count: Int, key: (Int) -> Key?, label: (Key) -> String
    ) -> CategoryColumn {
        var index: [Key: Int32] = [:]
        var keys: [Key] = []
        var codes = [Int32](repeating: -1, count: count)
        for row in 0..<count {
            guard let value = key(row) else { continue }
            if let code = index[value] {
                codes[row] = code
            } else {
                let code = Int32(keys.count)
                index[value] = code
                keys.append(value)
                codes[row] = code
            }
        }
        // Two keys may print the same (0.1 written from two nearby doubles): such levels are merged.
        var byLabel: [String: Int32] = [:]
        var levels: [String] = []
        var remap: [Int32] = []
        for value in keys {
            let text = label(value)
            if let code = byLabel[text] {
                remap.append(code)
            } else {
                byLabel[text] = Int32(levels.count)
                remap.append(Int32(levels.count))
                levels.append(text)
            }
        }
        if levels.count < keys.count {
            for row in codes.indices where codes[row] >= 0 { codes[row] = remap[Int(codes[row])] }
        }
        return CategoryColumn(codes: codes, levels: levels)
    }
}
