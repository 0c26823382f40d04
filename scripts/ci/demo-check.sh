#!/usr/bin/env bash
# The README's first command as a person runs it: `lanterne serve --demo` on an empty folder, then what they would
# do with it (the register, a sign-in with demo.json's password, a score, the log's verification), schemathesis
# against the OpenAPI document, a clean stop on SIGTERM and a restart that keeps the data.
# Needs a built debug `lanterne` (swift build) and python3 with venv; installs schemathesis from PyPI in a venv.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lanterne="$root/.build/debug/lanterne"
port=${LANTERNE_DEMO_PORT:-8080}
base="http://127.0.0.1:$port"
scratch=$(mktemp -d)
cd "$scratch"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT

wait_ready() {
    for _ in $(seq 1 240); do
        if grep -q "http://127.0.0.1:$port" serve.log 2>/dev/null; then return 0; fi
        if ! kill -0 "$server" 2>/dev/null; then cat serve.log; echo "the server stopped" >&2; exit 1; fi
        sleep 0.5
    done
    cat serve.log
    echo "the server was not ready in 120 s" >&2
    exit 1
}

started=$(date +%s%N)
"$lanterne" serve --demo --port "$port" > serve.log 2>&1 &
server=$!
wait_ready
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
printf 'demo start-up (empty database to serving, debug build): %d.%03d s\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
cat serve.log

test "$(stat -c %a demo.json)" = 600
password=$(python3 -c 'import json; print([a for a in json.load(open("demo.json"))["accounts"] if a["role"] == "agent"][0]["password"])')
curl -fsS "$base/api/v1/log/head" > head.json
curl -fsS "$base/algorithmes" | grep -q "Ciblage des contrôles sur pièces"
algorithm=$(curl -fsS "$base/api/v1/algorithms" | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin) if a["kind"] == "ciblage"][0])')
token=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\": \"agent1\", \"password\": \"$password\"}" "$base/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"case": {"salaires": 32000, "nb_enfants": 2, "situation_familiale": "marie"}}' \
    "$base/api/v1/algorithms/$algorithm/score" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert 0 < d["score"] < 1, d'
"$lanterne" log verify --database sqlite:lanterne.sqlite

# schemathesis against the running demo: no server error, every answer fits the document.
venv="${LANTERNE_CI_VENV:-$root/.build/ci-venv}"
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q schemathesis
fi
admin=$(python3 -c 'import json; print([a for a in json.load(open("demo.json"))["accounts"] if a["role"] == "auditor"][0]["password"])')
auditor_token=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\": \"auditeur\", \"password\": \"$admin\"}" "$base/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$venv/bin/schemathesis" run "$base/api/openapi.json" --url "$base" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --header "Authorization: Bearer $auditor_token" --max-examples 60 --seed 1 --exclude-method DELETE

# A clean stop on SIGTERM, then a restart that keeps the accounts and the log.
kill -TERM "$server"
wait "$server"
before=$(cat head.json)
"$lanterne" serve --demo --port "$port" > serve.log 2>&1 &
server=$!
wait_ready
grep -q "n'est pas remplie à nouveau" serve.log
curl -fsS -H 'Content-Type: application/json' -d "{\"username\": \"agent1\", \"password\": \"$password\"}" \
    "$base/api/v1/session" > /dev/null
test "$(curl -fsS "$base/api/v1/log/head" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sequence"])')" -gt \
    "$(echo "$before" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sequence"])')"
kill -TERM "$server"
wait "$server"
echo "demo check passed"
