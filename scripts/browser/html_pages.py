"""Every page's HTML as the server sends it, fetched by plain HTTP and saved in OUT/html for the Nu checker.

Two moments, because a sample notice can be contested only once: `before_flows` saves, at the start of the run,
every public page and every form answer that stores nothing (an answer, « Et si ? », the refusals without consent);
`after_flows`, at the end, adds what stores something (a callback receipt, a contest receipt or a contested notice).
Both note what they could not fetch yet (a route that answers 404) in `waiting`.
"""

from pathlib import Path

import lanterne_site as site
import workspace


def folder() -> Path:
    return site.OUTPUT / "html"


def save(name: str, page: str) -> None:
    (folder() / f"{name}.html").write_text(page, encoding="utf-8")


def before_flows(waiting: list) -> None:
    client = site.Client()
    for name, path in site.public_pages():
        status, page, _ = client.get(path) if path else (404, "", "")
        if status == 404 and name != "page-introuvable":
            waiting.append(path or name)
        else:
            save(name, page)
    (folder() / "lanterne.css").write_text(client.get("/static/lanterne.css")[1], encoding="utf-8")

    status, page, _ = client.get("/assistant")
    if status == 404:
        waiting.append("the answer of /assistant")
    else:
        form = site.find_form(page, field="question")
        save("assistant-reponse", site.submit(client, "/assistant", page, form, {"question": site.QUESTION})[1])

    status, page, _ = client.get("/rappel")
    if status == 404:
        waiting.append("the refusal of /rappel")
    else:
        form = site.find_form(page, field="consent")
        save("rappel-sans-consentement",
             site.submit(client, "/rappel", page, form, dict(site.CALLBACK, consent=False))[1])

    workspace_pages()

    notice = first_notice(client)
    if notice is None:
        waiting.append("« Et si ? » and the contest refusal of a notice")
        return
    _, page, _ = client.get(notice)
    what_if = site.find_form(page, form_id="et-si")
    numeric = site.best_numeric(what_if["fields"])
    save("notice-et-si", site.submit(client, notice, page, what_if,
                                     {numeric["name"]: site.numeric_change(numeric)})[1])
    contest = site.uncontested_notice(client, skip=False)
    if contest:
        _, page, _ = client.get(contest)
        form = site.find_form(page, form_id="contester")
        save("notice-contestation-sans-consentement",
             site.submit(client, contest, page, form, dict(site.CONTEST, consent=False))[1])


def workspace_pages() -> None:
    """Each role's workspace pages, each role signed in through the form of /connexion."""
    clients = {}
    for username, name, path in workspace.pages():
        if path is None:
            continue
        if username not in clients:
            clients[username] = workspace.client(username)
        save(name, clients[username].get(path)[1])


def after_flows(waiting: list) -> None:
    workspace_answers()
    client = site.Client()
    status, page, _ = client.get("/rappel")
    if status == 404:
        waiting.append("the receipt of /rappel")
    else:
        form = site.find_form(page, field="consent")
        save("rappel-enregistre", site.submit(client, "/rappel", page, form, dict(site.CALLBACK, consent=True))[1])

    notice = first_notice(client)
    if notice is None:
        waiting.append("the contest receipt of a notice")
        return
    contest = site.uncontested_notice(client, skip=False)
    if contest:
        _, page, _ = client.get(contest)
        form = site.find_form(page, form_id="contester")
        save("notice-contestation", site.submit(client, contest, page, form, dict(site.CONTEST, consent=True))[1])
    else:  # every sample notice was contested by the flows: the notice as it shows a contest
        save("notice-contestee", client.get(notice)[1])


def first_notice(client):
    notices = site.demo().get("sample_notices") or []
    if not notices or client.get(notices[0])[0] == 404:
        return None
    return notices[0]


def workspace_answers() -> None:
    """What the workspaces' forms answer: a decision refused without a reason (422), a decision recorded (the queue
    with its message), the contests once some were answered."""
    refused = workspace.decide_by_http(reason="")
    if refused:
        save("espace-agent-decision-sans-raison", refused[1])
    recorded = workspace.decide_by_http()
    if recorded:
        save("espace-agent-decision-enregistree", recorded[1])
    save("espace-agent2-contestations", workspace.client("agent2").get("/espace/contestations")[1])
