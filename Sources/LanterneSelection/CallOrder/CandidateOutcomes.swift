import LanterneData

/// The candidates' table with what happened to each one, written for `lanterne audit`: their call rank, then the
/// outcome columns a command adds (called, proposed, called by the ranking alone…).
public struct CandidateOutcomes: Sendable {
    /// The candidates as read.
    public let table: Table
    /// Each row's candidate.
    public let ids: [Int]
    /// Each candidate's position in the call order, from 1.
    public let callRank: [Int: Int]
    /// Each candidate's position in the jury's ranking alone, from 1.
    public let rankingPosition: [Int: Int]

    /// Links each row of the candidates' table (its `id_candidat` column, which must be there) to the call order.
    /// - Parameters:
    ///   - table: the candidates, with `id_candidat`.
    ///   - order: the call order.
    public init(table: Table, order: [Candidate]) {
        self.table = table
        let column = table.column(named: "id_candidat")!
        ids = (0..<table.rowCount).map { Int(column.formatted($0) ?? "") ?? 0 }
        callRank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0 + 1) })
        rankingPosition = Dictionary(
            uniqueKeysWithValues: order.sorted { $0.rank < $1.rank }.enumerated().map { ($1.id, $0 + 1) })
    }

    /// A column of numbers, one per row, from each row's candidate.
    public func column(_ name: String, _ value: (Int) -> Double) -> Column {
        Column(name: name, storage: .number(NumberColumn(ids.map(value))))
    }

    /// A column of 1 and 0, one per row, from each row's candidate.
    public func flag(_ name: String, _ holds: (Int) -> Bool) -> Column {
        column(name) { holds($0) ? 1 : 0 }
    }

    /// Whether the jury's ranking alone puts the candidate within `places`.
    public func withinRanking(_ candidate: Int, places: Int) -> Bool {
        (rankingPosition[candidate] ?? Int.max) <= places
    }

    /// Writes the table, yes/no columns as 1 and 0 (as the candidates' file writes them), then `rang_appel`, then
    /// `outcomes`.
    public func write(_ outcomes: [Column], to path: String) throws {
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
