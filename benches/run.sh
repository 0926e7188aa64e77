#!/usr/bin/env bash
# Whole-process benchmarks of argraph (issue 9): wall time and peak resident memory of each
# subcommand on generated maps of 1 000 to 1 000 000 claims, and Argdown's CLI on argraph's own
# Argdown export. Prints a Markdown table, then the ratios the issue asks for.
#
#   benches/run.sh                      # every size, every command
#   SIZES="1000 10000" benches/run.sh   # a quick run
#   REPEAT=5 benches/run.sh             # best of 5 (default 3; 1 000 000 claims: see measure)
#   ARGDOWN=0 benches/run.sh            # skip Argdown's CLI
#   PRECISE_REPEAT=20                    # runs of argraph render for the Argdown ratio (best)
#   LINEARITY_ROUNDS=5                   # rounds of benches/linearity.sh (with 10k and 1M)
#
# Maps are generated once and cached in target/bench-maps/ (same seed, same bytes). A subcommand
# that this build of argraph does not have is skipped (its row says so). Each figure is the
# fastest of REPEAT runs (wall time) with that run's CPU time (user + system) and peak RSS, from
# `/usr/bin/time -v`. On a shared machine the CPU time is the steadier figure: wall time also
# counts the time the process waited for a core.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
SIZES="${SIZES:-1000 10000 100000 1000000}"
REPEAT="${REPEAT:-3}"
ARGDOWN="${ARGDOWN:-1}"
ARGDOWN_SIZES="${ARGDOWN_SIZES:-1000 10000}"
bin="$root/target/release/argraph"
maps="$root/target/bench-maps"
work="$root/target/bench-work"
mkdir -p "$maps" "$work"

if [[ ! -x "$bin" || "${BUILD:-1}" == 1 ]]; then
    cargo build --release --quiet
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "benches/run.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

has() { "$bin" "$1" --help >/dev/null 2>&1; }

# map_of N: the generated map of N claims.
source "$root/benches/maps.sh"

input_bytes() { find "$1" -type f \( -name '*.ron' -o -name '*.argdown' \) -printf '%s\n' | awk '{s+=$1} END {print s}'; }

# measure NAME CLAIMS INPUT_BYTES CMD...: best-of-REPEAT wall time and its peak RSS.
results=()
measure() {
    local name=$1 claims=$2 bytes=$3
    shift 3
    local runs=$REPEAT best="" best_rss="" best_cpu="" status=0
    # A million claims: best of two for `check`, one run else.
    if (( claims >= 1000000 )); then
        if [[ "$name" == check ]]; then runs=$(( runs > 2 ? 2 : runs )); else runs=1; fi
    fi
    for ((i = 0; i < runs; i++)); do
        local log="$work/time.log"
        set +e
        /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log"
        status=$?
        set -e
        # `check` exits 1 on maps with warnings only with --deny-warnings; any failure is shown.
        if (( status != 0 )); then
            best="failed (exit $status)"
            best_rss=""
            best_cpu=""
            break
        fi
        local wall rss cpu
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
        cpu=$(awk -F': ' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2} END {print u + s}' "$log")
        if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
            best=$wall
            best_rss=$rss
            best_cpu=$cpu
        fi
    done
    results+=("$name|$claims|$bytes|$best|$best_rss|$best_cpu")
    printf '  %-40s %9s claims  %8s s wall  %8s s cpu  %8s KB\n' "$name" "$claims" "$best" "${best_cpu:--}" "${best_rss:--}" >&2
}

skip() { results+=("$1|$2|$3|skipped: $4||"); printf '  %-28s %9s claims  skipped: %s\n' "$1" "$2" "$4" >&2; }

echo "argraph $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for claims in $SIZES; do
    dir=$(map_of "$claims")
    bytes=$(input_bytes "$dir")
    measure "check" "$claims" "$bytes" "$bin" check "$dir"
    measure "render --format dot" "$claims" "$bytes" "$bin" render "$dir" --format dot
    if has disputes; then
        measure "disputes --rollup" "$claims" "$bytes" "$bin" disputes "$dir" --rollup
    else
        skip "disputes --rollup" "$claims" "$bytes" "no \`disputes\` in this build"
    fi
    if has export; then
        measure "export --format json" "$claims" "$bytes" "$bin" export "$dir" --format json
    else
        skip "export --format json" "$claims" "$bytes" "no \`export\` in this build"
    fi
    if has eval; then
        measure "eval --semantics grounded" "$claims" "$bytes" "$bin" eval "$dir" --semantics grounded
    else
        skip "eval --semantics grounded" "$claims" "$bytes" "no \`eval\` in this build"
    fi
done

# best_wall N CMD...: the shortest wall time of N runs of CMD (output discarded), in seconds,
# from bash's microsecond clock ($EPOCHREALTIME, read without starting a process: timing with
# `date` would count a `date` process's start and end, 0.8 ms here, in every run);
# /usr/bin/time counts hundredths, too coarse for argraph at 10 000 claims.
best_wall() {
    local runs=$1 best="" t0 t1 took
    shift
    for ((i = 0; i < runs; i++)); do
        t0=${EPOCHREALTIME/[.,]/}
        "$@" >/dev/null 2>&1
        t1=${EPOCHREALTIME/[.,]/}
        took=$(( t1 - t0 ))
        if [[ -z "$best" ]] || (( took < best )); then best=$took; fi
    done
    awk -v d="$best" 'BEGIN {printf "%.4f", d / 1e6}'
}
PRECISE_REPEAT="${PRECISE_REPEAT:-20}"
precise=()

# Argdown's CLI against argraph on the same map, written as Argdown by argraph.
if [[ "$ARGDOWN" == 1 ]]; then
    argdown="$root/target/argdown-cli/node_modules/.bin/argdown"
    if [[ ! -x "$argdown" ]] && command -v npm >/dev/null; then
        npm install --silent --prefix "$root/target/argdown-cli" @argdown/cli@1.7.5 >/dev/null 2>&1 || true
    fi
    for claims in $ARGDOWN_SIZES; do
        dir=$(map_of "$claims")
        file="$work/c$claims.argdown"
        if ! has export || ! "$bin" export "$dir" --format argdown >"$file" 2>/dev/null; then
            skip "argdown map --format dot" "$claims" "" "no Argdown export in this build"
            continue
        fi
        bytes=$(input_bytes "$file")
        measure "argraph render --format dot (same map)" "$claims" "$(input_bytes "$dir")" "$bin" render "$dir" --format dot
        precise+=("argraph|$claims|$(best_wall "$PRECISE_REPEAT" "$bin" render "$dir" --format dot)")
        if [[ -x "$argdown" ]]; then
            measure "argdown map --format dot" "$claims" "$bytes" "$argdown" map "$file" --format dot --stdout --silent
            precise+=("argdown|$claims|$(best_wall "$REPEAT" "$argdown" map "$file" --format dot --stdout --silent)")
        else
            skip "argdown map --format dot" "$claims" "$bytes" "@argdown/cli not installed (npm)"
        fi
    done
fi

# The table.
echo
echo "| command | claims | input (MB) | wall (s) | CPU (s) | peak RSS (MB) | RSS / input | CPU µs per claim |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for row in "${results[@]}"; do
    IFS='|' read -r name claims bytes wall rss cpu <<<"$row"
    if [[ -z "$rss" ]]; then
        printf '| %s | %s | %s | %s | | | | |\n' "$name" "$claims" \
            "$(awk -v b="${bytes:-0}" 'BEGIN {printf "%.1f", b / 1e6}')" "$wall"
        continue
    fi
    awk -v n="$name" -v c="$claims" -v b="$bytes" -v w="$wall" -v r="$rss" -v u="$cpu" 'BEGIN {
        printf "| %s | %d | %.1f | %.2f | %.2f | %.0f | %.2f | %.1f |\n", n, c, b / 1e6, w, u, r / 1024, r * 1024 / b, u * 1e6 / c
    }'
done

# The ratios.
lookup() { # lookup NAME CLAIMS FIELD(2=bytes, 3=wall, 4=rss, 5=cpu)
    for row in "${results[@]}"; do
        IFS='|' read -r -a f <<<"$row"
        if [[ "${f[0]}" == "$1" && "${f[1]}" == "$2" ]]; then echo "${f[$3]}"; return; fi
    done
}
echo
echo "Ratios:"
# Linearity: /usr/bin/time's hundredths are too coarse at 10 000 claims, and the VM drifts, so
# benches/linearity.sh measures the two sizes in alternation.
if [[ " $SIZES " == *" 10000 "* && " $SIZES " == *" 1000000 "* ]]; then
    for command in "check" "render --format dot" "disputes --rollup" "export --format json" \
        "eval --semantics grounded"; do
        echo "- $command, time per claim at 1 000 000 / at 10 000 (benches/linearity.sh, ROUNDS=${LINEARITY_ROUNDS:-5}):"
        ARGRAPH="$bin" COMMAND="$command" ROUNDS="${LINEARITY_ROUNDS:-5}" \
            "$root/benches/linearity.sh" | sed 's/^/    /'
    done
fi
for claims in $SIZES; do
    rss=$(lookup check "$claims" 4)
    bytes=$(lookup check "$claims" 2)
    if [[ -n "$rss" && -n "$bytes" ]]; then
        awk -v r="$rss" -v b="$bytes" -v c="$claims" 'BEGIN {printf "- check at %d claims: peak RSS / input = %.2f (target <= 3)\n", c, r * 1024 / b}'
    fi
done
precise_of() { # precise_of argraph|argdown CLAIMS
    for row in "${precise[@]}"; do
        IFS='|' read -r -a f <<<"$row"
        if [[ "${f[0]}" == "$1" && "${f[1]}" == "$2" ]]; then echo "${f[2]}"; return; fi
    done
}
for claims in $ARGDOWN_SIZES; do
    a=$(precise_of argdown "$claims")
    g=$(precise_of argraph "$claims")
    if [[ "$a" =~ ^[0-9.]+$ && "$g" =~ ^[0-9.]+$ ]]; then
        awk -v a="$a" -v g="$g" -v c="$claims" -v n="$PRECISE_REPEAT" -v m="$REPEAT" 'BEGIN {printf "- render to DOT at %d claims (best wall time, microsecond clock; argraph of %d runs, Argdown of %d): Argdown %.3f s, argraph %.4f s: Argdown / argraph = %.0f (target >= 100)\n", c, n, m, a, g, a / g}'
    fi
done
echo "- load against a bare ron parse: see \`cargo bench --bench load\` (benches/README.md)"
