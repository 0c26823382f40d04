import Foundation

/// A ranking group as the official vectors and `lanterne select` read it: the two minimum rates and the wishes.
public struct RankingGroup: Sendable, Equatable {
    /// The group's name.
    public var name: String
    /// qB.
    public var scholarshipRate: Int
    /// qR.
    public var inSectorRate: Int
    /// The candidates.
    public var candidates: [Candidate]

    /// Creates a group.
    public init(name: String, scholarshipRate: Int, inSectorRate: Int, candidates: [Candidate]) {
        self.name = name
        self.scholarshipRate = scholarshipRate
        self.inSectorRate = inSectorRate
        self.candidates = candidates
    }

    private struct File: Decodable {
        struct Wish: Decodable {
            var gCnCod: Int
            var rang: Int
            var boursier: Bool
            var duSecteur: Bool
        }
        var name: String?
        var tauxMinBoursiersPourcents: Int
        var tauxMinDuSecteurPourcents: Int
        var voeux: [Wish]
    }

    /// Reads one group or a list of groups from JSON (`tauxMinBoursiersPourcents`, `tauxMinDuSecteurPourcents`,
    /// `voeux` of `gCnCod`, `rang`, `boursier`, `duSecteur`, as the official vectors write them).
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - file: the name used in messages.
    /// - Returns: the groups.
    /// - Throws: ``SelectionInputError`` naming the missing field.
    public static func decode(_ data: Data, file: String) throws -> [RankingGroup] {
        let decoder = JSONDecoder()
        let files: [File]
        do {
            if let list = try? decoder.decode([File].self, from: data) {
                files = list
            } else {
                files = [try decoder.decode(File.self, from: data)]
            }
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw SelectionInputError(file: file, detail: "champ « \(path) » manquant")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SelectionInputError(file: file, detail: "champ « \(path) » d'un type inattendu")
        } catch {
            throw SelectionInputError(file: file, detail: "JSON illisible")
        }
        return files.enumerated().map { index, group in
            RankingGroup(
                name: group.name ?? "groupe \(index + 1)", scholarshipRate: group.tauxMinBoursiersPourcents,
                inSectorRate: group.tauxMinDuSecteurPourcents,
                candidates: group.voeux.map {
                    Candidate(id: $0.gCnCod, rank: $0.rang, scholarshipHolder: $0.boursier, inSector: $0.duSecteur)
                })
        }
    }
}
