#!/usr/bin/env bash
# Server load benchmark (issue 14, "Speed and load"): `lanterne serve` under
# wrk on loopback, its score route side by side with a FastAPI + uvicorn
# endpoint serving the same LightGBM model's score and contributions.
#
#   scripts/bench/server.sh
#
# Settings (environment variables):
#   DURATION      seconds of each timed wrk run                                (default 60)
#   WARMUP        seconds of the wrk warm-up before each timed run (not kept)  (default 10)
#   CONNECTIONS   open connections of wrk (spread over its threads)            (default 64)
#   THREADS       wrk threads                                                   (default 2)
#   ROWS          rows of `lanterne synth entreprises` the LightGBM model learns from (default 100000)
#   SEED          seed of `lanterne synth` and of LightGBM                      (default 1)
#   TREES         LightGBM boosting rounds (31 leaves, learning rate 0.05)      (default 100)
#   CASES         cases scored by both servers, whose scores must agree to 1e-9 (default 5)
#   PEER_WORKERS  uvicorn worker processes of the FastAPI peer                  (default 2)
#   PORT          port of `lanterne serve`; the peer listens on PORT + 1        (default 8090)
#   ASK_QUESTION  the question sent to POST /api/v1/ask
#                 (default « quelle est la date limite pour déclarer mes revenus en 2026 »)
#   STARTUP_TIMEOUT seconds a server may take to be ready                       (default 600)
#   COUNT_NON_2XX 1: wrk's Lua response() counts every answer that is not 2xx;
#                 0: no response(), wrk parses less and counts statuses >= 400 only (default 1)
#   OUT_DIR       where data, logs and the report go (default scripts/bench/out;
#                 a relative path is taken from the repository root)
#   LANTERNE_BIN  an already built lanterne binary; skips `swift build`         (default: build, release)
#
# Steps: (1) the same LightGBM model on both sides: `lanterne synth entreprises`,
# LightGBM trained in Python (server_peer.py train, label defaillance_18_mois,
# the schema's features, categories as pandas categories), saved as text, and
# `lanterne import lightgbm` of that file; (2) `lanterne serve --demo` started
# in an empty folder (timed: empty folder to ready), the demonstration's
# "prediction" algorithm read from the API, the server stopped with SIGTERM;
# (3) `lanterne publish` of the imported model as a new version of that
# algorithm; (4) `lanterne serve` again on the filled store, one sign-in of
# agent1 (logins are throttled: one token serves every request), one curl of
# the score route; (5) the FastAPI peer (server_peer.py under uvicorn, PEER_WORKERS
# workers) and a check that both servers give the same score to 1e-9 on CASES
# cases; (6) wrk with server_wrk/request.lua, WARMUP then DURATION seconds
# each, on: Lanterne's score route, the peer's /score, Lanterne's
# POST /api/v1/ask and the register page GET /algorithmes, with the server's
# resident memory (VmRSS) read after the warm-up and at the end of the run.
#
# wrk and the servers share the machine's cores (issue 14's goals are for 2
# cores): the figures are those of the whole loopback system.
#
# The Markdown report is printed on stdout and written to $OUT_DIR/server-bench.md.
# Progress messages go to stderr. Only `pip install` (and, as root when wrk or
# /usr/bin/time is missing, `apt-get install`) uses the network; every server
# listens on 127.0.0.1 and is stopped on exit.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=server
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
ROWS="${ROWS:-100000}"
SEED="${SEED:-1}"
TREES="${TREES:-100}"
CASES="${CASES:-5}"
PEER_WORKERS="${PEER_WORKERS:-2}"
PORT="${PORT:-8090}"
ASK_QUESTION="${ASK_QUESTION:-quelle est la date limite pour déclarer mes revenus en 2026}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-600}"
COUNT_NON_2XX="${COUNT_NON_2XX:-1}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

# Fixed settings.
LEAVES=31
LEARNING_RATE=0.05
MIN_LEAF=20
TRAIN_THREADS=2
LABEL=defaillance_18_mois
TOLERANCE=1e-9   # largest score difference allowed between the two servers
WRK_TIMEOUT=2s   # wrk's default: an answer slower than this counts as a socket error (timeout)
SETTLE=2         # seconds of rest between two wrk runs
HOST=127.0.0.1
WRK_SCRIPT="$SCRIPT_DIR/server_wrk/request.lua"
PEER="$SCRIPT_DIR/server_peer.py"
WRK_BIN=/usr/bin/wrk

# VENV_DIR, PY, BIN (the lanterne binary), log, die, calc, mb, json_fields, ...
# come from common.sh.
DATA_DIR=""       # synth file, models, bodies, the store folder; set by main
LOG_DIR=""        # server logs, wrk output, result JSON; set by main
STORE_DIR=""      # the scratch folder of `lanterne serve --demo`; set by main
PEER_PORT=""      # PORT + 1; set by check_settings
LANTERNE_PID=""   # the running `lanterne serve`, if any
PEER_PID=""       # the running uvicorn supervisor, if any
PEER_TREE=""      # the supervisor and its descendants, gathered once they run
STOP_STATUS=0     # exit status of the last process stop_process stopped
BIN_ORIGIN=""     # where the lanterne binary comes from, for the report; set by main
RUNS_FILE=""      # one line per timed run; set by main
LOAD_START=""     # load averages before the first timed run; set by main

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

now() { date +%s.%N; }

# alive PID: the process exists and is not a zombie.
alive() {
	local state
	[[ -n $1 && -r /proc/$1/stat ]] || return 1
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)
	[[ -n $state && $state != Z ]]
}

# descendants PID: PID and every process below it, one a line.
descendants() {
	ps -e -o pid=,ppid= | awk -v root="$1" '
		{ parent[$1] = $2 }
		END {
			keep[root] = 1; print root
			do {
				added = 0
				for (pid in parent) if (!(pid in keep) && (parent[pid] in keep)) { keep[pid] = 1; print pid; added = 1 }
			} while (added)
		}'
}

# rss_kb PID...: the sum of VmRSS (KB) of the given processes that still run.
rss_kb() {
	local total=0 pid kb
	for pid in "$@"; do
		kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
		total=$((total + ${kb:-0}))
	done
	echo "$total"
}

# port_free PORT: nothing answers on 127.0.0.1:PORT.
port_free() {
	local code=0
	curl -s -o /dev/null --max-time 2 "http://$HOST:$1/" || code=$?
	((code == 7))
}

# json_value FILE EXPR: evaluate a Python expression on the JSON document in FILE (bound to `d`) and print it.
json_value() {
	"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

# --------------------------------------------------------------------------
# Setup (the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint DURATION
	require_uint WARMUP
	require_uint CONNECTIONS
	require_uint THREADS
	require_uint ROWS
	require_uint SEED
	require_uint TREES
	require_uint CASES
	require_uint PEER_WORKERS
	require_uint PORT
	require_uint STARTUP_TIMEOUT
	((DURATION > 0)) || die "DURATION must be at least 1"
	((THREADS > 0)) || die "THREADS must be at least 1"
	((CONNECTIONS >= THREADS)) || die "CONNECTIONS ($CONNECTIONS) must be at least THREADS ($THREADS): wrk gives each thread its share"
	((ROWS >= 1000)) || die "ROWS must be at least 1000"
	((TREES > 0)) || die "TREES must be at least 1"
	((CASES > 0 && CASES <= ROWS)) || die "CASES must be between 1 and ROWS"
	((PEER_WORKERS > 0)) || die "PEER_WORKERS must be at least 1"
	((PORT >= 1024 && PORT < 65535)) || die "PORT must be between 1024 and 65534 (the peer takes PORT + 1)"
	((STARTUP_TIMEOUT > 0)) || die "STARTUP_TIMEOUT must be at least 1"
	[[ -n $ASK_QUESTION ]] || die "ASK_QUESTION must not be empty"
	[[ $COUNT_NON_2XX == 0 || $COUNT_NON_2XX == 1 ]] || die "COUNT_NON_2XX must be 0 or 1"
	PEER_PORT=$((PORT + 1))
}

# ensure_wrk: wrk from Debian's package, installed when missing and root.
ensure_wrk() {
	[[ -x $WRK_BIN ]] && return 0
	if [[ $(id -u) -ne 0 ]]; then
		log "$WRK_BIN is missing: install the Debian package 'wrk' (sudo apt-get install -y wrk) and rerun"
		exit 2
	fi
	log "installing the Debian package 'wrk'"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -qq wrk >&2; then
		apt-get update -qq >&2
		apt-get install -y -qq wrk >&2
	fi
	[[ -x $WRK_BIN ]] || {
		log "$WRK_BIN is still missing after apt-get install wrk"
		exit 2
	}
}

check_tools() {
	command -v curl >/dev/null || die "curl is needed (Debian package 'curl')"
	command -v ps >/dev/null || die "ps is needed (Debian package 'procps')"
	[[ -r /proc/self/status ]] || die "/proc is needed to read the servers' resident memory"
}

# check_commands: the binary set by build_lanterne offers what this script runs;
# an older one answers with the general help, so look for the options by name.
check_commands() {
	local help
	help=$("$BIN" serve --help 2>&1 || true)
	[[ $help == *"--demo"* && $help == *"--database"* ]] || die "$BIN does not offer \`serve --demo --database\` (is it an older build?)"
	help=$("$BIN" import --help 2>&1 || true)
	[[ $help == *lightgbm* && $help == *"--schema"* ]] || die "$BIN does not offer \`import lightgbm --schema\` (is it an older build?)"
	help=$("$BIN" publish --help 2>&1 || true)
	[[ $help == *"--algorithm"* && $help == *"--database"* ]] ||
		die "$BIN does not offer \`publish --algorithm --database\` (is it an older build?)"
}

# --------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------

# wait_for_line FILE TEXT PID: wait until FILE holds TEXT; stops the script
# when the process PID ends first or STARTUP_TIMEOUT passes.
wait_for_line() {
	local file=$1 text=$2 pid=$3 deadline=$((SECONDS + STARTUP_TIMEOUT))
	until grep -qF -- "$text" "$file" 2>/dev/null; do
		if ! alive "$pid"; then
			tail -n 20 -- "$file" >&2 || true
			die "the server (pid $pid) stopped before writing '$text' to $file"
		fi
		if ((SECONDS > deadline)); then
			tail -n 20 -- "$file" >&2 || true
			die "no '$text' in $file after $STARTUP_TIMEOUT s"
		fi
		sleep 0.1
	done
}

# stop_process PID NAME: SIGTERM, then up to 30 s for it to end (SIGKILL after
# that). Sets STOP_STATUS to its exit status (143 when SIGTERM itself ended it).
# Not in $(...): only this shell can wait for its children.
stop_process() {
	local pid=$1 name=$2 status=0 waited=0
	if ! alive "$pid"; then
		wait "$pid" 2>/dev/null || status=$?
		STOP_STATUS=$status
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	while alive "$pid" && ((waited < 300)); do
		sleep 0.1
		waited=$((waited + 1))
	done
	if alive "$pid"; then
		log "$name (pid $pid) still runs 30 s after SIGTERM: SIGKILL"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || status=$?
	STOP_STATUS=$status
}

# start_lanterne LABEL SERVE_ARGS...: `lanterne serve` in the background, its
# output in $LOG_DIR/LABEL.stdout/.stderr; returns once it says it serves.
# Sets LANTERNE_PID and LANTERNE_READY_SECONDS (launch to ready, as seen from here).
start_lanterne() {
	local label=$1 start
	shift
	port_free "$PORT" || die "something already answers on $HOST:$PORT (set PORT)"
	log "$label: $BIN serve $*"
	# Emptied here: the redirection below happens in the background process,
	# which may open the files after the first look for the ready line.
	: >"$LOG_DIR/$label.stdout"
	: >"$LOG_DIR/$label.stderr"
	start=$(now)
	"$BIN" serve "$@" --host "$HOST" --port "$PORT" >"$LOG_DIR/$label.stdout" 2>"$LOG_DIR/$label.stderr" &
	LANTERNE_PID=$!
	wait_for_line "$LOG_DIR/$label.stderr" "http://$HOST:$PORT" "$LANTERNE_PID"
	LANTERNE_READY_SECONDS=$(calc .2f "$(now) - $start")
	log "$label: ready after $LANTERNE_READY_SECONDS s (pid $LANTERNE_PID)"
}

# stop_lanterne LABEL: SIGTERM and wait; a clean stop ends with status 0.
stop_lanterne() {
	local label=$1 status
	stop_process "$LANTERNE_PID" "lanterne serve"
	status=$STOP_STATUS
	LANTERNE_PID=""
	((status == 0)) || log "warning: $label: lanterne serve ended with status $status after SIGTERM (see $LOG_DIR/$label.stderr)"
	log "$label: stopped (status $status)"
}

# start_peer: the FastAPI application under uvicorn, PEER_WORKERS workers;
# returns once every worker has started. Sets PEER_PID (the supervisor) and PEER_TREE.
start_peer() {
	port_free "$PEER_PORT" || die "something already answers on $HOST:$PEER_PORT (set PORT)"
	local started=0 start deadline=$((SECONDS + STARTUP_TIMEOUT))
	# uvicorn's defaults otherwise: --loop auto and --http auto take uvloop and
	# httptools when installed (uvicorn[standard] installs them). No access log:
	# Lanterne writes none either. One OpenMP thread per worker: one row gives
	# OpenMP nothing to share, and idle OpenMP threads spin.
	log "peer: uvicorn server_peer:create_app --factory --workers $PEER_WORKERS on $HOST:$PEER_PORT"
	: >"$LOG_DIR/peer.stdout"
	: >"$LOG_DIR/peer.stderr"
	start=$(now)
	SERVER_PEER_MODEL="$MODEL_TXT" OMP_NUM_THREADS=1 "$PY" -m uvicorn server_peer:create_app --factory \
		--app-dir "$SCRIPT_DIR" --host "$HOST" --port "$PEER_PORT" --workers "$PEER_WORKERS" \
		--no-access-log >"$LOG_DIR/peer.stdout" 2>"$LOG_DIR/peer.stderr" &
	PEER_PID=$!
	until ((started >= PEER_WORKERS)); do
		alive "$PEER_PID" || {
			tail -n 20 -- "$LOG_DIR/peer.stderr" >&2 || true
			die "uvicorn (pid $PEER_PID) stopped before its workers started"
		}
		if ((SECONDS > deadline)); then
			tail -n 20 -- "$LOG_DIR/peer.stderr" >&2 || true
			die "uvicorn's workers did not start within $STARTUP_TIMEOUT s"
		fi
		sleep 0.2
		started=$(grep -c "Application startup complete" "$LOG_DIR/peer.stderr" 2>/dev/null || true)
	done
	curl -sf -o /dev/null --max-time 10 "http://$HOST:$PEER_PORT/health" || die "the peer does not answer GET /health"
	PEER_TREE=$(descendants "$PEER_PID" | tr '\n' ' ')
	log "peer: ready after $(calc .1f "$(now) - $start") s (processes $PEER_TREE)"
}

stop_peer() {
	local status pid
	stop_process "$PEER_PID" uvicorn
	status=$STOP_STATUS
	PEER_PID=""
	# uvicorn stops its workers itself; any left (killed supervisor) are ended here.
	for pid in $PEER_TREE; do
		if alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
	done
	PEER_TREE=""
	log "peer: stopped (status $status)"
}

# cleanup: on exit, stop every server this script started.
cleanup() {
	local pid
	if [[ -n $LANTERNE_PID ]] && alive "$LANTERNE_PID"; then
		log "stopping lanterne serve (pid $LANTERNE_PID)"
		stop_process "$LANTERNE_PID" "lanterne serve"
	fi
	if [[ -n $PEER_PID ]]; then
		[[ -n $PEER_TREE ]] || PEER_TREE=$(descendants "$PEER_PID" | tr '\n' ' ')
		if alive "$PEER_PID"; then
			log "stopping uvicorn (pid $PEER_PID)"
			stop_process "$PEER_PID" uvicorn
		fi
		for pid in $PEER_TREE; do
			if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
		done
	fi
}

# --------------------------------------------------------------------------
# Data and model (not timed)
# --------------------------------------------------------------------------

# step LABEL CMD...: a preparation step, stdout to $LOG_DIR/LABEL.stdout and
# stderr to $LOG_DIR/LABEL.stderr; stops the script (showing stderr) if it fails.
step() {
	local label=$1
	shift
	log "$label: $*"
	"$@" >"$LOG_DIR/$label.stdout" 2>"$LOG_DIR/$label.stderr" || {
		tail -n 20 -- "$LOG_DIR/$label.stderr" >&2
		die "$label failed: $*"
	}
}

prepare_model() {
	FIRMS="$DATA_DIR/entreprises_$ROWS.csv"
	SCHEMA="$DATA_DIR/entreprises_$ROWS.schema.json"
	MODEL_TXT="$DATA_DIR/lightgbm.model.txt"
	MODEL_JSON="$DATA_DIR/lightgbm.lanterne.json"
	CASES_FILE="$DATA_DIR/cases.jsonl"
	SCORE_BODY="$DATA_DIR/score-body.json"
	ASK_BODY="$DATA_DIR/ask-body.json"
	step synth "$BIN" synth entreprises --rows "$ROWS" --seed "$SEED" --out "$FIRMS" --schema-out "$SCHEMA"
	step train "$PY" "$PEER" train "$FIRMS" --schema "$SCHEMA" --label "$LABEL" --model-out "$MODEL_TXT" \
		--trees "$TREES" --leaves "$LEAVES" --learning-rate "$LEARNING_RATE" --min-leaf "$MIN_LEAF" \
		--seed "$SEED" --threads "$TRAIN_THREADS"
	rm -f -- "$MODEL_JSON"
	step import "$BIN" import lightgbm "$MODEL_TXT" --schema "$SCHEMA" --out "$MODEL_JSON"
	MODEL_SHA=$(json_value "$MODEL_JSON" 'd["sha256"]')
	step cases "$PY" "$PEER" cases "$FIRMS" --model "$MODEL_TXT" --rows "$CASES" --out "$CASES_FILE"
	head -n 1 -- "$CASES_FILE" >"$SCORE_BODY"
	"$PY" -c 'import json, sys; print(json.dumps({"question": sys.argv[1]}, ensure_ascii=False))' \
		"$ASK_QUESTION" >"$ASK_BODY"
	log "model: LightGBM $MODEL_TXT imported as $MODEL_JSON (version $MODEL_SHA)"
}

# --------------------------------------------------------------------------
# The store: demo, publish, serve
# --------------------------------------------------------------------------

# demo_startup: `lanterne serve --demo` in an empty folder, timed to ready;
# reads the "prediction" algorithm's id and agent1's password, then stops it.
demo_startup() {
	STORE_DIR="$DATA_DIR/store"
	rm -rf -- "$STORE_DIR"
	mkdir -p -- "$STORE_DIR"
	DATABASE="sqlite:$STORE_DIR/lanterne.sqlite"
	start_lanterne demo --demo --database "$DATABASE"
	DEMO_SECONDS=$LANTERNE_READY_SECONDS
	# The server's own figure: "... prêt en 12.3 s)" / "... ready in 12.3 s)".
	DEMO_SELF_SECONDS=$(grep -oE '(prêt en|ready in) [0-9.]+ s' "$LOG_DIR/demo.stderr" | grep -oE '[0-9.]+' | tail -n 1 || true)
	[[ -s $STORE_DIR/demo.json ]] || die "lanterne serve --demo wrote no $STORE_DIR/demo.json"
	curl -sf --max-time 30 "http://$HOST:$PORT/api/v1/algorithms" -o "$LOG_DIR/algorithms.json" ||
		die "GET /api/v1/algorithms failed"
	ALGORITHM_ID=$(json_value "$LOG_DIR/algorithms.json" 'next((a["id"] for a in d if a["kind"] == "prediction"), "")')
	[[ $ALGORITHM_ID =~ ^[0-9a-f]+$ ]] || die "no algorithm of kind prediction in $LOG_DIR/algorithms.json"
	log "demo: ready in $DEMO_SECONDS s (the server says ${DEMO_SELF_SECONDS:-?} s); prediction algorithm $ALGORITHM_ID"
	stop_lanterne demo
}

publish_model() {
	step publish "$BIN" publish "$MODEL_JSON" --database "$DATABASE" --algorithm "$ALGORITHM_ID"
	log "publish: $(tail -n 1 -- "$LOG_DIR/publish.stdout")"
}

# serve_published: `lanterne serve` on the filled store (no --demo: nothing is
# filled again), one sign-in, and checks that the published version is the
# imported model and that the score route answers for the first case.
serve_published() {
	# No per-address limit on the public forms: every wrk request comes from 127.0.0.1.
	start_lanterne serve --database "$DATABASE" --public-rate-limit 0
	local password
	password=$(json_value "$STORE_DIR/demo.json" '[a["password"] for a in d["accounts"] if a["username"] == "agent1"][0]')
	"$PY" -c 'import json, sys; print(json.dumps({"username": "agent1", "password": sys.argv[1]}))' "$password" \
		>"$LOG_DIR/session-body.json"
	curl -sf --max-time 30 -H 'Content-Type: application/json' --data-binary "@$LOG_DIR/session-body.json" \
		"http://$HOST:$PORT/api/v1/session" -o "$LOG_DIR/session.json" || die "signing in as agent1 failed"
	rm -f -- "$LOG_DIR/session-body.json"
	TOKEN=$(json_value "$LOG_DIR/session.json" 'd["token"]')
	[[ $TOKEN =~ ^[0-9a-f]{64}$ ]] || die "no token in the sign-in answer"
	curl -sf --max-time 30 "http://$HOST:$PORT/api/v1/algorithms/$ALGORITHM_ID" -o "$LOG_DIR/algorithm.json" ||
		die "GET /api/v1/algorithms/$ALGORITHM_ID failed"
	local served
	served=$(json_value "$LOG_DIR/algorithm.json" 'd.get("version", {}).get("model_sha256", "")')
	[[ $served == "$MODEL_SHA" ]] || die "the algorithm serves version '$served', not the imported model $MODEL_SHA"
	SCORE_URL="http://$HOST:$PORT/api/v1/algorithms/$ALGORITHM_ID/score"
	local code
	code=$(curl -s --max-time 30 -o "$LOG_DIR/score-check.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-H "Authorization: Bearer $TOKEN" --data-binary "@$SCORE_BODY" "$SCORE_URL")
	[[ $code == 200 ]] || die "POST $SCORE_URL answered $code: $(head -c 300 -- "$LOG_DIR/score-check.json")"
	log "score route: 200, score $(json_value "$LOG_DIR/score-check.json" 'd["score"]') for the first case"
}

# check_routes: the ask route and the register page answer 200 before they are timed.
check_routes() {
	local code
	code=$(curl -s --max-time 30 -o "$LOG_DIR/ask-check.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		--data-binary "@$ASK_BODY" "http://$HOST:$PORT/api/v1/ask")
	[[ $code == 200 ]] || die "POST /api/v1/ask answered $code"
	ASK_STATUS=$(json_value "$LOG_DIR/ask-check.json" 'd["status"]')
	code=$(curl -s --max-time 30 -o "$LOG_DIR/register-check.html" -w '%{http_code}' "http://$HOST:$PORT/algorithmes")
	[[ $code == 200 ]] || die "GET /algorithmes answered $code"
	REGISTER_BYTES=$(wc -c <"$LOG_DIR/register-check.html")
	log "ask: 200 ($ASK_STATUS); register page: 200 ($REGISTER_BYTES bytes)"
}

compare_servers() {
	step compare "$PY" "$PEER" compare "$CASES_FILE" --lanterne "$SCORE_URL" --token "$TOKEN" \
		--peer "http://$HOST:$PEER_PORT/score" --tolerance "$TOLERANCE"
	log "compare: $(tail -n 1 -- "$LOG_DIR/compare.stderr")"
}

# --------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------

# wrk_run OUT URL METHOD BODY_FILE TOKEN SECONDS LABEL: one wrk run; its output in OUT.
wrk_run() {
	local out=$1 url=$2 method=$3 body=$4 token=$5 seconds=$6 label=$7
	BENCH_METHOD="$method" BENCH_BODY_FILE="$body" BENCH_TOKEN="$token" BENCH_LABEL="$label" \
		BENCH_COUNT_NON_2XX="$COUNT_NON_2XX" \
		"$WRK_BIN" -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout "$WRK_TIMEOUT" \
		-s "$WRK_SCRIPT" "$url" >"$out" 2>&1 || {
		tail -n 20 -- "$out" >&2
		die "wrk failed on $url"
	}
	grep -q '^{' "$out" || die "no result line in $out"
}

# load_run LABEL URL METHOD BODY_FILE TOKEN PID...: warm-up, resident memory
# of the server's processes, the timed run, resident memory again. Appends
# "LABEL <rss start KB> <rss end KB>" to $RUNS_FILE; wrk's result line is in
# $LOG_DIR/LABEL.wrk.
load_run() {
	local label=$1 url=$2 method=$3 body=$4 token=$5
	shift 5
	local start_kb end_kb
	if ((WARMUP > 0)); then
		log "$label: warm-up, $WARMUP s"
		wrk_run "$LOG_DIR/$label.warmup.wrk" "$url" "$method" "$body" "$token" "$WARMUP" "$label-warmup"
	fi
	start_kb=$(rss_kb "$@")
	log "$label: $DURATION s, $THREADS threads, $CONNECTIONS connections, $method $url"
	wrk_run "$LOG_DIR/$label.wrk" "$url" "$method" "$body" "$token" "$DURATION" "$label"
	end_kb=$(rss_kb "$@")
	local fields
	fields=$(json_fields "$LOG_DIR/$label.wrk" requests_per_second latency_p50_ms latency_p99_ms non_2xx socket_errors)
	log "$label: requests/s, p50 ms, p99 ms, non-2xx, socket errors = $fields; RSS KB $start_kb -> $end_kb"
	printf '%s %s %s\n' "$label" "$start_kb" "$end_kb" >>"$RUNS_FILE"
	sleep "$SETTLE"
}

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# run_row LABEL SERVER REQUEST GOAL_RPS GOAL_P99_MS: one row of the table ("" for no goal).
run_row() {
	local label=$1 server=$2 request=$3 goal_rps=$4 goal_p99=$5
	local rps p50 p99 non2xx socket start_kb end_kb errors change goal met
	read -r rps p50 p99 non2xx socket <<<"$(json_fields "$LOG_DIR/$label.wrk" \
		requests_per_second latency_p50_ms latency_p99_ms non_2xx socket_errors)"
	read -r _ start_kb end_kb <<<"$(grep "^$label " "$RUNS_FILE")"
	errors=$((non2xx + socket))
	change=$(calc +.1f "($end_kb - $start_kb) / $start_kb * 100")
	goal="" met=""
	if [[ -n $goal_rps ]]; then
		goal="≥ $(calc ,.0f "$goal_rps")/s"
		local ok
		# calc has no builtins: comparisons give booleans, printed 1 or 0 with "d".
		ok=$(calc d "$rps >= $goal_rps and $errors == 0 and -0.1 * $start_kb <= $end_kb - $start_kb <= 0.1 * $start_kb")
		if [[ -n $goal_p99 ]]; then
			goal="$goal, p99 < $goal_p99 ms"
			ok=$(calc d "$ok == 1 and $p99 < $goal_p99")
		fi
		goal="$goal, 0 errors, RSS ±10 %"
		if ((ok)); then met=yes; else met=no; fi
	fi
	printf '| %s | %s | %s | %s | %s | %s (%s + %s) | %s | %s | %s %% | %s | %s |\n' "$server" "$request" \
		"$(calc ,.0f "$rps")" "$(calc .2f "$p50")" "$(calc .2f "$p99")" "$errors" "$non2xx" "$socket" \
		"$(mb "$start_kb")" "$(mb "$end_kb")" "$change" "$goal" "$met"
}

write_report() {
	local lt_rps peer_rps ratio ratio_met demo_met
	lt_rps=$(json_fields "$LOG_DIR/lanterne-score.wrk" requests_per_second)
	peer_rps=$(json_fields "$LOG_DIR/fastapi-score.wrk" requests_per_second)
	ratio=$(calc .2f "$lt_rps / $peer_rps")
	ratio_met=$(calc d "$lt_rps >= 5 * $peer_rps")
	demo_met=$(calc d "$DEMO_SECONDS < 60")
	local cases score_diff logit_diff contribution_diff
	read -r cases score_diff logit_diff contribution_diff <<<"$(json_fields "$LOG_DIR/compare.stdout" \
		cases max_score_difference max_logit_difference max_contribution_difference)"
	local train_rows positive features categorical trees
	read -r train_rows positive features categorical trees <<<"$(json_fields "$LOG_DIR/train.stdout" \
		rows positive_rate features categorical trees)"
	local versions
	versions="$LOG_DIR/peer-versions.json"

	echo "# Server load: \`lanterne serve\` vs FastAPI + uvicorn"
	echo
	echo "wrk on $HOST, $THREADS threads, $CONNECTIONS connections, $DURATION s per run after a $WARMUP s warm-up;" \
		"wrk and the servers share the machine's $(nproc) cores. Lanterne: \`$BIN\`."
	echo
	echo "| server | request | requests/s | p50 ms | p99 ms | errors (non-2xx + socket) | RSS start MB | RSS end MB | RSS change | issue 14 goal | met |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
	run_row lanterne-score Lanterne "\`POST /api/v1/algorithms/{id}/score\`" 5000 20
	run_row fastapi-score "FastAPI + uvicorn ($PEER_WORKERS workers)" "\`POST /score\`" "" ""
	run_row lanterne-ask Lanterne "\`POST /api/v1/ask\`" 3000 ""
	run_row lanterne-register Lanterne "\`GET /algorithmes\` (register page)" 5000 ""
	echo
	echo "- **Lanterne score / FastAPI score throughput: $ratio** (goal: at least 5; $( ((ratio_met)) && echo met || echo "not met"))."
	echo "- **Demo start-up** (\`lanterne serve --demo\` in an empty folder, launch to the \"serves\" line):" \
		"$DEMO_SECONDS s (the server's own figure: ${DEMO_SELF_SECONDS:-n/a} s; goal: under 60 s after the build;" \
		"$( ((demo_met)) && echo met || echo "not met"))."
	echo "- **Same model on both sides**: $cases cases scored by both servers; largest difference of the score" \
		"$(calc .3g "$score_diff") (allowed $TOLERANCE), of the logit $(calc .3g "$logit_diff"), of a contribution" \
		"$(calc .3g "$contribution_diff")."
	echo
	echo "## What runs"
	echo
	echo "- **Model**: LightGBM ($trees trees, $LEAVES leaves, learning rate $LEARNING_RATE, at least $MIN_LEAF rows" \
		"per leaf, seed $SEED) trained by \`server_peer.py train\` on \`lanterne synth entreprises --rows $ROWS --seed $SEED\`" \
		"($train_rows rows, positive rate $(calc .4f "$positive")), label \`$LABEL\`, $features features of which" \
		"$categorical categorical (pandas categories, levels sorted); saved as text, imported with" \
		"\`lanterne import lightgbm --schema\` (version \`${MODEL_SHA:0:12}\`) and published with \`lanterne publish\`" \
		"as a new version of the demo's \"prediction\" algorithm."
	echo "- **Lanterne**: \`lanterne serve --database sqlite:…\` on the store \`serve --demo\` filled; one process." \
		"The score route gets agent1's bearer token (one sign-in before the runs) and the first case of the CSV:"
	echo
	echo "  \`$(cat -- "$SCORE_BODY")\`"
	echo
	echo "- **Ask**: \`{\"question\": \"$ASK_QUESTION\"}\`, which the assistant answers with status \`$ASK_STATUS\`."
	echo "- **Register page**: anonymous \`GET /algorithmes\`, $REGISTER_BYTES bytes of HTML."
	echo "- **FastAPI peer** (\`server_peer.py\`): \`uvicorn server_peer:create_app --factory --workers $PEER_WORKERS" \
		"--no-access-log\` with \`OMP_NUM_THREADS=1\`: $PEER_WORKERS worker processes, one Python interpreter each, so" \
		"that the peer can use $PEER_WORKERS cores as Lanterne's one process does; uvicorn's default \`--loop auto\`" \
		"and \`--http auto\` pick $(json_value "$versions" 'd["loop"]') and $(json_value "$versions" 'd["http"]')." \
		"An \`async def\` endpoint (a plain \`def\` goes through Starlette's thread pool, slower here) decodes the" \
		"body with Pydantic, encodes the case as Lanterne does (a label as its position among the model's levels)" \
		"into a one-row NumPy array, calls \`booster.predict(row, pred_contrib=True)\` and answers the same fields" \
		"as Lanterne (\`score\`, \`logit\`, \`base\`, \`contributions\`, \`missing\`)."
	echo
	echo "## How to read this"
	echo
	echo "- **requests/s, p50, p99**: wrk's figures (\`server_wrk/request.lua\`'s \`done()\`); latency from a" \
		"request's write to its answer on one of $CONNECTIONS keep-alive connections, so it includes queueing." \
		"wrk is closed-loop: each connection sends its next request when the answer arrives."
	if ((COUNT_NON_2XX)); then
		echo "- **errors**: answers whose status is not 2xx (counted in the Lua \`response()\`, which makes wrk" \
			"parse every answer for Lua) plus socket errors (connect, read, write, and timeouts beyond $WRK_TIMEOUT)."
	else
		echo "- **errors**: answers with a status of 400 or more (wrk's own count; \`COUNT_NON_2XX=0\`, so no Lua" \
			"\`response()\` and 1xx/3xx answers go uncounted) plus socket errors (connect, read, write, and" \
			"timeouts beyond $WRK_TIMEOUT)."
	fi
	echo "- **RSS**: VmRSS from \`/proc/PID/status\` right after the warm-up and at the end of the run; for the" \
		"FastAPI peer, the sum over uvicorn's supervisor, its workers and multiprocessing's resource tracker." \
		"MB = 2^20 bytes. The change is (end − start) / start."
	echo "- **load average**: below, before the first and after the last run; wrk and the server already fill the" \
		"$(nproc) cores, so any other busy process lowers every figure: rerun if it was high."
	echo "- **Lanterne binary**: \`$BIN\` ($BIN_ORIGIN). Only a release build says anything about the goals."
	echo "- Logs, wrk's full output and every JSON answer checked: \`$LOG_DIR\`."
	echo
	machine_section
	echo "- wrk: $("$WRK_BIN" -v 2>&1 | awk 'NR == 1 { print $2 }')"
	echo "- fastapi: $(json_value "$versions" 'd["fastapi"]'), uvicorn: $(json_value "$versions" 'd["uvicorn"]')" \
		"(loop $(json_value "$versions" 'd["loop"]') $(json_value "$versions" 'd["uvloop"]'), http" \
		"$(json_value "$versions" 'd["http"]') $(json_value "$versions" 'd["httptools"]')), starlette:" \
		"$(json_value "$versions" 'd["starlette"]'), pydantic: $(json_value "$versions" 'd["pydantic"]')"
	echo "- lightgbm: $(json_value "$versions" 'd["lightgbm"]'), numpy: $(json_value "$versions" 'd["numpy"]')"
	echo "- load average (1, 5, 15 min) before the first timed run: $LOAD_START; at the end: $(load_average)"
	echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

main() {
	check_settings
	check_tools
	ensure_wrk
	ensure_venv
	build_lanterne
	if [[ -n $LANTERNE_BIN ]]; then BIN_ORIGIN="given by LANTERNE_BIN"; else BIN_ORIGIN="built in release by this script"; fi
	check_commands
	port_free "$PORT" || die "something already answers on $HOST:$PORT (set PORT)"
	port_free "$PEER_PORT" || die "something already answers on $HOST:$PEER_PORT (set PORT)"

	prepare_out_dirs
	rm -f -- "$LOG_DIR"/*.wrk
	RUNS_FILE="$LOG_DIR/runs.txt"
	: >"$RUNS_FILE"
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# 1. The model, its import and the cases (not timed).
	prepare_model
	"$PY" "$PEER" versions >"$LOG_DIR/peer-versions.json"

	# 2. Demo start-up, timed; 3. the model published; 4. the server again.
	demo_startup
	publish_model
	serve_published
	check_routes

	# 5. The peer and the check that both servers score alike.
	start_peer
	compare_servers

	# 6. Load.
	LOAD_START=$(load_average)
	load_run lanterne-score "$SCORE_URL" POST "$SCORE_BODY" "$TOKEN" "$LANTERNE_PID"
	# shellcheck disable=SC2086 # PEER_TREE is a list of pids
	load_run fastapi-score "http://$HOST:$PEER_PORT/score" POST "$SCORE_BODY" "" $PEER_TREE
	load_run lanterne-ask "http://$HOST:$PORT/api/v1/ask" POST "$ASK_BODY" "" "$LANTERNE_PID"
	load_run lanterne-register "http://$HOST:$PORT/algorithmes" GET "" "" "$LANTERNE_PID"

	stop_peer
	stop_lanterne serve

	# 7. Report.
	write_report | tee "$OUT_DIR/server-bench.md"
	log "report written to $OUT_DIR/server-bench.md"
}

main "$@"
