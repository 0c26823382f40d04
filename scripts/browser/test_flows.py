"""What a person does on the public site, in Chromium, each flow with JavaScript and with JavaScript blocked:
ask a question, ask to be called back, try « Et si ? » on a notice and contest it.

Every page a flow reaches goes through the same checks as the public pages (axe-core only where JavaScript runs:
axe is itself a script; the pages are the same templates either way)."""

import re
import urllib.parse

from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import chrome
import lanterne_site as site


def name_for(browser, page: str) -> str:
    return page if browser.javascript else f"{page}-sans-js"


def send(browser, form, wait: bool = True) -> None:
    """Presses the form's submit button, as a person would, and waits for the next page."""
    button = form.find_element(By.CSS_SELECTOR, "button:not([type=button]):not([type=reset]), input[type=submit]")
    page = browser.find_element(By.TAG_NAME, "html")
    button.click()
    if wait:
        chrome.wait_for_next_page(browser, page)


def type_into(browser, name: str, text: str, form=None):
    field = (form or browser).find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)
    return field


def tick(browser, checkbox, ticked: bool = True) -> None:
    if checkbox.is_selected() != ticked:
        if checkbox.is_displayed():
            checkbox.click()
        else:
            browser.find_element(By.CSS_SELECTOR, f"label[for='{checkbox.get_attribute('id')}']").click()


def text_of(browser) -> str:
    return browser.find_element(By.TAG_NAME, "body").text


def checks(browser, out, page: str) -> list:
    """The page checks of test_pages, on the page the flow just reached."""
    return chrome.check_page(browser, name_for(browser, page), out, run_axe=browser.javascript)


def report(problems: list) -> str:
    return "\n  " + "\n  ".join(problems)


# --- 1. Ask a question --------------------------------------------------------------------------------------------


def test_ask_a_question(browser, out):
    site.require_route("/assistant")
    browser.get(site.url("/assistant"))
    question = type_into(browser, "question", site.QUESTION)
    assert question.tag_name == "textarea", "the question is typed in a textarea"
    send(browser, question.find_element(By.XPATH, "./ancestor::form"))

    problems = checks(browser, out, "assistant-reponse")
    try:
        answer = browser.find_element(By.ID, "reponse")
        sources = [link.get_attribute("href") for link in answer.find_elements(By.CSS_SELECTOR, "a.source")]
        official = [href for href in sources if urllib.parse.urlsplit(href).hostname and
                    urllib.parse.urlsplit(href).hostname.endswith(("gouv.fr", "service-public.fr"))]
        if not official:
            problems.append(f"no a.source link to an official source in #reponse (links: {sources})")
    except NoSuchElementException:
        problems.append("no section id=\"reponse\" on the answer page")
    # The answer itself must offer a person, not only the navigation that every page has: a link or button, or the
    # heading of the section that gives the ways to reach one.
    if not chrome.visible_text_of(browser, "Parler à une personne", within="main", headings=True):
        problems.append("no visible « Parler à une personne » (link, button or heading) in the page's main content "
                        "(the one in the navigation, on every page, does not count)")
    echoed = browser.find_elements(By.CSS_SELECTOR, "textarea[name=question]")
    if echoed and echoed[0].get_attribute("value") and echoed[0].get_attribute("value") != site.QUESTION:
        problems.append(f"the question shown again is not the one typed: {echoed[0].get_attribute('value')!r}")
    assert not problems, report(problems)


# --- 2. Ask to be called back -------------------------------------------------------------------------------------


def fill_callback(browser, consent: bool):
    browser.get(site.url("/rappel"))
    form = browser.find_element(By.NAME, "consent").find_element(By.XPATH, "./ancestor::form")
    for name in ("name", "contact", "subject"):
        type_into(browser, name, site.CALLBACK[name], form)
    time = Select(form.find_element(By.NAME, "preferred_time"))
    choice = next(option for option in time.options if option.get_attribute("value"))
    time.select_by_value(choice.get_attribute("value"))
    tick(browser, form.find_element(By.NAME, "consent"), consent)
    return form


def test_request_a_callback(browser, out):
    site.require_route("/rappel")
    send(browser, fill_callback(browser, consent=True))
    problems = checks(browser, out, "rappel-enregistre")
    text = text_of(browser)
    if "Demande enregistrée" not in text:
        problems.append(f"« Demande enregistrée » is not on the page: {text[:300]!r}")
    if not site.RECEIPT.search(text):
        problems.append("no receipt number (« numéro … » or « n° … ») on the page")
    assert not problems, report(problems)


def test_callback_without_consent(browser, out):
    """Unticked consent: either the browser's own form check stops the sending (the box is `required`), or the
    server answers the form again with a message that names the consent."""
    site.require_route("/rappel")
    form = fill_callback(browser, consent=False)
    consent = form.find_element(By.NAME, "consent")
    blocked_by_browser = consent.get_attribute("required") is not None
    send(browser, form, wait=not blocked_by_browser)
    if blocked_by_browser:
        assert urllib.parse.urlsplit(browser.current_url).path == "/rappel"
        assert consent.get_property("validationMessage"), "the browser should say the box must be ticked"
        return
    problems = checks(browser, out, "rappel-sans-consentement")
    alerts = browser.find_elements(By.CSS_SELECTOR, "[role=alert], .error, .erreur, .error-summary")
    consent_id = browser.find_element(By.NAME, "consent").get_attribute("id")
    if not any(site.names_consent(alert.get_attribute("outerHTML"), consent_id) for alert in alerts):
        problems.append(f"no error message naming the consent box (alerts: {[a.text for a in alerts]})")
    assert not problems, report(problems)


# --- 3. A notice: « Et si ? », then contest -----------------------------------------------------------------------


def test_notice_what_if(browser, out):
    notice = site.sample_notice()
    browser.get(site.url(notice))
    form = browser.find_element(By.ID, "et-si")
    assert (form.get_attribute("method") or "get").lower() == "get", "« Et si ? » is a GET form"
    inputs = form.find_elements(By.CSS_SELECTOR, "input")
    described = [{"tag": "input", "type": (element.get_attribute("type") or "text").lower(), "element": element,
                  "name": element.get_attribute("name"), "value": element.get_attribute("value") or "",
                  "attrs": {key: element.get_attribute(key) or "" for key in ("inputmode", "min", "max", "step")}}
                 for element in inputs]
    chosen = site.best_numeric(described)
    field, new_value = chosen["element"], site.numeric_change(chosen)
    field.clear()
    field.send_keys(new_value)
    send(browser, form)

    problems = checks(browser, out, "notice-et-si")
    try:
        result = browser.find_element(By.ID, "resultat-simulation")
        if not re.search(r"\d", result.text):
            problems.append(f"#resultat-simulation shows no score: {result.text!r}")
    except NoSuchElementException:
        problems.append("no element id=\"resultat-simulation\" after « Et si ? »")
    assert not problems, report(problems)


def test_notice_contest(browser, out):
    notice = site.uncontested_notice()
    browser.get(site.url(notice))
    form = browser.find_element(By.ID, "contester")
    type_into(browser, "message", site.CONTEST["message"], form)
    type_into(browser, "contact", site.CONTEST["contact"], form)
    tick(browser, form.find_element(By.NAME, "consent"))
    send(browser, form)

    problems = checks(browser, out, "notice-contestation")
    text = text_of(browser)
    if "Contestation enregistrée" not in text:
        problems.append(f"« Contestation enregistrée » is not on the page: {text[:300]!r}")
    if not site.DUE_DATE.search(text):
        problems.append("no due date (« 7 janvier 2027 », 2027-01-07 or 07/01/2027) on the page")
    assert not problems, report(problems)
