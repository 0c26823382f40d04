"""Debian's Chromium driven by Selenium, and the checks every page goes through in it.

`check_page` runs on the page the browser shows now, right after it was loaded (the keyboard checks start from the
top of a freshly loaded page), and returns the list of what is wrong, so that one test run names every problem.
"""

import base64
import json
import os
import shutil
from pathlib import Path

import axe_selenium_python
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

AXE_SCRIPT = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WIDE, NARROW = (1280, 900), (360, 800)
FAILING_IMPACTS = ("serious", "critical")
MAX_TABS = 60


def chromium_binary() -> str:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"


def start(javascript: bool) -> webdriver.Chrome:
    """Headless Chromium at 1280 x 900, with JavaScript on or blocked as a person may have set it, and none of
    Chromium's own calls to the internet (updates, sync, reports)."""
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps",
                     "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
                     "--lang=fr-FR", "--hide-scrollbars",
                     f"--window-size={WIDE[0]},{WIDE[1]}"):
        options.add_argument(argument)
    preferences = {"intl.accept_languages": "fr-FR,fr"}
    if not javascript:
        preferences["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", preferences)
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    resize(driver, WIDE)
    return driver


def wait_for_next_page(driver, old_root, seconds: float = 30) -> None:
    """Waits until the page whose <html> element was `old_root` is replaced and the next one is loaded."""
    def replaced(_):
        try:
            old_root.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:  # ChromeDriver may answer otherwise while the next page loads: ask again
            return False

    WebDriverWait(driver, seconds).until(replaced)
    WebDriverWait(driver, seconds).until(lambda _: driver.execute_script("return document.readyState")
                                         == "complete")


def javascript_runs(driver) -> bool:
    """Whether the page's own scripts run (WebDriver's own commands run either way)."""
    driver.get("data:text/html,<p id=probe>off</p><script>document.getElementById('probe').textContent='on'</script>")
    return driver.find_element(By.ID, "probe").text == "on"


def resize(driver, size) -> None:
    """The viewport of a desktop screen, or of a phone (meta viewport honoured) under 600 px."""
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def screenshot(driver, path: Path) -> None:
    """The whole page, however long, as PNG."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    content = metrics.get("cssContentSize") or metrics["contentSize"]
    width = metrics.get("cssLayoutViewport", {}).get("clientWidth") or content["width"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(content["height"], 16000), "scale": 1}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def axe(driver) -> list:
    """axe-core's violations on the page (every impact), run from the copy that axe-selenium-python ships."""
    driver.execute_script(AXE_SCRIPT.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        "  .then(results => done(results.violations), error => done([{id: 'axe-error', impact: 'critical',"
        "    help: String(error), nodes: []}]));")


def describe(violation) -> str:
    targets = "; ".join(" ".join(map(str, node.get("target", []))) for node in violation["nodes"][:5])
    more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
    return f"axe {violation['impact']} {violation['id']}: {violation['help']} — at {targets}{more}"


STRUCTURE = """
const fields = [...document.querySelectorAll('input, select, textarea')]
  .filter(field => !['hidden', 'submit', 'button', 'reset', 'image'].includes((field.type || '').toLowerCase()));
const unlabelled = fields.filter(field => {
  const byFor = field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
  const around = field.closest('label');
  const label = byFor || around;
  return !(label && label.textContent.trim()) && !field.getAttribute('aria-labelledby');
}).map(field => field.outerHTML.slice(0, 120));
return {
  h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
  unlabelled: unlabelled,
  target: !!document.getElementById('contenu'),
  lang: document.documentElement.lang,
  width: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
};
"""

FOCUS = """
const element = document.activeElement;
if (!element || element === document.body) return null;
const style = getComputedStyle(element);
const rect = element.getBoundingClientRect();
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
  && style.outlineColor !== 'transparent' && !/rgba\\([^)]*,\\s*0\\)/.test(style.outlineColor);
const shadow = style.boxShadow && style.boxShadow !== 'none';
return {
  tag: element.tagName.toLowerCase(), href: element.getAttribute('href'), text: element.textContent.trim().slice(0, 60),
  html: element.outerHTML.slice(0, 100), visible: outline || shadow,
  onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.left < window.innerWidth,
};
"""


def keyboard_problems(driver) -> list:
    """The skip link must be the first thing Tab reaches, shown on screen; every element Tab reaches must show
    that it has the focus. Runs from a freshly loaded page."""
    problems = []
    seen = []
    for number in range(MAX_TABS):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.execute_script(FOCUS)
        if focused is None or (seen and focused["html"] == seen[0]["html"]):
            break
        if number == 0:
            if focused["tag"] != "a" or focused["href"] != "#contenu":
                problems.append(f"the first element Tab reaches is not the skip link to #contenu: {focused['html']}")
            elif not focused["onScreen"]:
                problems.append("the skip link stays off screen when it has the focus")
        if not focused["visible"]:
            problems.append(f"no visible focus (outline of 2 px or more, or a box shadow) on {focused['html']}")
        seen.append(focused)
    if not seen:
        problems.append("Tab reaches nothing on the page")
    return problems


def check_page(driver, name: str, out: Path, run_axe: bool = True) -> list:
    """Every check of one page at 1280 px and 360 px, with a screenshot at each width into `out`. A page reached
    with a #fragment (a GET form's answer) is opened again without it: the keyboard starts from the fragment."""
    if "#" in driver.current_url:
        driver.get(driver.current_url.split("#")[0])
    problems = keyboard_problems(driver)
    structure = driver.execute_script(STRUCTURE)
    if len(structure["h1"]) != 1:
        problems.append(f"{len(structure['h1'])} h1 instead of one: {structure['h1']}")
    if not structure["target"]:
        problems.append("no element with id=\"contenu\" for the skip link")
    if structure["lang"] != "fr":
        problems.append(f"<html lang=\"{structure['lang']}\"> instead of fr")
    problems += [f"field without a label: {field}" for field in structure["unlabelled"]]
    report = {}
    for size in (WIDE, NARROW):
        resize(driver, size)
        if size == NARROW:
            # A phone widens its layout to fit what overflows, so the page is measured against the screen.
            width = driver.execute_script(STRUCTURE)["width"]
            if width > size[0]:
                problems.append(f"at {size[0]} px the page is {width} px wide: it scrolls sideways")
        if run_axe:
            violations = axe(driver)
            report[size[0]] = violations
            problems += [f"at {size[0]} px: {describe(v)}" for v in violations if v["impact"] in FAILING_IMPACTS]
        screenshot(driver, out / f"{name}-{size[0]}.png")
    resize(driver, WIDE)
    if run_axe:
        _keep_axe_report(out, name, report)
    return sorted(set(problems), key=problems.index)


def _keep_axe_report(out: Path, name: str, report: dict) -> None:
    """Every violation, whatever its impact, in out/axe/NAME.json for a person to read."""
    folder = out / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    summary = {width: [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                        "targets": [node.get("target") for node in v["nodes"]]} for v in violations]
               for width, violations in report.items()}
    (folder / f"{name}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


def print_view_problems(driver) -> list:
    """In print, the page reads as a letter: no navigation, no site footer, no form, no skip link (a footer inside
    the main content, such as the notice's own, is part of the letter)."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script("""
            return [...document.querySelectorAll('nav, footer, form, .skip')]
              .filter(element => !(element.tagName === 'FOOTER' && element.closest('main')))
              .filter(element => getComputedStyle(element).display !== 'none')
              .map(element => element.outerHTML.slice(0, 80));""")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return [f"shown in print: {html}" for html in shown]


def visible_text_of(driver, text: str, within: str = "", headings: bool = False) -> list:
    """The displayed links and buttons (and headings if asked) whose text contains `text`, inside the element
    `within` (a tag name) if given."""
    scope = f"//{within}" if within else ""
    tags = ["a", "button"] + (["h2", "h3", "h4"] if headings else [])
    paths = [f"{scope}//{tag}[contains(normalize-space(.), \"{text}\")]" for tag in tags]
    paths.append(f"{scope}//input[@type='submit' and contains(@value, \"{text}\")]")
    candidates = driver.find_elements(By.XPATH, " | ".join(paths))
    return [element for element in candidates if element.is_displayed()]
