import LanterneData
import Testing

@Suite("Reading the CSV files French administrations export")
struct CSVReaderTests {
    static let chunkSizes = [1 << 20, 64, 7, 1]

    @Test("Semicolons and decimal commas, with grouped thousands", arguments: chunkSizes)
    func semicolonDecimalComma(chunkSize: Int) throws {
        let text =
            "nom;montant;taux\nA;1 234,56;0,5\nB;1234,56;12\nC;\"1\u{00A0}000\";-3,25\nD;1\u{202F}234\u{202F}567,8;1e-3\n"
        let result = try readCSV(text, chunkSize: chunkSize)
        #expect(result.delimiter == UInt8(ascii: ";"))
        #expect(result.table.columnNames == ["nom", "montant", "taux"])
        #expect(result.table.doubles("montant") == [1234.56, 1234.56, 1000, 1_234_567.8])
        #expect(result.table.doubles("taux") == [0.5, 12, -3.25, 0.001])
        #expect(result.table.strings("nom") == ["A", "B", "C", "D"])
    }

    @Test("Quoted fields keep delimiters, doubled quotes and line breaks", arguments: chunkSizes)
    func quotedFields(chunkSize: Int) throws {
        let text =
            "id,commentaire,ville\n1,\"Dupont, Jean\",Lyon\n2,\"il a dit \"\"non\"\"\",\"Saint-Denis\"\n3,\"deux\nlignes\r\nici\",Paris\n"
        let table = try readCSV(text, chunkSize: chunkSize).table
        #expect(table.rowCount == 3)
        #expect(table.strings("commentaire") == ["Dupont, Jean", "il a dit \"non\"", "deux\nlignes\r\nici"])
        #expect(table.strings("ville") == ["Lyon", "Saint-Denis", "Paris"])
        #expect(table.doubles("id") == [1, 2, 3])
    }

    @Test("CRLF, CR and LF line ends give the same table", arguments: chunkSizes)
    func lineEnds(chunkSize: Int) throws {
        let lf = try readCSV("a,b\n1,x\n2,y\n", chunkSize: chunkSize).table
        let crlf = try readCSV("a,b\r\n1,x\r\n2,y\r\n", chunkSize: chunkSize).table
        let cr = try readCSV("a,b\r1,x\r2,y", chunkSize: chunkSize).table
        #expect(lf == crlf)
        #expect(lf == cr)
        #expect(lf.doubles("a") == [1, 2])
        #expect(lf.strings("b") == ["x", "y"])
    }

    @Test("A UTF-8 byte-order mark is not part of the first header")
    func byteOrderMark() throws {
        let table = try readCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("numéro;été\n1;oui\n".utf8)).table
        #expect(table.columnNames == ["numéro", "été"])
        #expect(table.column(named: "été")?.type == .boolean)
    }

    @Test("Windows-1252 files are detected, converted and reported", arguments: chunkSizes)
    func windows1252(chunkSize: Int) throws {
        // "département;prix\nAllier;12,5 €\nHérault;3\n" in Windows-1252: é = 0xE9, € = 0x80, œ = 0x9C.
        var bytes = Array("d".utf8) + [0xE9] + Array("partement;libell".utf8) + [0xE9] + Array("\n".utf8)
        bytes += Array("Allier;12 ".utf8) + [0x80] + Array("\nH".utf8) + [0xE9] + Array("rault;c".utf8) + [0x9C]
        bytes += Array("ur\n".utf8)
        let result = try readCSV(bytes: bytes, chunkSize: chunkSize)
        #expect(result.encoding == .windows1252)
        #expect(result.warnings == [.convertedFromWindows1252])
        #expect(result.table.columnNames == ["département", "libellé"])
        #expect(result.table.strings("département") == ["Allier", "Hérault"])
        #expect(result.table.strings("libellé") == ["12 €", "cœur"])
    }

    @Test("A Windows-1252 byte after a long UTF-8 start restarts the read in Windows-1252")
    func lateWindows1252() throws {
        var bytes = Array("ville,n\n".utf8)
        for i in 0..<200 { bytes += Array("Lyon,\(i)\n".utf8) }
        bytes += [0x4E, 0xEE, 0x6D, 0x65, 0x73] + Array(",200\n".utf8)  // "Nîmes" with î = 0xEE
        let result = try readCSV(bytes: bytes, chunkSize: 64)
        #expect(result.encoding == .windows1252)
        #expect(result.table.strings("ville").last == "Nîmes")
        #expect(result.table.rowCount == 201)
    }

    @Test("Missing markers become missing values in every type")
    func missingMarkers() throws {
        let text = "n,c,d\n1,a,2024-01-31\nNA,N/A,\n-,null,NaN\n\"\",\"NA\",null\n4,b,2024-02-29\n"
        let table = try readCSV(text).table
        let numbers = table.doubles("n")
        #expect(numbers[0] == 1 && numbers[4] == 4)
        #expect(numbers[1].isNaN && numbers[2].isNaN && numbers[3].isNaN)
        #expect(table.strings("c") == ["a", nil, nil, "NA", "b"])
        #expect(table.column(named: "d")?.type == .date)
        #expect(table.strings("d") == ["2024-01-31", nil, nil, nil, "2024-02-29"])
    }

    @Test("Duplicate header names stay distinct: name, name.2, name.3")
    func duplicateHeaders() throws {
        let table = try readCSV("score,x,score,score,\n1,2,3,4,5\n").table
        #expect(table.columnNames == ["score", "x", "score.2", "score.3", "colonne_5"])
        #expect(table.doubles("score.2") == [3])
    }

    @Test("Tabs are detected as the delimiter")
    func tabs() throws {
        let result = try readCSV("a\tb c\n1\tdeux mots\n")
        #expect(result.delimiter == 9)
        #expect(result.table.strings("b c") == ["deux mots"])
    }

    @Test("A number column meeting a code late becomes labels with every original text", arguments: [1 << 20, 16])
    func demotion(chunkSize: Int) throws {
        var text = "departement,n\n"
        for i in 0..<50 { text += "\(75 + i % 3),\(i)\n" }
        text += "2A,50\n1.50,51\n"
        let table = try readCSV(text, chunkSize: chunkSize).table
        #expect(table.column(named: "departement")?.type == .category)
        let labels = table.strings("departement")
        #expect(labels.count == 52)
        #expect(labels[0] == "75" && labels[1] == "76" && labels[50] == "2A" && labels[51] == "1.50")
        #expect(table.doubles("n").last == 51)
    }

    @Test("Codes with a leading zero stay labels: départements, postcodes, phone numbers")
    func leadingZeros() throws {
        let table = try readCSV("dep,cp,tel\n01,01000,06 12 34 56 78\n13,13001,01 23 45 67 89\n").table
        #expect(table.column(named: "dep")?.type == .category)
        #expect(table.strings("cp") == ["01000", "13001"])
        #expect(table.strings("tel") == ["06 12 34 56 78", "01 23 45 67 89"])
    }

    @Test("Dates in ISO and French forms, with and without time")
    func dates() throws {
        let table = try readCSV("a,b\n2013-08-13 06:03:42,31/12/2023\n2016-02-29 00:00:00,01/01/1970\n").table
        #expect(table.strings("a") == ["2013-08-13 06:03:42", "2016-02-29 00:00:00"])
        #expect(table.strings("b") == ["2023-12-31", "1970-01-01"])
        guard case .date(let dates) = table.column(named: "b")?.storage else {
            Issue.record("column b should be dates")
            return
        }
        #expect(dates.seconds == [1_703_980_800, 0])
    }

    @Test("Yes/no words in French and English are booleans")
    func booleans() throws {
        let table = try readCSV("a,b\noui,TRUE\nNon,false\n,Vrai\n").table
        guard case .boolean(let a) = table.column(named: "a")?.storage,
            case .boolean(let b) = table.column(named: "b")?.storage
        else {
            Issue.record("both columns should be booleans")
            return
        }
        #expect(a.values == [1, 0, BooleanColumn.missing])
        #expect(b.values == [1, 0, 1])
    }

    @Test("Blank lines are skipped and a last line without line end is read")
    func blankLines() throws {
        let table = try readCSV("a,b\n\n1,2\n\n3,4").table
        #expect(table.doubles("a") == [1, 3])
        #expect(table.doubles("b") == [2, 4])
    }

    @Test("A schema's types are imposed: numbers as categories, 0/1 as booleans")
    func imposedTypes() throws {
        let options = CSVOptions(columnTypes: ["code": .category, "flag": .boolean])
        let table = try readCSV("code,flag\n12,1\n7,0\n", options: options).table
        #expect(table.column(named: "code")?.type == .category)
        #expect(table.strings("code") == ["12", "7"])
        #expect(table.strings("flag") == ["true", "false"])
    }
}
