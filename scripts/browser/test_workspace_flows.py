"""What agents and auditors do in their workspaces (issue 16), in Chromium, each flow with JavaScript and with
JavaScript blocked, signed in through the form of /connexion: an agent decides a case from the queue with a written
reason and opens the notice it wrote; a decision without a reason is refused; the second agent answers a contest; the
auditor reads the oversight. Every page reached goes through the page checks (axe only with JavaScript)."""

import os
import re
import subprocess
import urllib.parse

import pytest
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import chrome
import lanterne_site as site
import workspace
from test_flows import checks, report, send, text_of, tick, type_into


@pytest.fixture(autouse=True)
def signed_out_after(browser_js, browser_nojs):
    yield
    for driver in (browser_js, browser_nojs):
        workspace.sign_out(driver)


def path_of(browser) -> str:
    return urllib.parse.urlsplit(browser.current_url).path


def click_and_wait(browser, element) -> None:
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    chrome.wait_for_next_page(browser, page)


def open_first_case(browser) -> str:
    """From the queue, the first case's link, as a person would; notes the « premier regard » first when the card
    asks for it. Returns the case's path."""
    browser.get(site.url("/espace/dossiers"))
    links = browser.find_elements(By.CSS_SELECTOR, "main table a[href^='/espace/dossiers/']")
    if not links:
        pytest.skip("the queue of agent1 is empty: no case left to decide")
    click_and_wait(browser, links[0])
    first_look = browser.find_elements(By.CSS_SELECTOR, "form[action$='/premier-regard']")
    if first_look:
        tick(browser, first_look[0].find_element(By.CSS_SELECTOR, "input[type=radio]"))
        send(browser, first_look[0])
    return path_of(browser)


def decision_form(browser, outcome: str = "control"):
    """The decision form with an outcome and a category chosen; the reason left as it is."""
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/decision']")
    radios = form.find_elements(By.CSS_SELECTOR, "input[type=radio][name=outcome]")
    chosen = next((radio for radio in radios if radio.get_attribute("value") == outcome), radios[0])
    tick(browser, chosen)
    category = Select(form.find_element(By.NAME, "reason_category"))
    category.select_by_index(1 if len(category.options) > 1 else 0)
    return form, chosen.get_attribute("value")


# --- 1. An agent decides a case, then reads the notice --------------------------------------------------------------


def test_agent_decides_a_case(browser, out):
    workspace.sign_in(browser, "agent1")
    case = open_first_case(browser)
    form, _ = decision_form(browser)
    reason = type_into(browser, "reason", workspace.DECISION_REASON, form)
    assert reason.tag_name == "textarea", "the reason is written in a textarea"
    send(browser, form)

    # The queue comes back, either as the decision's own answer or after a redirection to it.
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert path_of(browser) in ("/espace/dossiers", f"{case}/decision") and heading == "Dossiers à décider", \
        f"deciding {case} ended on {browser.current_url} ({heading!r}) instead of the queue"
    problems = checks(browser, out, "espace-agent-decision-enregistree")
    if "Décision enregistrée" not in text_of(browser):
        problems.append(f"« Décision enregistrée » is not on the page: {text_of(browser)[:300]!r}")
    if browser.find_elements(By.CSS_SELECTOR, f"main a[href='{case}']"):
        problems.append(f"the decided case {case} is still in the queue")
    try:
        link = browser.find_element(By.CSS_SELECTOR, "main [role=status] a[href^='/notices/']")
    except NoSuchElementException:
        problems.append("no link to the notice in the « Décision enregistrée » message")
        assert not problems, report(problems)
    click_and_wait(browser, link)
    if not path_of(browser).startswith("/notices/"):
        problems.append(f"the notice link led to {browser.current_url}")
    problems += checks(browser, out, "espace-agent-notice-ecrite")
    if workspace.DECISION_REASON not in text_of(browser):
        problems.append("the notice does not show the reason the agent wrote")
    assert not problems, report(problems)


def test_decision_without_reason_is_refused(browser, out):
    workspace.sign_in(browser, "agent1")
    case = open_first_case(browser)
    form, outcome = decision_form(browser)
    type_into(browser, "reason", "", form)
    send(browser, form)

    problems = checks(browser, out, "espace-agent-decision-sans-raison")
    alerts = " ".join(alert.text for alert in browser.find_elements(By.CSS_SELECTOR, "main [role=alert]"))
    if workspace.NO_REASON not in alerts:
        problems.append(f"no alert saying « {workspace.NO_REASON} » (alerts: {alerts!r})")
    if browser.find_elements(By.CSS_SELECTOR, f"form[action='{case}/decision']"):
        kept = browser.find_elements(By.CSS_SELECTOR, f"input[name=outcome][value='{outcome}']")
        if not (kept and kept[0].is_selected()):
            problems.append(f"the outcome chosen ({outcome}) is not chosen any more on the refusal page")
    else:
        problems.append(f"the refusal page does not offer the decision form of {case} again")
    assert not problems, report(problems)


def test_decision_without_reason_answers_422():
    """What the browser does not show: the refusal's HTTP status, and the case stays in the queue."""
    agent = workspace.client("agent1")
    case = workspace.queued_case(agent)
    if case is None:
        pytest.skip("the queue of agent1 is empty")
    path = f"/espace/dossiers/{case}"
    _, page, _ = agent.get(path)
    form = workspace.one_outcome(site.find_form(page, field="reason"), "control")
    status, answer, _ = site.submit(agent, path, page, form, {"outcome": True, "reason": ""})
    assert status == 422, f"a decision without a reason answered {status}"
    assert workspace.NO_REASON in answer
    assert case in workspace.case_links(agent.get("/espace/dossiers")[1]), "the refused case left the queue"


# --- 2. The second agent answers a contest --------------------------------------------------------------------------


def answerable_contest(browser):
    """The first contest on the page whose answer form is there, or None."""
    forms = browser.find_elements(By.CSS_SELECTOR, "main form[action^='/espace/contestations/'][action$='/reponse']")
    return next((form for form in forms if form.find_elements(By.CSS_SELECTOR, "input[name=outcome]")), None)


def test_agent2_answers_a_contest(browser, out):
    workspace.sign_in(browser, "agent2")
    browser.get(site.url("/espace/contestations"))
    form = answerable_contest(browser)
    if form is None and workspace.file_contest():
        browser.get(site.url("/espace/contestations"))
        form = answerable_contest(browser)
    if form is None:
        pytest.skip("agent2 has no contest to answer and no sample notice is left to contest")
    action = form.get_attribute("action")
    upheld = form.find_element(By.CSS_SELECTOR, "input[name=outcome][value=upheld]")
    tick(browser, upheld)
    type_into(browser, "answer", workspace.CONTEST_ANSWER, form)
    send(browser, form)

    problems = checks(browser, out, "espace-agent2-contestation-repondue")
    if path_of(browser) != "/espace/contestations":
        problems.append(f"answering ended on {browser.current_url} instead of /espace/contestations")
    answered = urllib.parse.urlsplit(action).path
    if browser.find_elements(By.CSS_SELECTOR, f"form[action='{answered}']"):
        problems.append(f"the answered contest still offers its form ({answered})")
    assert not problems, report(problems)


# --- 3. The auditor reads the oversight -----------------------------------------------------------------------------


def test_auditor_reads_the_oversight(browser, out):
    workspace.sign_in(browser, "auditeur")
    link = browser.find_element(By.CSS_SELECTOR, "main a[href='/espace/supervision']")
    click_and_wait(browser, link)
    problems = checks(browser, out, "espace-auditeur-supervision-depuis-espace")
    captions = [caption.text for caption in browser.find_elements(By.CSS_SELECTOR, "main table caption")]
    if "Décisions par agent et par mois" not in captions:
        problems.append(f"no table « Décisions par agent et par mois » (captions: {captions})")
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if not any(re.search(r"agent\d", row.text) for row in rows):
        problems.append("the oversight table has no line for an agent")
    assert not problems, report(problems)


# --- 4. The steward adds a version from files, and cannot publish past a failed gate without a reason -------------

TRAINING_SEEDS = iter(range(11, 100))


def steward_algorithm_page(browser) -> None:
    """From /espace, as a person would: the list of algorithms, then the first one (the targeting of checks)."""
    workspace.sign_in(browser, "responsable")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main a[href='/espace/algorithmes']"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main table a[href^='/espace/algorithmes/']"))


def test_steward_trains_a_version_from_files(browser, out, tmp_path):
    lanterne = os.environ.get("LANTERNE_BIN")
    if not lanterne:
        pytest.skip("LANTERNE_BIN (the lanterne binary that writes the training file) is not set")
    seed = next(TRAINING_SEEDS)
    data, schema = tmp_path / "foyers.csv", tmp_path / "schema.json"
    subprocess.run(
        [lanterne, "synth", "foyers", "--rows", "600", "--seed", str(seed), "--out", str(data),
         "--schema-out", str(schema)], check=True, capture_output=True)
    steward_algorithm_page(browser)
    before = len(browser.find_elements(By.CSS_SELECTOR, "#table-versions tbody tr"))
    form = browser.find_element(By.CSS_SELECTOR, "main form input[name='mode'][value='train']").find_element(
        By.XPATH, "./..")
    form.find_element(By.NAME, "data").send_keys(str(data))
    form.find_element(By.NAME, "schema").send_keys(str(schema))
    Select(form.find_element(By.NAME, "kind")).select_by_value("logistic")
    type_into(browser, "seed", str(seed), form=form)
    send(browser, form)
    problems = checks(browser, out, "espace-responsable-version-entrainee")
    if "La nouvelle version est enregistrée." not in text_of(browser):
        problems.append(f"no confirmation after training (page: {browser.current_url})")
    rows = browser.find_elements(By.CSS_SELECTOR, "#table-versions tbody tr")
    if len(rows) != before + 1:
        problems.append(f"{len(rows)} versions listed after training, expected {before + 1}")
    elif "pas encore audité" not in rows[0].text or "régression logistique" not in rows[0].text:
        problems.append(f"the new version's row reads « {rows[0].text} »")
    assert not problems, report(problems)


def test_steward_cannot_publish_a_failed_version_without_a_reason(browser, out):
    steward_algorithm_page(browser)
    form = browser.find_element(By.CSS_SELECTOR, "main form[action$='/publier']")
    select = Select(form.find_element(By.NAME, "sha256"))
    failed = [option for option in select.options if "échoué" in option.text and "en service" not in option.text]
    if not failed:
        pytest.skip("no version with a failed audit waits for publication")
    select.select_by_visible_text(failed[-1].text)
    send(browser, form)
    problems = checks(browser, out, "espace-responsable-publication-refusee")
    alert = browser.find_elements(By.CSS_SELECTOR, "main .error-summary")
    if not alert or "écrivez pourquoi le publier quand même" not in alert[0].text:
        problems.append("no refusal asking for a justification")
    if not browser.title.startswith("Erreur : "):
        problems.append(f"the refused page is titled « {browser.title} »")
    assert not problems, report(problems)
