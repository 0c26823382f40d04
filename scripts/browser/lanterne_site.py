"""The running demo seen through plain HTTP: its settings, its public pages, and a small form filler.

Nothing here uses a browser. The browser tests and the validator test both take their list of pages from
`public_pages()`, so the two always look at the same site.
"""

import html.parser
import http.cookiejar
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = os.environ.get("LANTERNE_BASE_URL", "http://127.0.0.1:8091").rstrip("/")
DEMO_JSON = Path(os.environ.get("LANTERNE_DEMO_JSON", "demo.json"))
OUTPUT = Path(os.environ.get("LANTERNE_BROWSER_OUT", ROOT / ".build" / "browser-screenshots"))

QUESTION = "Quelle est la date limite pour déclarer mes revenus ?"
CALLBACK = {
    "name": "Camille Martin",
    "contact": "06 12 34 56 78",
    "subject": "Je n'ai pas reçu mon avis d'impôt sur le revenu.",
}
CONTEST = {
    "message": "Je conteste cette décision : mes revenus de l'an dernier comprenaient une indemnité de départ.",
    "contact": "camille.martin@example.org",
}

# A receipt is a number or code after « numéro » or « n° »; a due date is written in words or in figures.
RECEIPT = re.compile(r"(?:numéro|n°)\s*(?:de\s+\w+\s*)?:?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})", re.IGNORECASE)
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
DUE_DATE = re.compile(rf"\b\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{2}}/\d{{2}}/\d{{4}}\b")


# An error about the consent box names it: a word of its label, or a link to the box.
CONSENT_WORDS = re.compile(r"consent|accord|accept", re.IGNORECASE)
ALERT = re.compile(r'<(div|p|section|ul)\b[^>]*(?:role="alert"|class="[^"]*(?:error|erreur)[^"]*")[^>]*>(.*?)</\1>',
                   re.DOTALL)


def names_consent(alert_html: str, consent_id: str) -> bool:
    return bool(CONSENT_WORDS.search(re.sub(r"<[^>]+>", " ", alert_html))) or f'href="#{consent_id}"' in alert_html


def consent_error_shown(page_html: str) -> bool:
    """Whether the page's error message (role="alert" or class error) names the consent box."""
    form = find_form(page_html, field="consent")
    box = next(field for field in form["fields"] if field["name"] == "consent")
    return any(names_consent(body, box["attrs"].get("id", "consent")) for _, body in ALERT.findall(page_html))


def demo() -> dict:
    """demo.json as `lanterne serve --demo` wrote it in its scratch folder."""
    return json.loads(DEMO_JSON.read_text(encoding="utf-8"))


def url(path: str) -> str:
    return BASE_URL + path


class Client:
    """A plain HTTP client with its own cookies, that never raises on a 4xx or 5xx answer."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None, headers=None, method=None):
        """Returns (status, body text, final URL) for `path` (or an absolute URL), following redirects."""
        target = path if path.startswith("http") else url(path)
        body = data.encode("utf-8") if isinstance(data, str) else data
        request = urllib.request.Request(target, data=body, headers=headers or {}, method=method)
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8"), answer.url
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), target

    def get(self, path):
        return self.request(path)

    def json(self, path, payload=None, token=None):
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        status, text, _ = self.request(path, json.dumps(payload) if payload is not None else None, headers)
        return status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)


def status_of(path: str) -> int:
    return Client().get(path)[0]


def require_route(path: str) -> None:
    """Skips the calling test, naming the route, while it answers 404: the route is planned (issue 15) but not
    built yet. Any other answer lets the test run, and fail if the page is wrong."""
    if status_of(path) == 404:
        pytest.skip(f"waiting for the route: GET {path} answers 404 (issue 15)")


def sample_notice() -> str:
    """The first sample notice of demo.json, or a skip that says there is none yet."""
    notices = demo().get("sample_notices") or []
    if not notices:
        pytest.skip("waiting for sample notices: demo.json lists no sample_notices yet (issue 15)")
    require_route(notices[0])
    return notices[0]


def uncontested_notice(client=None, skip: bool = True):
    """The first sample notice that still offers the contest form (a notice is contested once), or a skip (None
    when `skip` is false) when there is none."""
    client = client or Client()
    for path in demo().get("sample_notices") or []:
        status, page, _ = client.get(path)
        if status == 200 and 'id="contester"' in page:
            return path
    if skip:
        sample_notice()
        pytest.skip("no sample notice left with the contest form: demo.json should list one more per contest test")
    return None


def algorithms() -> list:
    status, entries = Client().json("/api/v1/algorithms")
    assert status == 200, f"GET /api/v1/algorithms answered {status}"
    return entries


def public_pages() -> list:
    """(name, path) of every public page to check. A notice stays in the list without a path while the demo has
    none, so that its test shows as waiting. The last one is a 404 page, on purpose."""
    pages = [
        ("accueil", "/"),
        ("algorithmes", "/algorithmes"),
        ("algorithmes-ciblage", "/algorithmes?kind=ciblage"),
    ]
    pages += [(f"algorithme-{entry['kind']}", f"/algorithmes/{entry['id']}") for entry in algorithms()]
    pages += [
        ("connexion", "/connexion"),
        ("assistant", "/assistant"),
        ("rappel", "/rappel"),
        ("accessibilite", "/accessibilite"),
        ("mentions-legales", "/mentions-legales"),
        ("signaler", "/signaler"),
    ]
    notices = demo().get("sample_notices") or []
    pages += [(f"notice-{number}", path) for number, path in enumerate(notices[:2], start=1)] or [("notice-1", None)]
    pages.append(("page-introuvable", "/notices/not-a-token"))
    return pages


def resolve(name: str, path):
    """The path of a page of `public_pages()`, or a skip while its route or its sample does not exist yet."""
    if path is None:
        sample_notice()
    if name != "page-introuvable":
        require_route(path)
    return path


# --- Forms, read and filled without a browser -------------------------------------------------------------------


class _FormReader(html.parser.HTMLParser):
    """Every <form> of a page with its fields (name, tag, type, value, checked, options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form["fields"].append(
                {"tag": "input", "name": attrs.get("name"), "type": attrs.get("type", "text").lower(),
                 "value": attrs.get("value", "on" if attrs.get("type") in ("checkbox", "radio") else ""),
                 "checked": "checked" in attrs, "attrs": attrs})
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "name": attrs.get("name"), "type": "textarea", "value": "",
                              "attrs": attrs}
            self._form["fields"].append(self._textarea)
        elif tag == "select":
            self._select = {"tag": "select", "name": attrs.get("name"), "type": "select", "value": None,
                            "options": [], "attrs": attrs}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value"))
            if "selected" in attrs:
                self._select["value"] = attrs.get("value")
        elif tag == "button" and attrs.get("name"):
            self._form["fields"].append({"tag": "button", "name": attrs["name"], "type": "submit",
                                         "value": attrs.get("value", ""), "attrs": attrs})

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data
        elif self._select is not None and self._select["options"] and self._select["options"][-1] is None:
            self._select["options"][-1] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms(page_html: str) -> list:
    reader = _FormReader()
    reader.feed(page_html)
    return reader.forms


def find_form(page_html: str, form_id=None, field=None) -> dict:
    """The form with id `form_id`, or the one that has a field named `field`."""
    for form in forms(page_html):
        if form_id and form["attrs"].get("id") == form_id:
            return form
        if field and any(item["name"] == field for item in form["fields"]):
            return form
    raise AssertionError(f"no form {'#' + form_id if form_id else 'with a field named ' + repr(field)} on the page")


def first_choice(field: dict) -> str:
    """The first option of a select that is not an empty placeholder."""
    choices = [option for option in field["options"] if option]
    assert choices, f"the select {field['name']!r} offers no choice"
    return choices[0]


def submit(client: Client, page_path: str, page_html: str, form: dict, values: dict):
    """Sends `form` as a browser would: its hidden and default values, then `values` (True/False ticks or unticks a
    checkbox). Returns (status, html, final URL)."""
    pairs = []
    for field in form["fields"]:
        name, kind = field["name"], field["type"]
        if not name or kind in ("submit", "button", "reset", "image", "file"):
            continue
        if name in values:
            value = values[name]
            if kind in ("checkbox", "radio"):
                if value is True:
                    pairs.append((name, field["value"]))
                continue
            pairs.append((name, str(value)))
        elif kind in ("checkbox", "radio"):
            if field["checked"]:
                pairs.append((name, field["value"]))
        elif kind == "select":
            pairs.append((name, field["value"] if field["value"] is not None else first_choice(field)))
        else:
            pairs.append((name, field["value"]))
    method = form["attrs"].get("method", "get").lower()
    action = urllib.parse.urljoin(url(page_path), form["attrs"].get("action") or page_path)
    encoded = urllib.parse.urlencode(pairs)
    if method == "post":
        return client.request(action, encoded, {"Content-Type": "application/x-www-form-urlencoded"}, "POST")
    return client.request(action + ("&" if "?" in action else "?") + encoded)


def numeric_change(field: dict) -> str:
    """A new value for a numeric field of « Et si ? », small enough to stay in its range: a tenth less for an amount,
    one less for a count, one more for zero; within the field's min and max when it has them."""
    attrs = field.get("attrs", {})
    current = number(field["value"]) or 0.0
    if current >= 10:
        wanted = round(current * 0.9)
    elif current > 0:
        wanted = current - 1 if current >= 1 else current / 2
    else:
        wanted = 1
    if attrs.get("max"):
        wanted = min(wanted, float(attrs["max"]))
    if attrs.get("min"):
        wanted = max(wanted, float(attrs["min"]))
    return str(int(wanted)) if float(wanted).is_integer() else str(wanted).replace(".", ",")


def best_numeric(fields: list) -> dict:
    """The numeric field to change: an amount (10 or more) when there is one, else the first."""
    numeric = [field for field in fields if is_numeric(field)]
    assert numeric, "« Et si ? » offers no numeric field to change"
    return next((field for field in numeric if (number(field["value"]) or 0) >= 10), numeric[0])


def number(text):
    """A number written the French way or not (« 32 000 », « 0,5 », « 1234.5 »), or None."""
    cleaned = re.sub(r"\s", "", str(text)).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def is_numeric(field: dict) -> bool:
    if field["tag"] != "input" or field["type"] in ("hidden", "checkbox", "radio", "submit"):
        return False
    if field["type"] == "number" or field["attrs"].get("inputmode") in ("numeric", "decimal"):
        return True
    return number(field["value"]) is not None and str(field["value"]).strip() != ""
