#!/usr/bin/env bash
# The linearity target of issue 9: time per claim of a command (`argraph check` unless COMMAND
# says otherwise) at 1 000 000 claims within 1.3x of that at 10 000. This VM's speed drifts by 10-30 % from one quarter of an hour to the
# next, so the two sizes are measured in alternation: each round is one run at 1 000 000
# claims and SMALL_RUNS runs at 10 000 right after it, and the ratio is taken per round. Prints
# each round, then the median of the rounds' ratios, for CPU time (user + system of the
# process, from bash's `time`, to the millisecond) and for wall time.
#
#   benches/linearity.sh                 # 7 rounds (about a minute)
#   ROUNDS=15 SMALL_RUNS=40 benches/linearity.sh
#   COMMAND="disputes --rollup" benches/linearity.sh   # another command (output thrown away)
#
# The maps are those of benches/run.sh (generated on first use into target/bench-maps/).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-7}"
SMALL_RUNS="${SMALL_RUNS:-20}"
bin="${ARGRAPH:-$root/target/release/argraph}" # ARGRAPH=path measures another build
maps="$root/target/bench-maps"

if [[ -z "${ARGRAPH:-}" && ( ! -x "$bin" || "${BUILD:-1}" == 1 ) ]]; then
    cargo build --release --quiet
fi

# map_of N: the generated map of N claims.
source "$root/benches/maps.sh"
small=$(map_of 10000)
big=$(map_of 1000000)

# run MAP: "wall cpu" of one `argraph COMMAND MAP`, in seconds.
read -r -a command <<<"${COMMAND:-check}"
TIMEFORMAT='%3R %3U %3S'
run() {
    local times
    times=$({ time "$bin" "${command[@]}" "$1" >/dev/null 2>&1; } 2>&1)
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$times"
}

"$bin" check "$small" >/dev/null # warm the page cache
"$bin" check "$big" >/dev/null
echo "argraph $(git rev-parse --short HEAD) ${command[*]}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round | 1M wall (s) | 1M CPU (s) | 10k wall (ms, mean of $SMALL_RUNS) | 10k CPU (ms) | wall ratio | CPU ratio"
ratios=()
for ((r = 1; r <= ROUNDS; r++)); do
    read -r big_wall big_cpu < <(run "$big")
    small_wall=0
    small_cpu=0
    for ((i = 0; i < SMALL_RUNS; i++)); do
        read -r wall cpu < <(run "$small")
        small_wall=$(awk -v a="$small_wall" -v b="$wall" 'BEGIN {print a + b}')
        small_cpu=$(awk -v a="$small_cpu" -v b="$cpu" 'BEGIN {print a + b}')
    done
    line=$(awk -v bw="$big_wall" -v bc="$big_cpu" -v sw="$small_wall" -v sc="$small_cpu" -v n="$SMALL_RUNS" -v r="$r" 'BEGIN {
        sw /= n; sc /= n
        wr = (bw / 1e6) / (sw / 1e4); cr = (bc / 1e6) / (sc / 1e4)
        printf "%d | %.3f | %.3f | %.2f | %.2f | %.3f | %.3f", r, bw, bc, sw * 1e3, sc * 1e3, wr, cr
    }')
    echo "$line"
    ratios+=("$(awk -F' [|] ' '{print $6, $7}' <<<"$line")")
done
printf '%s\n' "${ratios[@]}" | awk '
    {wall[NR] = $1; cpu[NR] = $2}
    function median(a, n,    i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        printf "median of %d rounds: time per claim at 1 000 000 / at 10 000 = %.2f (wall), %.2f (CPU); target <= 1.3\n", NR, median(wall, NR), median(cpu, NR)
    }'
