"""Two browsers for the whole run, one with JavaScript and one without, the output folder, and the pages' HTML
saved before any flow changes a notice."""

import shutil

import pytest

import chrome
import html_pages
import lanterne_site as site


@pytest.fixture(scope="session")
def out():
    site.OUTPUT.mkdir(parents=True, exist_ok=True)
    return site.OUTPUT


@pytest.fixture(scope="session", autouse=True)
def html_waiting(out):
    """Saves every page's HTML for the Nu checker at the start; the list of what waits for a route."""
    shutil.rmtree(html_pages.folder(), ignore_errors=True)
    html_pages.folder().mkdir(parents=True)
    waiting = []
    html_pages.before_flows(waiting)
    return waiting


@pytest.fixture(scope="session")
def browser_js():
    driver = chrome.start(javascript=True)
    assert chrome.javascript_runs(driver), "JavaScript should run in this browser"
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_nojs():
    driver = chrome.start(javascript=False)
    assert not chrome.javascript_runs(driver), "JavaScript should be blocked in this browser"
    yield driver
    driver.quit()


@pytest.fixture(params=[True, False], ids=["js", "sans-js"])
def browser(request):
    """Each flow runs twice: with JavaScript, then with JavaScript blocked."""
    driver = request.getfixturevalue("browser_js" if request.param else "browser_nojs")
    driver.javascript = request.param
    return driver
