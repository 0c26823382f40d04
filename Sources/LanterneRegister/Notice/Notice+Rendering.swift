import LanterneData

extension Notice {
    /// The notice as plain text, for a letter or a terminal.
    /// - Returns: the text, ending with a newline.
    public func plainText() -> String {
        var lines = [title, String(repeating: "=", count: title.count)] + lead
        for section in sections {
            lines += ["", section.heading, String(repeating: "-", count: section.heading.count)]
            lines += section.paragraphs
            if let table = section.table {
                let separator = language == .fr ? " : " : ": "
                let sourceWord = language == .fr ? "Origine" : "Source"
                // One source for every row is said once, after the list.
                let sources = Set(table.rows.map { $0[2] })
                for row in table.rows {
                    let source = sources.count == 1 ? "" : " \(sourceWord)\(separator)\(row[2])."
                    lines.append("- \(row[0])\(separator)\(row[1]).\(source)")
                }
                if sources.count == 1, let source = sources.first {
                    lines.append(
                        (language == .fr ? "Origine de ces données" : "Source of these data") + separator + source + "."
                    )
                }
            }
            for (index, step) in section.steps.enumerated() { lines.append("\(index + 1). \(step)") }
            lines += section.closing
        }
        lines.append("")
        lines += footer
        return lines.joined(separator: "\n") + "\n"
    }

    /// The notice as one HTML page: no script, no outside resource, printable, with headings, a captioned table with
    /// header cells, and lists.
    /// - Returns: the page.
    public func html() -> String {
        // The notice's own rules: a narrower column, full-width tables, a lead and a footer.
        let style = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;\
            background:#fff;margin:0}
            main{max-width:44rem;margin:0 auto;padding:1.5rem}
            figure{margin:1rem 0}
            svg{max-width:100%;height:auto}
            h1{font-size:1.6rem;margin:0 0 .5rem}
            h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #000091;padding-bottom:.2rem}
            .lead{margin:0;color:#3a3a3a}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}
            caption{text-align:left;font-weight:bold;padding:.3rem 0}
            th,td{border:1px solid #929292;padding:.3rem .5rem;text-align:left;vertical-align:top}
            thead th{background:#eeeeee}
            tbody th{font-weight:normal}
            footer{margin-top:2rem;font-size:.9rem;color:#3a3a3a}
            @media print{main{max-width:none;padding:0}h2{break-after:avoid}table,li{break-inside:avoid}}
            """
        return HTMLText.pageStart(title: title, language: language, style: style) + htmlSections() + HTMLText.pageEnd
    }

    /// The notice's lead lines, sections and footer as HTML, without the page around them or the title: for a site
    /// page that gives its own `h1` and styles.
    /// - Returns: the HTML fragment.
    public func htmlSections() -> String {
        var page = ""
        for line in lead { page += "<p class=\"lead\">\(HTMLText.escaped(line))</p>\n" }
        for (index, section) in sections.enumerated() {
            page += "<section aria-labelledby=\"section-\(index)\">\n"
            page += "<h2 id=\"section-\(index)\">\(HTMLText.escaped(section.heading))</h2>\n"
            for paragraph in section.paragraphs { page += "<p>\(HTMLText.escaped(paragraph))</p>\n" }
            if let table = section.table {
                page += "<table>\n<caption>\(HTMLText.escaped(table.caption))</caption>\n<thead><tr>"
                page += table.header.map { "<th scope=\"col\">\(HTMLText.escaped($0))</th>" }.joined()
                page += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    page += "<tr><th scope=\"row\">\(HTMLText.escaped(row[0]))</th>"
                    page += row.dropFirst().map { "<td>\(HTMLText.escaped($0))</td>" }.joined() + "</tr>\n"
                }
                page += "</tbody>\n</table>\n"
            }
            if !section.steps.isEmpty {
                page += "<ol>\n" + section.steps.map { "<li>\(HTMLText.escaped($0))</li>\n" }.joined() + "</ol>\n"
            }
            if let chart = section.chart { page += "<figure>\n" + chart + "</figure>\n" }
            for paragraph in section.closing { page += "<p>\(HTMLText.escaped(paragraph))</p>\n" }
            page += "</section>\n"
        }
        page += "<footer>\n" + footer.map { "<p>\(HTMLText.escaped($0))</p>\n" }.joined() + "</footer>\n"
        return page
    }
}
