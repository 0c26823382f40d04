/// A table as aligned plain text for a terminal: the leading text columns left-aligned, the others (numbers)
/// right-aligned, two spaces between columns. A note row (a suppressed group) shows its first cell, then its note, and sets no other width.
struct AuditTextTable {
    /// One row: cells under the headers, or a first cell and a note.
    enum Row {
        /// Cells, one per header.
        case cells([String])
        /// A first cell and a sentence in place of the others.
        case note(String, String)
    }

    /// The column headers.
    var headers: [String]
    /// The rows, in order.
    var rows: [Row] = []
    /// How many leading columns hold text and are left-aligned.
    var textColumns = 1

    /// The lines, without a line end.
    func lines() -> [String] {
        var widths = headers.map(\.count)
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        if let first = rows.lazy.compactMap({ row -> String? in
            if case .note(let cell, _) = row { return cell } else { return nil }
        }).map(\.count).max() {
            widths[0] = max(widths[0], first)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index < textColumns ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return [line(headers)]
            + rows.map { row in
                switch row {
                case .cells(let cells): return line(cells)
                case .note(let cell, let note):
                    return cell + String(repeating: " ", count: widths[0] - cell.count) + "  " + note
                }
            }
    }
}
