# shellcheck shell=bash
# Helpers shared by the benchmark scripts (csv.sh, models.sh, explain.sh,
# assistant.sh). Sourced, not run:
#
#   SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
#   BENCH_NAME=csv
#   source "$SCRIPT_DIR/common.sh"
#
# The sourcing script sets, before sourcing:
#   SCRIPT_DIR    the directory of the scripts (scripts/bench), where the
#                 virtual environment and requirements.txt live
#   BENCH_NAME    the tag of the log lines: "[$BENCH_NAME-bench] message"
# and may set, any time before build_lanterne:
#   LANTERNE_BIN  an already built lanterne binary; build_lanterne then skips `swift build`
#
# Defines VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (set by build_lanterne), and DATA_DIR and LOG_DIR
# (set by prepare_out_dirs).

VENV_DIR="$SCRIPT_DIR/.venv"
PY="$VENV_DIR/bin/python"
TIME_BIN=/usr/bin/time
TIME_FORMAT='%e %M' # elapsed wall seconds, max RSS in KB

BIN="" # lanterne binary, set by build_lanterne

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

log() { printf '[%s-bench] %s\n' "$BENCH_NAME" "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# require_uint NAME: the variable NAME must hold a non-negative integer.
require_uint() {
	local name=$1
	[[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a non-negative integer (got '${!name}')"
}

# calc FORMAT EXPR: evaluate an arithmetic expression with the venv's Python and
# print it with a Python format spec (".2f", "+.4f", ...). Prints "n/a" when the
# expression divides by zero or involves a missing value (nan).
calc() {
	"$PY" -c '
import math, sys
spec, expr = sys.argv[1], sys.argv[2]
try:
    value = eval(expr, {"__builtins__": {}}, {"nan": math.nan})
    print("n/a" if math.isnan(value) else format(value, spec))
except ZeroDivisionError:
    print("n/a")
' "$1" "$2"
}

# --------------------------------------------------------------------------
# Setup: tools, Python environment, Lanterne build
# --------------------------------------------------------------------------

# GNU time gives us wall time and peak RSS of a whole process.
ensure_gnu_time() {
	[[ -x $TIME_BIN ]] && return 0
	if [[ $(id -u) -ne 0 ]]; then
		log "$TIME_BIN is missing: install the Debian package 'time' (sudo apt-get install -y time) and rerun"
		exit 2
	fi
	log "installing the Debian package 'time'"
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have empty package lists: refresh them only if needed.
	if ! apt-get install -y -qq time >&2; then
		apt-get update -qq >&2
		apt-get install -y -qq time >&2
	fi
	[[ -x $TIME_BIN ]] || {
		log "$TIME_BIN is still missing after apt-get install time"
		exit 2
	}
}

ensure_venv() {
	command -v python3 >/dev/null || die "python3 is needed to create $VENV_DIR"
	if [[ ! -x $PY ]]; then
		log "creating virtual environment $VENV_DIR"
		python3 -m venv "$VENV_DIR"
	fi
	log "installing Python requirements into $VENV_DIR"
	"$PY" -m pip install --quiet --disable-pip-version-check \
		-r "$SCRIPT_DIR/requirements.txt" >&2
}

# build_lanterne: set BIN to $LANTERNE_BIN when given, else build lanterne in
# release mode and use that binary.
build_lanterne() {
	if [[ -n ${LANTERNE_BIN:-} ]]; then
		BIN=$LANTERNE_BIN
		log "using $BIN (LANTERNE_BIN set, no build)"
	else
		log "building lanterne (release)"
		swift build -c release --product lanterne >&2
		BIN="$(swift build -c release --show-bin-path)/lanterne"
	fi
	[[ -x $BIN ]] || die "no lanterne binary at $BIN"
}

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

# timed STDOUT_FILE STDERR_FILE CMD...
# Runs CMD under /usr/bin/time with stdout and stderr sent to the given files
# and prints "<wall seconds> <max RSS KB>", which time writes as the last line
# of stderr. Stops the script, showing the end of stderr, if CMD fails.
timed() {
	local out=$1 err=$2 last
	shift 2
	if ! "$TIME_BIN" -f "$TIME_FORMAT" "$@" >"$out" 2>"$err"; then
		tail -n 20 -- "$err" >&2
		die "command failed: $*"
	fi
	last=$(tail -n 1 -- "$err")
	[[ $last =~ ^[0-9]+(\.[0-9]+)?\ [0-9]+$ ]] ||
		die "unexpected /usr/bin/time line '$last' in $err"
	printf '%s\n' "$last"
}

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

cpu_model() {
	local model
	model=$(awk -F': *' '/^(model name|Hardware|Processor)[[:space:]]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
	echo "${model:-unknown}"
}

swift_version() {
	local version
	version=$(swift --version 2>&1 | awk 'NR == 1 { print }' || true)
	echo "${version:-unknown}"
}

python_version() {
	"$PY" -c 'import platform; print(platform.python_version())'
}

# machine_section: the start of the report's "## Machine" section, the lines
# both benchmarks print; each script adds its own library versions and date.
machine_section() {
	echo "## Machine"
	echo
	echo "- nproc: $(nproc)"
	echo "- CPU: $(cpu_model)"
	echo "- swift: $(swift_version)"
	echo "- python: $(python_version)"
}

# mb KB: kilobytes as megabytes (2^20 bytes), one decimal.
mb() { calc .1f "$1 / 1024"; }

# load_average: the 1, 5 and 15 minute load averages. The peers' OpenMP threads
# spin while they wait, so another busy process slows them far more than its
# share of the cores: a high figure here makes the timings suspect.
load_average() {
	local one five fifteen
	read -r one five fifteen _ </proc/loadavg 2>/dev/null || {
		echo unknown
		return 0
	}
	echo "$one $five $fifteen"
}

# json_fields FILE KEY...: print the values of the keys of the JSON object in
# FILE (the last line that holds one), space separated; "nan" for a key that is
# missing or null.
json_fields() {
	"$PY" - "$@" <<'PYEOF'
import json, sys
path, keys = sys.argv[1], sys.argv[2:]
document = None
with open(path, encoding="utf-8", errors="replace") as lines:
    for line in lines:
        line = line.strip()
        if line.startswith("{"):
            document, _ = json.JSONDecoder().raw_decode(line)
if document is None:
    sys.exit(f"no JSON object in {path}")
values = []
for key in keys:
    value = document.get(key)
    values.append("nan" if value is None else str(value).replace(" ", "_"))
print(" ".join(values))
PYEOF
}

package_version() {
	"$PY" -c 'import sys; from importlib import metadata; print(metadata.version(sys.argv[1]))' "$1"
}

# prepare_out_dirs: makes OUT_DIR absolute, then creates DATA_DIR=$OUT_DIR/$BENCH_NAME and
# LOG_DIR=$OUT_DIR/logs/$BENCH_NAME (removing the run logs of an earlier run).
prepare_out_dirs() {
	mkdir -p -- "$OUT_DIR"
	OUT_DIR="$(cd -- "$OUT_DIR" && pwd)"
	DATA_DIR="$OUT_DIR/$BENCH_NAME"
	LOG_DIR="$OUT_DIR/logs/$BENCH_NAME"
	mkdir -p -- "$DATA_DIR" "$LOG_DIR"
	rm -f -- "$LOG_DIR"/*.runs
}
