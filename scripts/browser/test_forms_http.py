"""What the browser cannot see: the status of a refused form and that nothing was stored."""

import pytest

import lanterne_site as site


def agent_token(client: site.Client) -> str:
    agent = next(account for account in site.demo()["accounts"] if account["role"] == "agent")
    status, session = client.json("/api/v1/session", {"username": agent["username"], "password": agent["password"]})
    assert status in (200, 201), f"POST /api/v1/session answered {status}"
    return session["token"]


def stored_callbacks(client: site.Client, token: str):
    """How many callbacks the agents' queue holds, or None while GET /api/v1/callbacks answers 404."""
    status, callbacks = client.json("/api/v1/callbacks", token=token)
    if status == 404:
        return None
    assert status == 200, f"GET /api/v1/callbacks answered {status}"
    return len(callbacks["callbacks"] if isinstance(callbacks, dict) else callbacks)


def test_callback_without_consent_is_refused_and_not_stored():
    site.require_route("/rappel")
    client = site.Client()
    token = agent_token(client)
    before = stored_callbacks(client, token)
    _, page, _ = client.get("/rappel")
    form = site.find_form(page, field="consent")
    values = dict(site.CALLBACK, consent=False)
    status, answer, _ = site.submit(client, "/rappel", page, form, values)
    assert status == 422, f"a callback without consent answered {status}, not 422"
    assert site.consent_error_shown(answer), "the answer's error message does not name the consent box"
    if before is None:
        pytest.skip("422 checked; that nothing is stored waits for GET /api/v1/callbacks, which answers 404")
    assert stored_callbacks(client, token) == before, "a callback without consent was stored"


def test_contest_without_consent_is_refused():
    notice = site.uncontested_notice()
    client = site.Client()
    _, page, _ = client.get(notice)
    form = site.find_form(page, form_id="contester")
    status, answer, _ = site.submit(client, notice, page, form, dict(site.CONTEST, consent=False))
    assert status == 422, f"a contest without consent answered {status}, not 422"
    assert site.consent_error_shown(answer), "the answer's error message does not name the consent box"
