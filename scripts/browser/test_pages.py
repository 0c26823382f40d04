"""Every public page in Chromium: axe-core, one h1, the skip link first, labelled fields, visible focus, no
sideways scrolling at 360 px, a screenshot at 1280 px and at 360 px."""

import pytest

import chrome
import lanterne_site as site

PAGES = site.public_pages()


@pytest.mark.parametrize("name, path", PAGES, ids=[name for name, _ in PAGES])
def test_page(browser_js, out, name, path):
    path = site.resolve(name, path)
    browser_js.get(site.url(path))
    problems = chrome.check_page(browser_js, name, out)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_unknown_notice_is_a_french_404():
    status, page, _ = site.Client().get("/notices/not-a-token")
    assert status == 404
    assert '<html lang="fr">' in page


def test_home_prints_as_a_letter(browser_js):
    browser_js.get(site.url("/"))
    problems = chrome.print_view_problems(browser_js)
    assert not problems, "\n".join(problems)


def test_notice_prints_as_a_letter(browser_js, out):
    notice = site.sample_notice()
    browser_js.get(site.url(notice))
    problems = chrome.print_view_problems(browser_js)
    browser_js.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    chrome.screenshot(browser_js, out / "notice-impression-1280.png")
    browser_js.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert not problems, "\n".join(problems)


def test_every_public_page_is_reachable_from_home():
    """Issue 15's « done when »: the public pages are reachable from the home page (a link on it or in its
    header and footer)."""
    _, home, _ = site.Client().get("/")
    missing = [path for path in ("/algorithmes", "/assistant", "/accessibilite", "/mentions-legales", "/signaler")
               if f'href="{path}"' not in home]
    assert not missing, f"no link from / to {missing}"
