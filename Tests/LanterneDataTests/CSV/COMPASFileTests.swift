import Foundation
import LanterneData
import Testing

@Suite("ProPublica's COMPAS file, read as published")
struct COMPASFileTests {
    static let path = realCasesFolder()?.appendingPathComponent("compas/compas-scores-two-years.csv").path

    @Test(
        "7,214 rows and 53 columns, the repeated headers kept distinct",
        .enabled(if: path != nil, "../shared/realcases is absent: COMPAS file not checked"))
    func shape() throws {
        let table = try CSVReader(path: Self.path!).readTable()
        #expect(table.rowCount == 7_214)
        #expect(table.columns.count == 53)
        #expect(table.columnNames.filter { $0.hasPrefix("decile_score") } == ["decile_score", "decile_score.2"])
        #expect(table.columnNames.filter { $0.hasPrefix("priors_count") } == ["priors_count", "priors_count.2"])
        #expect(table.doubles("decile_score") == table.doubles("decile_score.2"))
    }

    @Test(
        "Exact values and group counts",
        .enabled(if: path != nil, "../shared/realcases is absent: COMPAS file not checked"))
    func values() throws {
        let table = try CSVReader(path: Self.path!).readTable()
        #expect(table.doubles("id").prefix(3) == [1, 3, 4])
        #expect(table.strings("name").first == "miguel hernandez")
        #expect(table.strings("c_jail_in").first == "2013-08-13 06:03:42")
        #expect(table.strings("dob").first == "1947-04-18")
        #expect(table.doubles("age").first == 69)
        #expect(table.strings("c_charge_desc").first == "Aggravated Assault w/Firearm")
        #expect(table.strings("r_charge_degree")[1] == "(F3)")
        let race = table.strings("race")
        let counts = Dictionary(grouping: race.compactMap { $0 }, by: { $0 }).mapValues(\.count)
        #expect(
            counts == [
                "African-American": 3_696, "Caucasian": 2_454, "Hispanic": 637, "Other": 377, "Asian": 32,
                "Native American": 18,
            ])
        let recidivists = table.doubles("two_year_recid").filter { $0 == 1 }.count
        #expect(recidivists == 3_251)
        #expect(table.column(named: "days_b_screening_arrest")?.missingCount == 307)
    }
}
