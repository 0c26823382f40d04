/// French départements with their population, used to place synthetic households and firms.
///
/// Populations are INSEE's legal populations (2021), in thousands, rounded; `density` is 0 for the four most
/// urban départements (Paris and its inner ring), 1 for départements dominated by a large city, 2 for the others.
enum Departments {
    struct Entry {
        let code: String
        let thousands: Double
        let density: Int
        /// The region it belongs to (one of ``regions``).
        let region: Int
    }

    static let regions = [
        "auvergne_rhone_alpes", "bourgogne_franche_comte", "bretagne", "centre_val_de_loire", "corse", "grand_est",
        "hauts_de_france", "ile_de_france", "normandie", "nouvelle_aquitaine", "occitanie", "pays_de_la_loire",
        "provence_alpes_cote_d_azur", "outre_mer",
    ]

    // swift-format-ignore
    static let all: [Entry] = [
        .init(code: "01", thousands: 660, density: 2, region: 0), .init(code: "02", thousands: 530, density: 2, region: 6),
        .init(code: "03", thousands: 335, density: 2, region: 0), .init(code: "04", thousands: 165, density: 2, region: 12),
        .init(code: "05", thousands: 141, density: 2, region: 12), .init(code: "06", thousands: 1098, density: 1, region: 12),
        .init(code: "07", thousands: 329, density: 2, region: 0), .init(code: "08", thousands: 270, density: 2, region: 5),
        .init(code: "09", thousands: 154, density: 2, region: 10), .init(code: "10", thousands: 311, density: 2, region: 5),
        .init(code: "11", thousands: 375, density: 2, region: 10), .init(code: "12", thousands: 279, density: 2, region: 10),
        .init(code: "13", thousands: 2056, density: 1, region: 12), .init(code: "14", thousands: 697, density: 1, region: 8),
        .init(code: "15", thousands: 144, density: 2, region: 0), .init(code: "16", thousands: 352, density: 2, region: 9),
        .init(code: "17", thousands: 656, density: 2, region: 9), .init(code: "18", thousands: 301, density: 2, region: 3),
        .init(code: "19", thousands: 240, density: 2, region: 9), .init(code: "2A", thousands: 160, density: 2, region: 4),
        .init(code: "2B", thousands: 183, density: 2, region: 4), .init(code: "21", thousands: 535, density: 1, region: 1),
        .init(code: "22", thousands: 602, density: 2, region: 2), .init(code: "23", thousands: 116, density: 2, region: 9),
        .init(code: "24", thousands: 414, density: 2, region: 9), .init(code: "25", thousands: 545, density: 2, region: 1),
        .init(code: "26", thousands: 522, density: 2, region: 0), .init(code: "27", thousands: 600, density: 2, region: 8),
        .init(code: "28", thousands: 431, density: 2, region: 3), .init(code: "29", thousands: 919, density: 2, region: 2),
        .init(code: "30", thousands: 751, density: 1, region: 10), .init(code: "31", thousands: 1415, density: 1, region: 10),
        .init(code: "32", thousands: 192, density: 2, region: 10), .init(code: "33", thousands: 1636, density: 1, region: 9),
        .init(code: "34", thousands: 1200, density: 1, region: 10), .init(code: "35", thousands: 1095, density: 1, region: 2),
        .init(code: "36", thousands: 217, density: 2, region: 3), .init(code: "37", thousands: 612, density: 1, region: 3),
        .init(code: "38", thousands: 1275, density: 1, region: 0), .init(code: "39", thousands: 259, density: 2, region: 1),
        .init(code: "40", thousands: 418, density: 2, region: 9), .init(code: "41", thousands: 328, density: 2, region: 3),
        .init(code: "42", thousands: 767, density: 1, region: 0), .init(code: "43", thousands: 228, density: 2, region: 0),
        .init(code: "44", thousands: 1450, density: 1, region: 11), .init(code: "45", thousands: 682, density: 1, region: 3),
        .init(code: "46", thousands: 175, density: 2, region: 10), .init(code: "47", thousands: 332, density: 2, region: 9),
        .init(code: "48", thousands: 77, density: 2, region: 10), .init(code: "49", thousands: 822, density: 2, region: 11),
        .init(code: "50", thousands: 491, density: 2, region: 8), .init(code: "51", thousands: 566, density: 1, region: 5),
        .init(code: "52", thousands: 170, density: 2, region: 5), .init(code: "53", thousands: 307, density: 2, region: 11),
        .init(code: "54", thousands: 733, density: 1, region: 5), .init(code: "55", thousands: 181, density: 2, region: 5),
        .init(code: "56", thousands: 762, density: 2, region: 2), .init(code: "57", thousands: 1046, density: 1, region: 5),
        .init(code: "58", thousands: 199, density: 2, region: 1), .init(code: "59", thousands: 2611, density: 1, region: 6),
        .init(code: "60", thousands: 829, density: 2, region: 6), .init(code: "61", thousands: 275, density: 2, region: 8),
        .init(code: "62", thousands: 1458, density: 1, region: 6), .init(code: "63", thousands: 665, density: 1, region: 0),
        .init(code: "64", thousands: 688, density: 2, region: 9), .init(code: "65", thousands: 229, density: 2, region: 10),
        .init(code: "66", thousands: 482, density: 2, region: 10), .init(code: "67", thousands: 1150, density: 1, region: 5),
        .init(code: "68", thousands: 767, density: 1, region: 5), .init(code: "69", thousands: 1883, density: 1, region: 0),
        .init(code: "70", thousands: 234, density: 2, region: 1), .init(code: "71", thousands: 551, density: 2, region: 1),
        .init(code: "72", thousands: 564, density: 2, region: 11), .init(code: "73", thousands: 439, density: 2, region: 0),
        .init(code: "74", thousands: 833, density: 1, region: 0), .init(code: "75", thousands: 2133, density: 0, region: 7),
        .init(code: "76", thousands: 1255, density: 1, region: 8), .init(code: "77", thousands: 1428, density: 1, region: 7),
        .init(code: "78", thousands: 1448, density: 1, region: 7), .init(code: "79", thousands: 375, density: 2, region: 9),
        .init(code: "80", thousands: 569, density: 2, region: 6), .init(code: "81", thousands: 390, density: 2, region: 10),
        .init(code: "82", thousands: 261, density: 2, region: 10), .init(code: "83", thousands: 1085, density: 1, region: 12),
        .init(code: "84", thousands: 562, density: 1, region: 12), .init(code: "85", thousands: 694, density: 2, region: 11),
        .init(code: "86", thousands: 439, density: 2, region: 9), .init(code: "87", thousands: 372, density: 2, region: 9),
        .init(code: "88", thousands: 361, density: 2, region: 5), .init(code: "89", thousands: 335, density: 2, region: 1),
        .init(code: "90", thousands: 142, density: 2, region: 1), .init(code: "91", thousands: 1306, density: 1, region: 7),
        .init(code: "92", thousands: 1625, density: 0, region: 7), .init(code: "93", thousands: 1655, density: 0, region: 7),
        .init(code: "94", thousands: 1408, density: 0, region: 7), .init(code: "95", thousands: 1249, density: 1, region: 7),
        .init(code: "971", thousands: 384, density: 1, region: 13), .init(code: "972", thousands: 361, density: 1, region: 13),
        .init(code: "973", thousands: 286, density: 2, region: 13), .init(code: "974", thousands: 868, density: 1, region: 13),
        .init(code: "976", thousands: 279, density: 2, region: 13),
    ]

    /// Running sums of the populations, for drawing a département in proportion to its population.
    static let cumulative: [Double] = {
        var total = 0.0
        return all.map { entry in
            total += entry.thousands
            return total
        }
    }()

    /// The share of households living in rural communes, by density class (calibrated so that about a third of
    /// the population is rural, INSEE's communal density grid).
    static let ruralShare: [Double] = [0.0, 0.24, 0.56]
}
