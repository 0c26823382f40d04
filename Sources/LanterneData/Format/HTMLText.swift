/// Text made safe inside HTML elements and attributes.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    /// - Parameter text: any text.
    /// - Returns: the escaped text.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The rules every page of Lanterne shares: a readable system font, a centred column `width` wide, section
    /// headings underlined, figures and tables that never break across printed pages, captioned tables with borders.
    /// - Parameter width: the column's largest width, in rem.
    /// - Returns: CSS rules, one per line.
    public static func pageStyle(width: Int) -> String {
        """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;\
        background:#fff;margin:0}
        main{max-width:\(width)rem;margin:0 auto;padding:1.5rem}
        h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #000091}
        figure{margin:1rem 0}
        svg{max-width:100%;height:auto}
        table{border-collapse:collapse;margin:.5rem 0}
        caption{text-align:left;font-weight:bold}
        th,td{border:1px solid #929292;padding:.2rem .5rem;text-align:left}
        td.n{text-align:right}
        @media print{figure,table{break-inside:avoid}}
        """
    }

    /// A self-contained page up to its first heading: no script and no outside resource, the title escaped.
    /// - Parameters:
    ///   - title: the page's title and first heading.
    ///   - language: the page's language.
    ///   - style: its CSS rules.
    /// - Returns: the HTML text; close it with ``pageEnd``.
    public static func pageStart(title: String, language: Language, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        <h1>\(escaped(title))</h1>

        """
    }

    /// The end of a page begun by ``pageStart(title:language:style:)``.
    public static let pageEnd = "</main>\n</body>\n</html>\n"
}
