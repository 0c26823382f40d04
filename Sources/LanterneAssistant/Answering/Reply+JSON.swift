import LanterneData

extension Reply {
    /// The reply as the JSON of the contract (`lanterne ask --format json` and `POST /api/v1/ask` write the same
    /// bytes): status, reason, answer, article, sources (title, url, updated, checked), suggestions, confidence, human
    /// channels, truncated.
    /// - Returns: one line of JSON and a line end.
    public func json() -> String {
        let sourceList = sources.map {
            "{\"title\":\(JSONText.quoted($0.title)),\"url\":\(JSONText.quoted($0.url)),"
                + "\"updated\":\(JSONText.quoted($0.updated)),\"checked\":\($0.checked)}"
        }.joined(separator: ",")
        let suggestionList = suggestions.map {
            "{\"id\":\(JSONText.quoted($0.id)),\"title\":\(JSONText.quoted($0.title))}"
        }.joined(separator: ",")
        var json = "{\"status\":\(JSONText.quoted(status.rawValue))"
        if let reason = reason { json += ",\"reason\":\(JSONText.quoted(reason.rawValue))" }
        json += ",\"answer\":\(JSONText.quoted(self.text))"
        if let id = articleID { json += ",\"article\":\(JSONText.quoted(id))" }
        json += ",\"sources\":[\(sourceList)],\"suggestions\":[\(suggestionList)],"
        json += "\"confidence\":\(JSONText.number(confidence)),"
        json += "\"human\":\(JSONText.quoted(humanChannels)),\"truncated\":\(truncated)}\n"
        return json
    }
}
