#!/usr/bin/env bash
# Runs the browser checks (pytest, in this folder) against a Lanterne demo that is already serving.
#
#   LANTERNE_BASE_URL=http://127.0.0.1:8091 LANTERNE_DEMO_JSON=/path/to/demo.json scripts/browser/run.sh [pytest args]
#
# Makes (or reuses) a virtual environment with requirements.txt in .build/browser-venv, preferring a Python of 3.12
# or later for axe-core 4.10; screenshots, axe reports and the pages' HTML go to .build/browser-screenshots.
# Needs Debian's chromium, chromium-driver and a Java runtime (scripts/ci/browser-check.sh installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${LANTERNE_BROWSER_VENV:-$root/.build/browser-venv}
export LANTERNE_BROWSER_OUT=${LANTERNE_BROWSER_OUT:-$root/.build/browser-screenshots}
export PYTHONDONTWRITEBYTECODE=1

# The first Python of 3.12 or later found (on PATH, then among pyenv's versions), else python3.
pick_python() {
    local candidates=(python3.14 python3.13 python3.12)
    if command -v pyenv > /dev/null 2>&1; then
        for version in $(pyenv versions --bare 2> /dev/null | grep -E '^3\.1[2-9]' | sort -rV); do
            candidates+=("$(pyenv root)/versions/$version/bin/python3")
        done
    fi
    for candidate in "${candidates[@]}"; do
        if "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' > /dev/null 2>&1; then
            echo "$candidate"
            return
        fi
    done
    echo python3
}

python=${LANTERNE_BROWSER_PYTHON:-$(pick_python)}
wanted="$("$python" -c 'import sys; print(sys.version)' | head -1) $(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.installed" 2> /dev/null)" != "$wanted" ]; then
    echo "browser checks: virtual environment in $venv with $("$python" --version)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
    echo "$wanted" > "$venv/.installed"
fi

mkdir -p "$LANTERNE_BROWSER_OUT"
rm -rf "$LANTERNE_BROWSER_OUT/axe" "$LANTERNE_BROWSER_OUT/html"
rm -f "$LANTERNE_BROWSER_OUT"/*.png
cd "$here"
exec "$venv/bin/python" -m pytest -v -rs "$@"
