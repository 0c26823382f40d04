"""The signed-in workspaces (issue 16) seen by plain HTTP and in the browser: the demo's accounts, signing in through
the form of /connexion, and each role's pages.

Like `lanterne_site.public_pages()`, `pages()` gives the browser tests and the Nu checker the same list.
"""

import re
import urllib.parse

import pytest
from selenium.webdriver.common.by import By

import chrome
import lanterne_site as site

# The demo's accounts whose pages are checked, in the order the tests visit them (one sign-in each).
USERS = ("agent1", "auditeur", "responsable", "admin")
DECISION_REASON = ("Les salaires déclarés ne correspondent pas à ceux que l'employeur a transmis : "
                   "je demande les bulletins de paie de l'année pour comprendre l'écart.")
CONTEST_ANSWER = ("Nous avons relu votre dossier avec votre message. Les montants retenus sont ceux de votre "
                  "déclaration ; la décision est maintenue. Vous pouvez saisir le tribunal administratif.")
NO_REASON = "Une décision sans raison écrite est refusée"


def password(username: str) -> str:
    for account in site.demo().get("accounts") or []:
        if account.get("username") == username:
            return account["password"]
    pytest.skip(f"demo.json has no account {username!r}")


def client(username: str) -> site.Client:
    """A plain HTTP client signed in as `username` through the form of /connexion."""
    session = site.Client()
    _, page, _ = session.get("/connexion")
    form = site.find_form(page, field="username")
    status, _, final = site.submit(session, "/connexion", page, form,
                                   {"username": username, "password": password(username)})
    assert status == 200 and urllib.parse.urlsplit(final).path == "/espace", \
        f"signing in as {username} ended on {final} ({status}) instead of /espace"
    return session


def case_links(page_html: str) -> list:
    """The ids of the cases a page links to (/espace/dossiers/ID), in order, without repeats."""
    return list(dict.fromkeys(re.findall(r'href="/espace/dossiers/([A-Za-z0-9_-]+)"', page_html)))


def queued_case(session: site.Client):
    """The first case of the queue of the agent signed in on `session`, or None."""
    ids = case_links(session.get("/espace/dossiers")[1])
    return ids[0] if ids else None


def decided_case():
    """A case that was decided already (the one of a contest to answer), seen read-only by the auditor; else the
    first of the queue."""
    for username in ("agent2", "agent1"):
        ids = case_links(client(username).get("/espace/contestations")[1])
        if ids:
            return ids[0]
    return queued_case(client("agent1"))


def steward_algorithm():
    """The id of the first algorithm on the steward's list (the demonstration's targeting of checks), or None."""
    ids = re.findall(r'href="/espace/algorithmes/([A-Za-z0-9_-]+)"', client("responsable").get("/espace/algorithmes")[1])
    return ids[0] if ids else None


def pages() -> list:
    """(username, name, path) of every workspace page to check, one role after the other."""
    agent = client("agent1")
    case = queued_case(agent)
    listed = [
        ("agent1", "espace-agent", "/espace"),
        ("agent1", "espace-agent-file", "/espace/dossiers"),
        ("agent1", "espace-agent-dossier", f"/espace/dossiers/{case}" if case else None),
        ("agent1", "espace-agent-contestations", "/espace/contestations"),
        ("agent1", "espace-agent-rappels", "/espace/rappels"),
        ("auditeur", "espace-auditeur", "/espace"),
        ("auditeur", "espace-auditeur-supervision", "/espace/supervision"),
        ("auditeur", "espace-auditeur-journal", "/espace/journal"),
        ("auditeur", "espace-auditeur-journal-filtre", "/espace/journal?acteur=agent1&action=case."),
        ("auditeur", "espace-auditeur-dossier", f"/espace/dossiers/{decided_case()}"),
        ("responsable", "espace-responsable", "/espace"),
        ("responsable", "espace-responsable-algorithmes", "/espace/algorithmes"),
        ("responsable", "espace-responsable-algorithme", f"/espace/algorithmes/{steward_algorithm()}"),
        ("admin", "espace-admin", "/espace"),
    ]
    return listed


# --- In the browser -----------------------------------------------------------------------------------------------


def sign_out(driver) -> None:
    """Forgets the session (every cookie of the browser), so that the next page is seen as the public sees it."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.signed_in_as = None


def sign_in(driver, username: str) -> None:
    """Signs in through the form of /connexion as a person would, unless this browser is signed in as `username`
    already; ends on /espace."""
    if getattr(driver, "signed_in_as", None) == username:
        return
    sign_out(driver)
    driver.get(site.url("/connexion"))
    form = driver.find_element(By.NAME, "username").find_element(By.XPATH, "./ancestor::form")
    for name, value in (("username", username), ("password", password(username))):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    page = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type]), input[type=submit]").click()
    chrome.wait_for_next_page(driver, page)
    path = urllib.parse.urlsplit(driver.current_url).path
    assert path == "/espace", f"signing in as {username} in the browser ended on {driver.current_url}"
    assert username in driver.find_element(By.TAG_NAME, "h1").text, "the workspace should greet the user by name"
    driver.signed_in_as = username


# --- Forms by plain HTTP ------------------------------------------------------------------------------------------


def one_outcome(form: dict, outcome: str) -> dict:
    """The form with only the radio `outcome` among those named outcome, so that `site.submit` sends that one."""
    fields = [field for field in form["fields"]
              if not (field["name"] == "outcome" and field["type"] == "radio" and field["value"] != outcome)]
    return dict(form, fields=fields)


def file_contest() -> bool:
    """Contests a sample notice that still offers the form, as the public does; False when none is left."""
    session = site.Client()
    notice = site.uncontested_notice(session, skip=False)
    if notice is None:
        return False
    _, page, _ = session.get(notice)
    form = site.find_form(page, form_id="contester")
    status, _, _ = site.submit(session, notice, page, form, dict(site.CONTEST, consent=True))
    return status < 400


def decide_by_http(outcome: str = "control", reason: str = DECISION_REASON):
    """agent1 decides the first case of the queue through its form: (status, page) of the answer, or None when the
    queue is empty. A decision with a reason ends on the queue with « Décision enregistrée »."""
    agent = client("agent1")
    case = queued_case(agent)
    if case is None:
        return None
    path = f"/espace/dossiers/{case}"
    _, page, _ = agent.get(path)
    form = one_outcome(site.find_form(page, field="reason"), outcome)
    status, answer, _ = site.submit(agent, path, page, form, {"outcome": True, "reason": reason})
    return status, answer
