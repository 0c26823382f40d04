"""The screenshots of docs/screenshots: the first screen of the main public pages at 1280 x 900 and 360 x 800, then
an agent's case page and the auditor's oversight, signed in through the form of /connexion.

Run against a demo that is serving, with the browser checks' virtual environment:

    LANTERNE_BASE_URL=http://127.0.0.1:8091 LANTERNE_DEMO_JSON=/that/folder/demo.json \\
        .build/browser-venv/bin/python scripts/browser/docs_screenshots.py [FOLDER] [--only NAME ...]

`--only` takes some of them (assistant, espace-agent-dossier...), leaving the others' files as they are. A page whose
route still answers 404 is left out and named.
"""

import argparse
import base64
from pathlib import Path

from selenium.webdriver.common.by import By

import chrome
import lanterne_site as site
import workspace


def first_screen(driver, path: Path) -> None:
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    path.write_bytes(base64.b64decode(shot["data"]))


def submitted(driver, form) -> None:
    page = driver.find_element(By.TAG_NAME, "html")
    form.submit()
    chrome.wait_for_next_page(driver, page)


def answer_page(driver) -> None:
    driver.get(site.url("/assistant"))
    field = driver.find_element(By.NAME, "question")
    field.send_keys(site.QUESTION)
    submitted(driver, field.find_element(By.XPATH, "./ancestor::form"))
    driver.execute_script("document.getElementById('reponse')?.scrollIntoView()")


def what_if_page(driver, notice: str) -> None:
    driver.get(site.url(notice))
    form = driver.find_element(By.ID, "et-si")
    fields = [{"tag": "input", "type": "text", "element": element, "value": element.get_attribute("value") or "",
               "attrs": {"inputmode": element.get_attribute("inputmode") or ""}}
              for element in form.find_elements(By.CSS_SELECTOR, "input:not([type=hidden])")]
    chosen = site.best_numeric(fields)
    chosen["element"].clear()
    chosen["element"].send_keys(site.numeric_change(chosen))
    submitted(driver, form)
    driver.execute_script("document.getElementById('resultat-simulation')?.closest('section')?.scrollIntoView()")


def case_page(driver) -> None:
    """agent1's first case of the queue, from the proposal down to the decision form."""
    workspace.sign_in(driver, "agent1")
    case = workspace.queued_case(workspace.client("agent1"))
    driver.get(site.url(f"/espace/dossiers/{case}"))
    driver.execute_script(
        "[...document.querySelectorAll('h2')].find(h => h.textContent.includes('propose'))?.scrollIntoView()")


def oversight_page(driver) -> None:
    workspace.sign_in(driver, "auditeur")
    driver.get(site.url("/espace/supervision"))


def main(folder: Path, only=None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ciblage = next(entry["id"] for entry in site.algorithms() if entry["kind"] == "ciblage")
    notices = site.demo().get("sample_notices") or []
    notice_served = bool(notices) and site.status_of(notices[0]) != 404
    both, wide = (chrome.WIDE, chrome.NARROW), (chrome.WIDE,)
    # name: (how to open it, widths, whether its route answers)
    pages = {
        "accueil": (lambda d: d.get(site.url("/")), both, True),
        "registre": (lambda d: d.get(site.url("/algorithmes")), both, True),
        "algorithme-ciblage-audit": (lambda d: (d.get(site.url(f"/algorithmes/{ciblage}")), d.execute_script(
            "[...document.querySelectorAll('h2')].find(h => h.textContent.includes('Audit'))?.scrollIntoView()")),
            wide, True),
        "notice": (lambda d: d.get(site.url(notices[0])), both, notice_served),
        "notice-et-si": (lambda d: what_if_page(d, notices[0]), wide, notice_served),
        "assistant": (answer_page, both, site.status_of("/assistant") != 404),
        "espace-agent-dossier": (case_page, both, True),
        "espace-auditeur-supervision": (oversight_page, wide, True),
    }
    if only:
        pages = {name: page for name, page in pages.items() if name in only}
    driver = chrome.start(javascript=True)
    try:
        for name, (open_page, sizes, served) in pages.items():
            if not served:
                print(f"left out: {name} (its route answers 404 or the demo has no sample notice)")
                continue
            for size in sizes:
                chrome.resize(driver, size)
                open_page(driver)
                first_screen(driver, folder / f"{name}-{size[0]}.png")
                print(folder / f"{name}-{size[0]}.png")
    finally:
        driver.quit()


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description="The screenshots of docs/screenshots.")
    arguments.add_argument("folder", nargs="?", type=Path, default=site.ROOT / "docs" / "screenshots")
    arguments.add_argument("--only", nargs="+", metavar="NAME", help="only these pages (names without the width)")
    options = arguments.parse_args()
    main(options.folder, options.only)
