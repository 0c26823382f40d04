import Foundation

extension AdmissionRound {
    /// What the official `algoPropositionsEntree` files do not hold: the day of the campaign, each boarding house's
    /// beds and opening percentage, who already holds a bed or a place (JSON, the official names).
    public struct Parameters: Sendable, Codable, Equatable {
        /// A boarding house's parameters.
        public struct House: Sendable, Codable, Equatable {
            /// Its committee (`C_GI_COD`).
            public var committee: Int
            /// Its formation (`G_TA_COD`).
            public var formation: Int
            /// Beds (`capacite`).
            public var capacity: Int
            /// Opening percentage, 0–100 (`pourcentageOuverture`).
            public var openingPercent: Int
            /// Candidates already holding a bed (`candidatsAffectes`).
            public var holders: [Int]?

            enum CodingKeys: String, CodingKey {
                case committee = "C_GI_COD"
                case formation = "G_TA_COD"
                case capacity = "capacite"
                case openingPercent = "pourcentageOuverture"
                case holders = "candidatsAffectes"
            }
        }

        /// A group's parameters.
        public struct Group: Sendable, Codable, Equatable {
            /// Its ranking committee (`C_GP_COD`).
            public var committee: Int
            /// Its enrolment formation (`G_TI_COD`).
            public var enrolment: Int
            /// Its admission formation (`G_TA_COD`).
            public var formation: Int
            /// Candidates already holding a place (`candidatsAffectes`).
            public var holders: [Int]?

            enum CodingKeys: String, CodingKey {
                case committee = "C_GP_COD"
                case enrolment = "G_TI_COD"
                case formation = "G_TA_COD"
                case holders = "candidatsAffectes"
            }
        }

        /// The day of the campaign (`nbJoursCampagne`).
        public var day: Int
        /// The boarding houses' parameters (`internats`).
        public var houses: [House]?
        /// The groups' parameters (`groupes`).
        public var groups: [Group]?

        enum CodingKeys: String, CodingKey {
            case day = "nbJoursCampagne"
            case houses = "internats"
            case groups = "groupes"
        }

        /// Reads parameters.
        /// - Throws: ``SelectionInputError`` naming the field.
        public static func decode(_ data: Data, file: String) throws -> Parameters {
            do {
                return try JSONDecoder().decode(Parameters.self, from: data)
            } catch DecodingError.keyNotFound(let key, let context) {
                let path = (context.codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                throw SelectionInputError(file: file, detail: "champ « \(path.joined(separator: ".")) » manquant")
            } catch {
                throw SelectionInputError(file: file, detail: "paramètres illisibles (\(error))")
            }
        }
    }

    /// Reads an official `algoPropositionsEntree` file (the ministry's 2018 examples) with the parameters it lacks.
    /// Fields the ministry's files hold as results (`rangListeAttente`, `rangDernierAppele`, the boarding houses'
    /// positions and contingent) are ignored.
    /// - Parameters:
    ///   - bytes: the XML text.
    ///   - parameters: the day, beds, opening percentages and holders.
    ///   - file: the name used in messages.
    /// - Throws: ``SelectionInputError`` naming the group, wish and field.
    public static func decodeOfficialXML(_ bytes: [UInt8], parameters: Parameters, file: String) throws
        -> AdmissionRound
    {
        guard let root = XMLNode.parse(bytes), root.name == "algoPropositionsEntree" else {
            throw SelectionInputError(
                file: file, detail: "XML illisible : il faut un élément « algoPropositionsEntree »")
        }
        func number(_ node: XMLNode?, _ field: String, _ place: String) throws -> Int {
            guard let text = node?.first(field)?.text.trimmingSpaces(), let value = Int(text) else {
                throw SelectionInputError(file: file, detail: "\(place) : champ « \(field) » manquant ou non entier")
            }
            return value
        }
        func wishID(_ node: XMLNode, _ place: String) throws -> WishID {
            let id = node.first("id")
            let flag = id?.first("I_RH_COD")?.text.trimmingSpaces()
            guard flag == "true" || flag == "false" else {
                throw SelectionInputError(file: file, detail: "\(place) : champ « I_RH_COD » manquant (true ou false)")
            }
            return WishID(
                candidate: try number(id, "G_CN_COD", place), formation: try number(id, "G_TA_COD", place),
                boarding: flag == "true")
        }
        let groupHolders = Dictionary(
            (parameters.groups ?? []).map { ([$0.committee, $0.enrolment, $0.formation], Set($0.holders ?? [])) },
            uniquingKeysWith: { $0.union($1) })
        let groups = try root.all("groupesAffectations").enumerated().map { index, node -> Group in
            let id = node.first("id")
            let place = "groupe n° \(index + 1)"
            let codes = [
                try number(id, "C_GP_COD", place), try number(id, "G_TI_COD", place), try number(id, "G_TA_COD", place),
            ]
            let wishes = try node.all("voeux").enumerated().map { position, wish -> Wish in
                let wishPlace = "\(place), vœu n° \(position + 1)"
                return Wish(
                    id: try wishID(wish, wishPlace), callRank: try number(wish, "ordreAppel", wishPlace),
                    boardingRank: Int(wish.first("rangInternat")?.text.trimmingSpaces() ?? "") ?? 0)
            }
            return Group(
                committee: codes[0], enrolment: codes[1], formation: codes[2],
                vacancies: try number(node, "nbPlacesVacantes", place),
                limitRank: try number(node, "rangLimite", place),
                wishes: wishes, holders: groupHolders[codes] ?? [])
        }
        let houseParameters = Dictionary(
            (parameters.houses ?? []).map { ([$0.committee, $0.formation], $0) },
            uniquingKeysWith: { first, _ in first })
        let houses = try root.all("internats").enumerated().map { index, node -> BoardingHouse in
            let id = node.first("id")
            let place = "internat n° \(index + 1)"
            let codes = [try number(id, "C_GI_COD", place), try number(id, "G_TA_COD", place)]
            guard let settings = houseParameters[codes] else {
                throw SelectionInputError(
                    file: file,
                    detail:
                        "internat \(codes[0])/\(codes[1]) : capacité et pourcentage d'ouverture absents des paramètres")
            }
            return BoardingHouse(
                committee: codes[0], formation: codes[1], capacity: settings.capacity,
                openingPercent: settings.openingPercent, holders: Set(settings.holders ?? []),
                wishes: try node.all("voeux").enumerated().map { try wishID($1, "\(place), vœu n° \($0 + 1)") })
        }
        return AdmissionRound(day: parameters.day, groups: groups, boardingHouses: houses)
    }
}

extension AdmissionResult {
    /// The result as an official `algoPropositionsSortie` file: every proposal, then every waiting wish (groups in
    /// order, wishes in call order), then the boarding houses.
    /// - Parameter round: the round it was computed from.
    /// - Returns: the XML text, laid out as the ministry's files.
    public func officialXML(_ round: AdmissionRound) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", "<algoPropositionsSortie>"]
        var waitingRank: [AdmissionRound.WishID: (wish: AdmissionRound.Wish, rank: Int)] = [:]
        for group in groups {
            for outcome in group.wishes { waitingRank[outcome.wish.id] = (outcome.wish, outcome.waitingRank) }
        }
        func wishLines(_ tag: String, _ wish: AdmissionRound.Wish, _ rank: Int, _ indent: String) -> [String] {
            [
                "\(indent)<\(tag)>", "\(indent)    <id>", "\(indent)        <G_CN_COD>\(wish.id.candidate)</G_CN_COD>",
                "\(indent)        <G_TA_COD>\(wish.id.formation)</G_TA_COD>",
                "\(indent)        <I_RH_COD>\(wish.id.boarding)</I_RH_COD>", "\(indent)    </id>",
                "\(indent)    <ordreAppel>\(wish.callRank)</ordreAppel>",
                "\(indent)    <rangInternat>\(wish.boardingRank)</rangInternat>",
                "\(indent)    <rangListeAttente>\(rank)</rangListeAttente>", "\(indent)</\(tag)>",
            ]
        }
        for proposed in [true, false] {
            for group in groups {
                for outcome in group.wishes where outcome.proposed == proposed {
                    lines += wishLines(
                        proposed ? "propositions" : "enAttente", outcome.wish, outcome.waitingRank, "    ")
                }
            }
        }
        for (house, outcome) in zip(round.boardingHouses, boardingHouses) {
            lines += [
                "    <internats>", "        <id>", "            <C_GI_COD>\(house.committee)</C_GI_COD>",
                "            <G_TA_COD>\(house.formation)</G_TA_COD>", "        </id>",
                "        <contingentAdmission>\(outcome.contingent)</contingentAdmission>",
                "        <positionAdmission>\(outcome.position)</positionAdmission>",
                "        <positionMaximaleAdmission>\(outcome.maximumPosition)</positionMaximaleAdmission>",
            ]
            for id in outcome.wishes {
                if let (wish, rank) = waitingRank[id] { lines += wishLines("voeux", wish, rank, "        ") }
            }
            lines += outcome.waitingCandidates.map { "        <candidatsEnAttente>\($0)</candidatsEnAttente>" }
            lines.append("    </internats>")
        }
        lines.append("</algoPropositionsSortie>")
        return lines.joined(separator: "\n") + "\n"
    }
}
