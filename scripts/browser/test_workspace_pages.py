"""Every signed-in workspace page in Chromium (issue 16), one role after the other, each signed in through the form
of /connexion: the same checks as the public pages (axe-core, one h1, the skip link first, labelled fields, visible
focus, no sideways scrolling at 360 px) and a screenshot at 1280 px and at 360 px."""

import pytest

import chrome
import lanterne_site as site
import workspace

PAGES = workspace.pages()


@pytest.fixture(scope="module", autouse=True)
def signed_out_after(browser_js):
    """The public flows that follow see the site as the public does."""
    yield
    workspace.sign_out(browser_js)


@pytest.mark.parametrize("username, name, path", PAGES, ids=[name for _, name, _ in PAGES])
def test_workspace_page(browser_js, out, username, name, path):
    if path is None:
        pytest.skip(f"{username} has no case in the queue to open")
    workspace.sign_in(browser_js, username)
    browser_js.get(site.url(path))
    problems = chrome.check_page(browser_js, name, out)
    assert not problems, f"{path} ({username}):\n  " + "\n  ".join(problems)


def test_workspace_asks_to_sign_in():
    """Without a session a workspace page sends to the sign-in form, and the public navigation offers it."""
    status, page, final = site.Client().get("/espace/dossiers")
    assert final.endswith("/connexion") and status == 200, f"/espace/dossiers without a session ended on {final}"
    assert 'name="username"' in page
