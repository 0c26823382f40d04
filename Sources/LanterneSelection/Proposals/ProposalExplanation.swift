import LanterneData

/// What a day of proposals means for one candidate, wish by wish, in plain words: their place in the call order,
/// how far the group called today, their place on the waiting list, and, when they asked for a bed, their rank in
/// the boarding house against the day's admission position.
public enum ProposalExplanation {
    /// The explanation of every wish of a candidate.
    /// - Parameters:
    ///   - candidate: the candidate (`G_CN_COD`).
    ///   - round: the day's input.
    ///   - result: its outcome.
    ///   - language: the reader's language.
    /// - Returns: one paragraph per wish, or `nil` when the candidate has no waiting wish that day.
    public static func text(
        candidate: Int, round: AdmissionRound, result: AdmissionResult, language: Language = .fr
    ) -> String? {
        let fr = language == .fr
        var paragraphs: [String] = []
        for (group, outcome) in zip(round.groups, result.groups) {
            for wishOutcome in outcome.wishes where wishOutcome.wish.id.candidate == candidate {
                let wish = wishOutcome.wish
                var sentences: [String] = []
                let name = "\(group.committee)/\(group.enrolment)/\(group.formation)"
                sentences.append(
                    fr
                        ? "Vœu pour la formation \(wish.id.formation) (groupe \(name))"
                            + (wish.id.boarding ? ", avec demande d'internat." : ", sans internat.")
                        : "Wish for formation \(wish.id.formation) (group \(name))"
                            + (wish.id.boarding ? ", with a boarding request." : ", without boarding."))
                sentences.append(
                    fr
                        ? "Votre rang dans l'ordre d'appel du groupe est \(wish.callRank)."
                        : "Your rank in the group's call order is \(wish.callRank).")
                let holder = group.holders.contains(candidate)
                if holder {
                    sentences.append(
                        fr
                            ? "Vous avez déjà une place dans cette formation ; ce vœu attend seulement un lit."
                            : "You already hold a place in this formation; this wish only waits for a bed.")
                } else {
                    let called =
                        outcome.lastCalledRank > 0
                        ? (fr
                            ? "aujourd'hui (jour \(round.day)), le dernier rang appelé est \(outcome.lastCalledRank)"
                            : "today (day \(round.day)), the last rank called is \(outcome.lastCalledRank)")
                        : (fr
                            ? "aujourd'hui (jour \(round.day)), le groupe n'a fait aucune nouvelle proposition"
                            : "today (day \(round.day)), the group made no new proposal")
                    let vacant = max(0, group.vacancies)
                    let places =
                        fr
                        ? " ; \(vacant) place\(vacant > 1 ? "s" : "") vacante\(vacant > 1 ? "s" : "") ce jour-là"
                        : "; \(vacant) place\(vacant == 1 ? " was" : "s were") vacant that day"
                    sentences.append((fr ? "Pour ce groupe, " : "For this group, ") + called + places + ".")
                }
                if let boarding = boardingSentence(candidate, wish, round: round, result: result, language: language) {
                    sentences.append(boarding)
                }
                if wishOutcome.proposed {
                    sentences.append(
                        fr ? "Ce vœu reçoit une proposition aujourd'hui." : "This wish receives a proposal today.")
                } else {
                    var waiting =
                        fr
                        ? "Ce vœu est en attente : vous êtes \(wishOutcome.waitingRank)\(wishOutcome.waitingRank == 1 ? "er" : "e") "
                            + "sur la liste d'attente"
                        : "This wish is waiting: you are number \(wishOutcome.waitingRank) on the waiting list"
                    if outcome.heldOnlyByBoarding(wishOutcome) {
                        waiting +=
                            fr
                            ? ", et c'est le classement de l'internat qui le retient aujourd'hui"
                            : ", and the boarding house's ranking is what holds it back today"
                    }
                    sentences.append(waiting + ".")
                }
                paragraphs.append(sentences.joined(separator: " "))
            }
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    private static func boardingSentence(
        _ candidate: Int, _ wish: AdmissionRound.Wish, round: AdmissionRound, result: AdmissionResult,
        language: Language
    ) -> String? {
        let fr = language == .fr
        guard wish.id.boarding else { return nil }
        guard let index = round.boardingHouses.firstIndex(where: { $0.wishes.contains(wish.id) }) else {
            return fr
                ? "Aucun internat ne classe ce vœu : la demande de lit ne change rien à la proposition."
                : "No boarding house ranks this wish: the bed request does not affect the proposal."
        }
        let house = round.boardingHouses[index]
        let outcome = result.boardingHouses[index]
        if house.holders.contains(candidate) {
            return fr ? "Vous avez déjà un lit dans cet internat." : "You already hold a bed in this boarding house."
        }
        let beds = max(0, house.capacity - house.holders.count)
        return fr
            ? "Votre rang à l'internat est \(wish.boardingRank) ; aujourd'hui, les lits sont proposés jusqu'au rang "
                + "\(outcome.position) (\(house.capacity) lits, dont \(beds) libre\(beds > 1 ? "s" : "") ; la liste s'ouvre jusqu'au rang "
                + "\(outcome.maximumPosition) ce jour-là)."
            : "Your boarding rank is \(wish.boardingRank); today, beds are offered up to rank \(outcome.position) "
                + "(\(house.capacity) beds, \(beds) free; the list opens up to rank \(outcome.maximumPosition) that day)."
    }
}
