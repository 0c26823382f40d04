import LanterneData
import Testing

@Suite("Reading only some columns, and any column as labels")
struct CSVColumnSelectionTests {
    @Test(
        "onlyColumns builds the named columns alone, in file order, the same values as a full read",
        arguments: [
            1 << 20, 5,
        ])
    func onlyColumns(chunkSize: Int) throws {
        let text = "a,b,c,d\n1,x,2.5,oui\n2,y,,non\n3,x,4,oui\n"
        var options = CSVOptions()
        options.onlyColumns = ["d", "a", "absent"]
        let some = try readCSV(text, chunkSize: chunkSize, options: options).table
        let all = try readCSV(text, chunkSize: chunkSize).table
        #expect(some.columnNames == ["a", "d"])
        #expect(some.column(named: "a") == all.column(named: "a"))
        #expect(some.column(named: "d") == all.column(named: "d"))
    }

    @Test("Any column as labels: each distinct value written once as the file would write it, missing as -1")
    func dictionaryEncoded() throws {
        let numbers = Column(name: "n", storage: .number(NumberColumn([2.5, .nan, 1, 2.5, 1e21])))
        let encoded = numbers.dictionaryEncoded()
        #expect(encoded.codes == [0, -1, 1, 0, 2])
        #expect(
            encoded.levels
                == (0..<5).compactMap { numbers.formatted($0) }.reduce(into: []) {
                    if !$0.contains($1) { $0.append($1) }
                })
        let flags = Column(name: "f", storage: .boolean(BooleanColumn(flags: [true, nil, false])))
        #expect(flags.dictionaryEncoded().codes == [1, -1, 0])
        #expect(flags.dictionaryEncoded().levels == ["false", "true"])
        let text = Column(name: "t", storage: .text(TextColumn(["b", nil, "a", "b"])))
        #expect(text.dictionaryEncoded() == CategoryColumn(codes: [0, -1, 1, 0], levels: ["b", "a"]))
    }
}
