#!/usr/bin/env bash
# The linearity target of issue 9: time per claim of a command (`argraph check` unless COMMAND
# says otherwise) at 1 000 000 claims within 1.3x of that at 10 000. This VM's speed drifts by 10-30 % from one quarter of an hour to the
# next, so the two sizes are measured in alternation: each round is one run at 1 000 000
# claims and SMALL_RUNS runs at 10 000 right after it, and the ratio is taken per round. Prints
# each round, then the median of the rounds' ratios, for wall time and for CPU time (user +
# system of the process, from bash's `time`, to the millisecond), and for user and system time
# apart (system time is mostly the kernel handing out fresh pages).
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

# run MAP: "wall user system" of one `argraph COMMAND MAP`, in seconds.
read -r -a command <<<"${COMMAND:-check}"
TIMEFORMAT='%3R %3U %3S'
run() {
    { time "$bin" "${command[@]}" "$1" >/dev/null 2>&1; } 2>&1
}

"$bin" check "$small" >/dev/null # warm the page cache
"$bin" check "$big" >/dev/null
echo "argraph $(git rev-parse --short HEAD) ${command[*]}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "round | 1M wall (s) | 1M CPU (s) | 10k wall (ms, mean of $SMALL_RUNS) | 10k CPU (ms) | wall ratio | CPU ratio | user ratio | system ratio"
ratios=()
for ((r = 1; r <= ROUNDS; r++)); do
    read -r big_wall big_user big_system < <(run "$big")
    small_wall=0
    small_user=0
    small_system=0
    for ((i = 0; i < SMALL_RUNS; i++)); do
        read -r wall user system < <(run "$small")
        read -r small_wall small_user small_system < <(awk -v a="$small_wall $small_user $small_system" -v b="$wall $user $system" \
            'BEGIN {split(a, x); split(b, y); print x[1] + y[1], x[2] + y[2], x[3] + y[3]}')
    done
    line=$(awk -v bw="$big_wall" -v bu="$big_user" -v bs="$big_system" \
        -v sw="$small_wall" -v su="$small_user" -v ss="$small_system" -v n="$SMALL_RUNS" -v r="$r" 'BEGIN {
        sw /= n; su /= n; ss /= n
        # time per claim at 1M over time per claim at 10k
        k = 1e4 / 1e6
        printf "%d | %.3f | %.3f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f", r, bw, bu + bs, sw * 1e3, (su + ss) * 1e3,
            bw / sw * k, (bu + bs) / (su + ss) * k, bu / su * k, bs / ss * k
    }')
    echo "$line"
    ratios+=("$(awk -F' [|] ' '{print $6, $7, $8, $9}' <<<"$line")")
done
printf '%s\n' "${ratios[@]}" | awk '
    {wall[NR] = $1; cpu[NR] = $2; user[NR] = $3; kernel[NR] = $4}
    function median(a, n,    i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        printf "median of %d rounds: time per claim at 1 000 000 / at 10 000 = %.2f (wall), %.2f (CPU: %.2f user, %.2f system); target <= 1.3\n", NR, median(wall, NR), median(cpu, NR), median(user, NR), median(kernel, NR)
    }'
