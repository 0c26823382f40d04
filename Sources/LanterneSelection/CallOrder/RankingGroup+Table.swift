import Foundation
import LanterneData

extension RankingGroup {
    /// The column types of a candidates' table, for the CSV reader.
    public static let candidateColumnTypes: [String: ColumnType] = ["boursier": .boolean, "du_secteur": .boolean]

    /// One ranking group from a table of candidates (`id_candidat`, `rang_jury`, `boursier`, `du_secteur`, as
    /// `lanterne synth candidats` writes), with its minimum rates.
    /// - Parameters:
    ///   - table: the candidates.
    ///   - file: the file they were read from (its name becomes the group's).
    ///   - scholarshipRate: the minimum share of scholarship holders, in percent.
    ///   - inSectorRate: the minimum share of candidates from the sector, in percent.
    /// - Throws: ``SelectionInputError`` naming the file, and the line of a value that is not an integer.
    public init(candidates table: Table, file: String, scholarshipRate: Int, inSectorRate: Int) throws {
        let names = ["id_candidat", "rang_jury", "boursier", "du_secteur"]
        let missing = names.filter { table.column(named: $0) == nil }
        guard missing.isEmpty,
            let ids = table.column(named: "id_candidat"), let ranks = table.column(named: "rang_jury"),
            let scholarship = table.column(named: "boursier"), let sector = table.column(named: "du_secteur")
        else {
            throw SelectionInputError(
                file: file, detail: "colonne(s) manquante(s) : " + missing.joined(separator: ", "))
        }
        let yes: Set<String> = ["1", "oui", "true", "vrai"]
        var candidates: [Candidate] = []
        for row in 0..<table.rowCount {
            guard let id = ids.formatted(row).flatMap({ Int($0) }),
                let rank = ranks.formatted(row).flatMap({ Int($0) })
            else {
                throw SelectionInputError(
                    file: file,
                    detail: "ligne \(row + 2) : « id_candidat » et « rang_jury » doivent être des entiers")
            }
            candidates.append(
                Candidate(
                    id: id, rank: rank, scholarshipHolder: yes.contains(scholarship.formatted(row)?.lowercased() ?? ""),
                    inSector: yes.contains(sector.formatted(row)?.lowercased() ?? "")))
        }
        self.init(
            name: (file as NSString).lastPathComponent, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate,
            candidates: candidates)
    }

    /// The group and its call order as `lanterne select ordre-appel --format json` writes them: the official
    /// vectors' fields (`voeux`) and `ordreAppel`, the candidates' ids in call order.
    /// - Parameter order: the call order.
    /// - Returns: the JSON object.
    public func callOrderJSON(_ order: [Candidate]) -> String {
        let wishes = candidates.map {
            "{\"gCnCod\":\($0.id),\"rang\":\($0.rank),\"boursier\":\($0.scholarshipHolder),"
                + "\"duSecteur\":\($0.inSector)}"
        }.joined(separator: ",")
        return "{\"name\":\(JSONText.quoted(name)),"
            + "\"tauxMinBoursiersPourcents\":\(scholarshipRate),"
            + "\"tauxMinDuSecteurPourcents\":\(inSectorRate),\"voeux\":[\(wishes)],"
            + "\"ordreAppel\":[" + order.map { String($0.id) }.joined(separator: ",") + "]}"
    }
}

extension CallPosition {
    /// The candidate's position as `lanterne select ordre-appel --id N --format json` writes it.
    /// - Parameters:
    ///   - group: the candidate's group.
    ///   - explanation: the sentence explaining the position.
    /// - Returns: the JSON object.
    public func json(in group: RankingGroup, explanation: String) -> String {
        "{\"name\":\(JSONText.quoted(group.name)),\"gCnCod\":\(candidate.id),\"rang\":\(rank),"
            + "\"rangAppel\":\(position),"
            + "\"passesParBoursiers\":\(passedByScholarshipHolders),"
            + "\"passesParDuSecteur\":\(passedByInSector),"
            + "\"explication\":\(JSONText.quoted(explanation))}"
    }
}
