/// Synthetic candidates to one selective programme (`lanterne synth candidats`), with the jury's ranking.
///
/// The jury ranks on a score made of grades and the school report; grades carry a social gradient (a modelling
/// choice, documented in `docs/synthetic-populations.md`), so the selection engine and the audit have something to
/// reveal.
public struct CandidatePopulation: SyntheticPopulation {
    /// The number of rows.
    public let rows: Int
    /// The seed.
    public let seed: UInt64
    /// The jury's rank of each row (1 = first), from the jury score, ties broken by row.
    public let juryRanks: [Int]

    /// Creates the population and ranks it.
    /// - Parameters:
    ///   - rows: how many candidates.
    ///   - seed: the seed.
    public init(rows: Int, seed: UInt64) {
        self.rows = rows
        self.seed = seed
        let scores = (0..<rows).map { CandidatePopulation.draw(row: $0, seed: seed).juryScore }
        let order = (0..<rows).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var ranks = [Int](repeating: 0, count: rows)
        for (position, row) in order.enumerated() { ranks[row] = position + 1 }
        juryRanks = ranks
    }

    struct Draw {
        var female: Bool
        var track: Int
        var scholarship: Bool
        var inSector: Bool
        var privateSchool: Bool
        var average: Double
        var specialities: Double
        var opinion: Int
        var juryScore: Double
    }

    static let tracks = ["general", "technologique", "professionnel"]
    static let opinions = ["tres_favorable", "favorable", "assez_favorable", "peu_demontre"]

    static func draw(row: Int, seed: UInt64) -> Draw {
        var r = SeededRandom(seed: seed, row: row, stream: 3)
        let female = r.bernoulli(0.55)
        let track = r.pick([54, 21, 25])
        let scholarship = r.bernoulli(track == 0 ? 0.17 : track == 1 ? 0.27 : 0.36)
        let inSector = r.bernoulli(0.62)
        let privateSchool = r.bernoulli(scholarship ? 0.12 : 0.24)
        let trackMean = [12.6, 11.4, 11.8][track]
        let ability = r.normal()
        let average = (trackMean + (scholarship ? -0.6 : 0) + (female ? 0.3 : 0) + 2.2 * ability).clamped(to: 4...19.8)
        let specialities = (average + 0.3 + 1.4 * r.normal()).clamped(to: 2...20)
        let opinionScore = ability + 0.8 * r.normal() + (privateSchool ? 0.15 : 0)
        let opinion = opinionScore > 1 ? 0 : opinionScore > -0.2 ? 1 : opinionScore > -1.2 ? 2 : 3
        let juryScore =
            0.5 * average + 0.4 * specialities + [1.5, 0.8, 0.2, 0][opinion] + (track == 0 ? 0.5 : 0)
            + 0.3 * r.normal()
        return Draw(
            female: female, track: track, scholarship: scholarship, inSector: inSector,
            privateSchool: privateSchool, average: average, specialities: specialities, opinion: opinion,
            juryScore: juryScore)
    }

    /// Appends candidate `row` as one CSV line.
    /// - Parameters:
    ///   - row: the row number.
    ///   - buffer: the output bytes.
    public func appendRecord(_ row: Int, to buffer: inout [UInt8]) {
        let d = CandidatePopulation.draw(row: row, seed: seed)
        RecordLine.append(to: &buffer) { line in
            line.integer(row + 1)
            line.integer(juryRanks[row])
            line.flag(d.scholarship)
            line.flag(d.inSector)
            line.label(d.female ? "F" : "M")
            line.label(CandidatePopulation.tracks[d.track])
            line.label(d.privateSchool ? "prive" : "public")
            line.decimal(d.average, 2)
            line.decimal(d.specialities, 2)
            line.label(CandidatePopulation.opinions[d.opinion])
            line.decimal(d.juryScore, 3)
        }
    }

    /// The columns, in file order, with their French descriptions.
    public var schema: Schema { CandidatePopulation.columns }

    static let columns = Schema(columns: [
        .synthetic("id_candidat", .id, .number, "Numéro du candidat dans le fichier"),
        .synthetic("rang_jury", .feature, .number, "Rang attribué par la commission d'examen des vœux (1 = premier)"),
        .synthetic("boursier", .protected, .boolean, "Boursier du lycée (compte pour le taux minimum de boursiers)"),
        .synthetic("du_secteur", .protected, .boolean, "Candidat du secteur de la formation"),
        .synthetic("sexe", .protected, .category, "Sexe (F, M)", labels: CategoryWords.sexes),
        .synthetic(
            "type_bac", .feature, .category, "Série du baccalauréat (général, technologique, professionnel)",
            labels: CategoryWords.tracks),
        .synthetic("etablissement", .feature, .category, "Lycée public ou privé", labels: CategoryWords.schools),
        .synthetic("moyenne_generale", .feature, .number, "Moyenne générale de terminale", unit: "/20"),
        .synthetic("moyenne_specialites", .feature, .number, "Moyenne des enseignements de spécialité", unit: "/20"),
        .synthetic(
            "avis_chef_etablissement", .feature, .category, "Avis du chef d'établissement sur la fiche Avenir",
            labels: CategoryWords.opinions),
        .synthetic("score_jury", .feature, .number, "Note de classement calculée par la commission"),
    ])
}
