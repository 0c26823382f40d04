"""Two browsers for the whole run, one with JavaScript and one without, and the output folder."""

import pytest

import chrome
import lanterne_site as site


@pytest.fixture(scope="session")
def out():
    site.OUTPUT.mkdir(parents=True, exist_ok=True)
    return site.OUTPUT


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
