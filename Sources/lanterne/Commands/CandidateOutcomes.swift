import LanterneData
import LanterneSelection

/// The candidates' table with what happened to each one, written for `lanterne audit`: their call rank, then the
/// outcome columns a command adds (called, proposed, called by the ranking alone…).
struct CandidateOutcomes {
    /// The candidates as read.
    let table: Table
    /// Each row's candidate.
    let ids: [Int]
    /// Each candidate's position in the call order, from 1.
    let callRank: [Int: Int]
    /// Each candidate's position in the jury's ranking alone, from 1.
    let rankingPosition: [Int: Int]

    init(table: Table, order: [Candidate]) {
        self.table = table
        let column = table.column(named: "id_candidat")!
        ids = (0..<table.rowCount).map { Int(column.formatted($0) ?? "") ?? 0 }
        callRank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0 + 1) })
        rankingPosition = Dictionary(
            uniqueKeysWithValues: order.sorted { $0.rank < $1.rank }.enumerated().map { ($1.id, $0 + 1) })
    }

    /// A column of numbers, one per row, from each row's candidate.
    func column(_ name: String, _ value: (Int) -> Double) -> Column {
        Column(name: name, storage: .number(NumberColumn(ids.map(value))))
    }

    /// A column of 1 and 0, one per row, from each row's candidate.
    func flag(_ name: String, _ holds: (Int) -> Bool) -> Column {
        column(name) { holds($0) ? 1 : 0 }
    }

    /// Whether the jury's ranking alone puts the candidate within `places`.
    func withinRanking(_ candidate: Int, places: Int) -> Bool {
        (rankingPosition[candidate] ?? Int.max) <= places
    }

    /// Writes the table, yes/no columns as 1 and 0 (as the candidates' file writes them), then `rang_appel`, then
    /// `outcomes`.
    func write(_ outcomes: [Column], to path: String) throws {
        let kept = table.columns.map { column -> Column in
            guard case .boolean(let flags) = column.storage else { return column }
            return Column(
                name: column.name,
                storage: .number(NumberColumn(flags.values.map { $0 == BooleanColumn.missing ? .nan : Double($0) })))
        }
        let rank = column("rang_appel") { Double(callRank[$0] ?? 0) }
        try CSVWriter().write(Table(columns: kept + [rank] + outcomes), to: path)
    }
}
