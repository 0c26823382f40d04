extension RankingGroup {
    /// Reads the groups of an official `algoOrdreAppelEntree` XML file (the ministry's 2018 examples): each
    /// `groupesClassements` with `C_GP_COD`, `tauxMinBoursiersPourcents`, `tauxMinResidentsPourcents` and
    /// `voeuxClasses` of `typeCandidat` (`BoursierResident`, `BoursierNonResident`, `NonBoursierResident`,
    /// `NonBoursierNonResident`), `G_CN_COD` and `rang`.
    /// - Parameters:
    ///   - bytes: the XML text.
    ///   - file: the name used in messages.
    /// - Returns: the groups.
    /// - Throws: ``SelectionInputError`` naming the missing or invalid field.
    public static func decodeOfficialXML(_ bytes: [UInt8], file: String) throws -> [RankingGroup] {
        guard let root = XMLNode.parse(bytes), root.name == "algoOrdreAppelEntree" else {
            throw SelectionInputError(file: file, detail: "XML illisible : il faut un élément « algoOrdreAppelEntree »")
        }
        return try root.all("groupesClassements").enumerated().map { index, group in
            func number(_ node: XMLNode, _ field: String) throws -> Int {
                guard let text = node.first(field)?.text.trimmingSpaces(), let value = Int(text) else {
                    throw SelectionInputError(
                        file: file, detail: "groupe \(index + 1) : champ « \(field) » manquant ou non entier")
                }
                return value
            }
            let candidates = try group.all("voeuxClasses").map { wish -> Candidate in
                let type = wish.first("typeCandidat")?.text.trimmingSpaces() ?? ""
                guard
                    ["BoursierResident", "BoursierNonResident", "NonBoursierResident", "NonBoursierNonResident"]
                        .contains(type)
                else {
                    throw SelectionInputError(
                        file: file, detail: "groupe \(index + 1) : « typeCandidat » invalide (« \(type) »)")
                }
                return Candidate(
                    id: try number(wish, "G_CN_COD"), rank: try number(wish, "rang"),
                    scholarshipHolder: type.hasPrefix("Boursier"), inSector: !type.hasSuffix("NonResident"))
            }
            return RankingGroup(
                name: String(try number(group, "C_GP_COD")),
                scholarshipRate: try number(group, "tauxMinBoursiersPourcents"),
                inSectorRate: try number(group, "tauxMinResidentsPourcents"), candidates: candidates)
        }
    }

    /// The call orders of an official `algoOrdreAppelSortie` XML file, by group code.
    /// - Parameter bytes: the XML text.
    /// - Returns: each group's `G_CN_COD` in call order, or `nil` if the file is not such an output.
    public static func officialXMLOrders(_ bytes: [UInt8]) -> [String: [Int]]? {
        guard let root = XMLNode.parse(bytes), root.name == "algoOrdreAppelSortie",
            let orders = root.first("ordresAppel")
        else { return nil }
        var result: [String: [Int]] = [:]
        for entry in orders.all("entry") {
            guard let key = entry.first("key")?.text.trimmingSpaces(), let value = entry.first("value") else {
                return nil
            }
            result[key] = value.all("voeux").compactMap { Int($0.first("G_CN_COD")?.text.trimmingSpaces() ?? "") }
        }
        return result
    }
}
