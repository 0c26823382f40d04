#!/usr/bin/env bash
# The public site in a real browser (issue 15): `lanterne serve --demo` in an empty folder, then
# scripts/browser/run.sh against it: Debian's Chromium through Selenium, with and without JavaScript, axe-core on
# every page, the Nu HTML checker on every page's HTML, screenshots at 1280 and 360 px. Nothing reaches the internet.
# Needs a built debug `lanterne` (swift build); installs chromium, chromium-driver and a Java runtime from Debian
# when missing, and the Python packages from PyPI in a virtual environment.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lanterne="$root/.build/debug/lanterne"
port=${LANTERNE_BROWSER_PORT:-8091}
started=$(date +%s)

missing=()
for package in chromium chromium-driver python3 python3-venv; do
    dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q 'install ok installed' || missing+=("$package")
done
command -v java > /dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "browser check: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
test -x "$lanterne" || { echo "no $lanterne: run swift build first" >&2; exit 1; }

scratch=$(mktemp -d)
cd "$scratch"
server=
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$scratch"' EXIT

"$lanterne" serve --demo --port "$port" > serve.log 2>&1 &
server=$!
for _ in $(seq 1 240); do
    if grep -q "http://127.0.0.1:$port" serve.log 2> /dev/null; then break; fi
    if ! kill -0 "$server" 2> /dev/null; then cat serve.log; echo "the server stopped" >&2; exit 1; fi
    sleep 0.5
done
grep -q "http://127.0.0.1:$port" serve.log || { cat serve.log; echo "the server was not ready in 120 s" >&2; exit 1; }

status=0
LANTERNE_BASE_URL="http://127.0.0.1:$port" LANTERNE_DEMO_JSON="$scratch/demo.json" LANTERNE_BIN="$lanterne" \
    bash "$root/scripts/browser/run.sh" || status=$?

kill -TERM "$server"
wait "$server" || true
server=
echo "browser check: $(($(date +%s) - started)) s; screenshots in ${LANTERNE_BROWSER_OUT:-$root/.build/browser-screenshots}"
exit "$status"
