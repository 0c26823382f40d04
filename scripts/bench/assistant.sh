#!/usr/bin/env bash
# Assistant benchmark: `lanterne assistant bench` (index build and load, the
# latency of each reply) side by side with two Python BM25 libraries, bm25s and
# rank_bm25, on the same passages and questions.
#
#   scripts/bench/assistant.sh
#
# Settings (environment variables):
#   PASSAGES               passages of the generated base (make_knowledge_base.py)  (default 50000)
#   SEED                   seed of the generated base                                (default 1)
#   RUNS                   runs of each tool on each base, the best one is kept      (default 2)
#   REPEAT                 rounds over the questions in each run                     (default 3)
#   RANK_BM25_MAX_QUERIES  questions per round given to rank_bm25 on the generated
#                          base (an evenly spaced sample; 0: all). rank_bm25 scores
#                          every passage in Python, so all of them take long    (default 100)
#   OUT_DIR                where data, logs and the report go (default scripts/bench/out;
#                          a relative path is taken from the repository root)
#   LANTERNE_BIN           an already built lanterne binary; skips `swift build`     (default: build)
#
# Two bases, both asked the 413 questions of
# Sources/LanterneAssistant/Evaluation/dev.csv: (a) the shipped base
# (Sources/LanterneAssistant/Knowledge) and (b) a generated base of $PASSAGES
# passages (make_knowledge_base.py: the shipped words and sentence lengths, 5
# paragraphs an article). On each, the tools take turns RUNS times:
# `lanterne assistant bench QUESTIONS --kb DIR --repeat REPEAT` (one thread) and
# assistant_peer.py with bm25s, then with rank_bm25 (one thread each). The run
# with the lowest p99 latency is kept.
#
# The Markdown report is printed on stdout and written to $OUT_DIR/assistant-bench.md.
# Progress messages go to stderr. Only `pip install` (and, when /usr/bin/time is
# missing and we run as root, `apt-get install time`) uses the network.
set -euo pipefail
# Let `set -e` reach into $(...) as well, so a failing helper stops the script.
shopt -s inherit_errexit 2>/dev/null || true

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
BENCH_NAME=assistant
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$SCRIPT_DIR/common.sh"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/../.." && pwd)"
cd "$REPO_ROOT"

PASSAGES="${PASSAGES:-50000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-2}"
REPEAT="${REPEAT:-3}"
RANK_BM25_MAX_QUERIES="${RANK_BM25_MAX_QUERIES:-100}"
OUT_DIR="${OUT_DIR:-scripts/bench/out}"
LANTERNE_BIN="${LANTERNE_BIN:-}"

SHIPPED_KB="$REPO_ROOT/Sources/LanterneAssistant/Knowledge"
QUESTIONS="$REPO_ROOT/Sources/LanterneAssistant/Evaluation/dev.csv"
PEER="$SCRIPT_DIR/assistant_peer.py"
GENERATOR="$SCRIPT_DIR/make_knowledge_base.py"

# Issue 7's targets for Lanterne.
TARGET_SHIPPED_P99_MS=5
TARGET_LARGE_P99_MS=20
TARGET_LARGE_BUILD_S=5
TARGET_LARGE_PASSAGES=50000

# VENV_DIR, PY, TIME_BIN, TIME_FORMAT, BIN (the lanterne binary), log, die,
# calc, timed, json_fields, ... come from common.sh.
DATA_DIR=""   # the generated base, set by main
LOG_DIR=""    # per-run stdout/stderr captures and .runs files, set by main
LOAD_START="" # load averages before the first timed run, set by main

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------



# --------------------------------------------------------------------------
# Setup (the tools, the Python environment and the build are in common.sh)
# --------------------------------------------------------------------------

check_settings() {
	require_uint PASSAGES
	require_uint SEED
	require_uint RUNS
	require_uint REPEAT
	require_uint RANK_BM25_MAX_QUERIES
	((PASSAGES >= 3)) || die "PASSAGES must be at least 3 (the peers retrieve the top 3)"
	((RUNS > 0)) || die "RUNS must be at least 1"
	((REPEAT > 0)) || die "REPEAT must be at least 1"
	[[ -d $SHIPPED_KB ]] || die "no shipped base at $SHIPPED_KB"
	[[ -f $QUESTIONS ]] || die "no questions at $QUESTIONS"
}

# check_commands: the binary set by build_lanterne offers `assistant bench`;
# an older one answers with the general help.
check_commands() {
	local help
	help=$("$BIN" assistant bench --help 2>&1 || true)
	[[ $help == *"--repeat"* && $help == *"--kb"* ]] ||
		die "$BIN does not offer \`assistant bench --kb --repeat\` (is it an older build?)"
}

# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

# step LABEL CMD...: an untimed preparation step, stdout to $LOG_DIR/LABEL.stdout
# and stderr to $LOG_DIR/LABEL.stderr (run under common.sh's timed, so a failure
# shows the end of stderr). Prints nothing.
step() {
	local label=$1
	shift
	log "$label: $*"
	timed "$LOG_DIR/$label.stdout" "$LOG_DIR/$label.stderr" "$@" >/dev/null || exit
}

# The fields of a .runs line, the same for every tool (nan where a tool has none):
#   p99_ms p50_ms queries_per_second build_seconds load_seconds max_ms queries
#   questions passages articles answered index_bytes wall_s peak_rss_kb
# run_lanterne CASE KB RUN: one `lanterne assistant bench`, appended to $LOG_DIR/CASE-lanterne.runs.
run_lanterne() {
	local kb=$2 i=$3 label="$1-lanterne" timing fields
	timing=$(timed "$LOG_DIR/$label.$i.stdout" "$LOG_DIR/$label.$i.stderr" \
		env LANTERNE_THREADS=1 "$BIN" assistant bench "$QUESTIONS" --kb "$kb" --repeat "$REPEAT") || exit
	fields=$(json_fields "$LOG_DIR/$label.$i.stdout" p99_ms p50_ms queries_per_second build_seconds \
		load_seconds max_ms queries questions passages articles answered index_bytes)
	log "$label run $i/$RUNS: p99 ms, p50 ms, queries/s, build s, load s = $(cut -d' ' -f1-5 <<<"$fields"); wall s, peak RSS KB = $timing"
	printf '%s %s\n' "$fields" "$timing" >>"$LOG_DIR/$label.runs"
}

# run_peer CASE KB TOOL MAX_QUERIES RUN: one assistant_peer.py run of TOOL, appended to $LOG_DIR/CASE-TOOL.runs.
run_peer() {
	local kb=$2 tool=$3 max=$4 i=$5 label="$1-$3" timing fields
	timing=$(timed "$LOG_DIR/$label.$i.stdout" "$LOG_DIR/$label.$i.stderr" \
		"$PY" "$PEER" "$kb" "$QUESTIONS" --peers "$tool" --repeat "$REPEAT" --max-queries "$max") || exit
	fields=$(json_fields "$LOG_DIR/$label.$i.stdout" p99_ms p50_ms queries_per_second build_seconds \
		load_seconds max_ms queries questions passages articles answered index_bytes)
	log "$label run $i/$RUNS: p99 ms, p50 ms, queries/s, build s = $(cut -d' ' -f1-4 <<<"$fields"); wall s, peak RSS KB = $timing"
	printf '%s %s\n' "$fields" "$timing" >>"$LOG_DIR/$label.runs"
}

# run_case CASE KB RANK_BM25_MAX: RUNS rounds of the three tools, taking turns.
run_case() {
	local base_id=$1 kb=$2 max=$3 i
	for ((i = 1; i <= RUNS; i++)); do
		run_lanterne "$base_id" "$kb" "$i"
		run_peer "$base_id" "$kb" bm25s 0 "$i"
		run_peer "$base_id" "$kb" rank_bm25 "$max" "$i"
	done
}

# best LABEL: the .runs line with the lowest p99, ties broken by p50.
best() { sort -k1,1g -k2,2g -- "$LOG_DIR/$1.runs" | head -n 1; }

# lowest LABEL FIELD: the lowest value of a field (1-based) over the runs.
lowest() { sort -k"$2,$2"g -- "$LOG_DIR/$1.runs" | head -n 1 | cut -d' ' -f"$2"; }

# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# verdict VALUE OP TARGET: "met" or "missed".
verdict() {
	if [[ $(calc d "$1 $2 $3") == 1 ]]; then echo met; else echo "**missed**"; fi
}

# table_rows CASE BASE_LABEL: the rows of the main table for one base.
table_rows() {
	local base_id=$1 base=$2 tool label
	local p99 p50 qps build passages
	for tool in lanterne bm25s rank_bm25; do
		label="$base_id-$tool"
		read -r p99 p50 qps _ _ _ _ _ passages _ <<<"$(best "$label")"
		build=$(lowest "$label" 4)
		local name load_text="n/a"
		case $tool in
		lanterne)
			name="Lanterne \`assistant bench\`"
			load_text=$(calc .3f "$(lowest "$label" 5)")
			;;
		bm25s) name="bm25s $BM25S_VERSION" ;;
		rank_bm25) name="rank_bm25 $RANK_BM25_VERSION" ;;
		esac
		printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$base" "$name" "$passages" \
			"$(calc .3f "$build")" "$load_text" "$(calc .3f "$p50")" "$(calc .3f "$p99")" "$(calc .0f "$qps")"
	done
}

# process_rows CASE BASE_LABEL: whole-process figures of the best runs.
process_rows() {
	local base_id=$1 base=$2 tool
	local max queries questions wall rss
	for tool in lanterne bm25s rank_bm25; do
		read -r _ _ _ _ _ max queries questions _ _ _ _ wall rss <<<"$(best "$base_id-$tool")"
		local asked=$questions
		if [[ $tool == lanterne ]]; then asked=$(calc .0f "$queries / $REPEAT"); fi
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$base" "$tool" "$asked" "$queries" "$(calc .3f "$max")" \
			"$(calc .2f "$wall")" "$(mb "$rss")"
	done
}

write_report() {
	local shipped_articles synth_articles
	local l_shipped l_synth
	l_shipped=$(best shipped-lanterne)
	l_synth=$(best synth-lanterne)
	local s_p99 s_answered s_bytes g_p99 g_answered g_bytes
	read -r s_p99 _ _ _ _ _ _ _ _ shipped_articles s_answered s_bytes _ _ <<<"$l_shipped"
	read -r g_p99 _ _ _ _ _ _ _ _ synth_articles g_answered g_bytes _ _ <<<"$l_synth"
	local g_build s_queries
	g_build=$(lowest synth-lanterne 4)
	s_queries=$(cut -d' ' -f7 <<<"$l_shipped")
	local peer_paragraphs_shipped peer_paragraphs_synth
	peer_paragraphs_shipped=$(best shipped-bm25s | cut -d' ' -f9)
	peer_paragraphs_synth=$(best synth-bm25s | cut -d' ' -f9)
	local rank_questions
	rank_questions=$(best synth-rank_bm25 | cut -d' ' -f8)

	echo "# Tax assistant retrieval: \`lanterne assistant bench\` vs bm25s and rank_bm25"
	echo
	echo "The $QUESTION_COUNT questions of \`Sources/LanterneAssistant/Evaluation/dev.csv\`, asked one at a time on one" \
		"thread, $REPEAT round(s), on two bases: the shipped base ($shipped_articles articles) and a generated base of" \
		"$PASSAGES passages ($synth_articles articles of 5 paragraphs, \`make_knowledge_base.py --passages $PASSAGES" \
		"--seed $SEED\`). Each tool is run $RUNS times on each base, the tools taking turns; build s and load s are the" \
		"lowest of the runs, p50, p99 and queries/s come from the run with the lowest p99."
	echo
	echo "| base | tool | passages | build s | load s | p50 ms | p99 ms | queries/s |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	table_rows shipped "shipped"
	table_rows synth "generated, $PASSAGES"
	echo
	echo "**Lanterne's latency is not the peers' latency.** A Lanterne query is a whole reply: French analysis of the" \
		"question (case, accent and ligature folding, elisions, stop words, the domain lexicon, spelling correction" \
		"against the index's words, stemming), BM25 over the whole-article and paragraph entries plus the" \
		"character-trigram index, and the answer policy (score, margin, coverage) that decides between answering," \
		"suggesting and handing off; only the redaction of identifiers is left out. The peers only tokenize the" \
		"question and score the passages to return the top 3: bm25s with its regex tokenizer and French stop" \
		"words, rank_bm25 with a lower-case split. Likewise Lanterne's build analyses each text with the same" \
		"pipeline and builds two indexes, the peers' build tokenizes and indexes."
	echo
	echo "## Issue 7 targets (Lanterne)"
	echo
	echo "- p99 ≤ $TARGET_SHIPPED_P99_MS ms on the shipped base: $(calc .3f "$s_p99") ms, $(verdict "$s_p99" "<=" "$TARGET_SHIPPED_P99_MS")"
	local scale_note=""
	((PASSAGES == TARGET_LARGE_PASSAGES)) ||
		scale_note=" (measured on $PASSAGES passages, not the $TARGET_LARGE_PASSAGES the target is set for)"
	echo "- p99 ≤ $TARGET_LARGE_P99_MS ms on $TARGET_LARGE_PASSAGES passages: $(calc .3f "$g_p99") ms," \
		"$(verdict "$g_p99" "<=" "$TARGET_LARGE_P99_MS")$scale_note"
	echo "- index build of $TARGET_LARGE_PASSAGES passages under $TARGET_LARGE_BUILD_S s: $(calc .3f "$g_build") s," \
		"$(verdict "$g_build" "<" "$TARGET_LARGE_BUILD_S")$scale_note"
	echo
	echo "## Queries and whole processes (best runs)"
	echo
	echo "| base | tool | questions a round | queries timed | max ms | whole process s | peak RSS MB |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	process_rows shipped "shipped"
	process_rows synth "generated, $PASSAGES"
	echo
	echo "## How to read this"
	echo
	echo "- **Lanterne**: \`LANTERNE_THREADS=1 lanterne assistant bench dev.csv --kb DIR --repeat $REPEAT\`. build s ="
	echo "  analysing and indexing the base (\`Assistant(base:)\`), the Markdown already read; load s = reading the"
	echo "  saved index file back ($(calc .1f "$s_bytes / 1048576") MB for the shipped base, $(calc .1f "$g_bytes / 1048576")"
	echo "  MB for the generated one); each latency is one \`reply(to:)\` on the loaded index. Its passages count"
	echo "  one whole-article entry per article (title twice, questions, paragraphs) besides the paragraphs, which"
	echo "  the peers index alone ($peer_paragraphs_shipped and $peer_paragraphs_synth paragraphs). Lanterne answered"
	echo "  $s_answered of its $s_queries replies on the shipped base; on the generated base ($g_answered answered) the"
	echo "  questions have no real answer: it measures cost only."
	echo "- **Peers** (\`assistant_peer.py\`, one process per tool and run): one document per paragraph, the"
	echo "  article's title prepended, as Lanterne's paragraph entries; reading the files is not timed, build s is"
	echo "  tokenizing plus indexing, a query is tokenizing the question plus retrieving the top 3."
	echo "  - bm25s $BM25S_VERSION: \`bm25s.tokenize(texts, stopwords=\"fr\")\` (no stemmer), \`bm25s.BM25()\`"
	echo "    (method \"lucene\", k1 1.5, b 0.75, numpy backend), \`retrieve(tokens, k=3, n_threads=0)\`:"
	echo "    \`n_threads=0\` is bm25s's sequential path; \`n_threads=1\` would start a one-worker thread pool on"
	echo "    every call."
	echo "  - rank_bm25 $RANK_BM25_VERSION: \`BM25Okapi\` (k1 1.5, b 0.75) on lower-case tokens, every character"
	echo "    that is neither a word character nor a space turned into a space; \`get_scores\` then"
	echo "    \`numpy.argpartition\` for the top 3. \`get_scores\` scores every passage for each query term in a"
	echo "    Python loop, so on the generated base it is asked $rank_questions evenly spaced questions a round"
	echo "    (\`RANK_BM25_MAX_QUERIES\`), on the shipped base all of them."
	echo "  - One thread: \`OMP_NUM_THREADS\`, \`OPENBLAS_NUM_THREADS\`, \`MKL_NUM_THREADS\` and \`NUMBA_NUM_THREADS\`"
	echo "    are 1 in the peer processes."
	echo "- p50 and p99 are nearest-rank percentiles of the per-query latencies (the same rule on both sides);"
	echo "  queries/s = queries / time of the whole query loop. Whole process s and peak RSS come from"
	echo "  \`/usr/bin/time\` (for the peers: interpreter, imports and reading the articles included)."
	echo "- The generated base draws its words independently from the shipped base's vocabulary with their"
	echo "  frequencies ($(json_fields "$LOG_DIR/generate.stdout" vocabulary) distinct paragraph words), in sentences"
	echo "  of 8 to 20 words: the analysis costs what French text costs, but every word is spread over many more"
	echo "  passages than in a real base of that size, so posting lists are long (more work per query term)."
	echo
	machine_section
	echo "- bm25s: $BM25S_VERSION"
	echo "- rank_bm25: $RANK_BM25_VERSION"
	echo "- numpy: $(package_version numpy)"
	echo "- scipy: $(package_version scipy)"
	echo "- load average (1, 5, 15 min) before the first timed run: $LOAD_START; at the end: $(load_average)"
	echo "- date: $(date '+%Y-%m-%d %H:%M:%S %Z')"
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

main() {
	check_settings
	ensure_gnu_time
	ensure_venv
	build_lanterne
	check_commands

	prepare_out_dirs

	BM25S_VERSION=$(package_version bm25s)
	RANK_BM25_VERSION=$(package_version rank_bm25)
	QUESTION_COUNT=$("$PY" -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' \
		"$QUESTIONS")

	# 1. The generated base (not timed; the same seed gives the same bytes).
	local synth_kb="$DATA_DIR/kb_${PASSAGES}_seed${SEED}"
	step generate "$PY" "$GENERATOR" --passages "$PASSAGES" --seed "$SEED" --out "$synth_kb" \
		--source-kb "$SHIPPED_KB"
	log "generated base: $(cat -- "$LOG_DIR/generate.stdout")"

	# 2. Timed runs, the tools taking turns so that a noisy moment of the shared
	# machine does not fall on one of them only.
	LOAD_START=$(load_average)
	run_case shipped "$SHIPPED_KB" 0
	run_case synth "$synth_kb" "$RANK_BM25_MAX_QUERIES"

	# 3. Report.
	write_report | tee "$OUT_DIR/assistant-bench.md"
	log "report written to $OUT_DIR/assistant-bench.md"
}

main "$@"
