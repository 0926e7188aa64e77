#!/usr/bin/env bash
# The work behind the linearity target of issue 9, apart from the machine's caches: the
# instructions a command executes per claim at 1 000 000 claims against 10 000, counted by
# valgrind (callgrind, no cache simulation). Instruction counts do not drift with the VM's
# speed, so one run per size is enough. A ratio near 1 says the work per claim is flat, and that
# any growth of the time per claim is the time spent waiting for memory (a million-claim map
# fills about 1.3 GB; a 10 000-claim map fits in the caches).
#
#   benches/instructions.sh                       # the five commands of benches/run.sh (~10 minutes)
#   COMMANDS="check" benches/instructions.sh      # one command
#
# Needs valgrind (`apt-get install valgrind`). The maps are those of benches/run.sh.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${ARGRAPH:-$root/target/release/argraph}" # ARGRAPH=path measures another build
maps="$root/target/bench-maps"
if ! command -v valgrind >/dev/null; then
    echo "benches/instructions.sh needs valgrind (apt-get install valgrind)" >&2
    exit 2
fi
if [[ -z "${ARGRAPH:-}" && ( ! -x "$bin" || "${BUILD:-1}" == 1 ) ]]; then
    cargo build --release --quiet
fi

# map_of N: the generated map of N claims.
source "$root/benches/maps.sh"
small=$(map_of 10000)
big=$(map_of 1000000)

# instructions MAP COMMAND...: the instructions `argraph COMMAND MAP` executes.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
instructions() {
    local map=$1
    shift
    local words
    read -r -a words <<<"$*"
    valgrind --tool=callgrind --callgrind-out-file="$scratch/out" \
        "$bin" "${words[0]}" "$map" "${words[@]:1}" >/dev/null 2>"$scratch/err"
    awk '/I +refs:/ {gsub(",", "", $NF); print $NF}' "$scratch/err"
}

COMMANDS="${COMMANDS:-check;render --format dot;disputes --rollup;export --format json;eval --semantics grounded}"
echo "argraph $(git rev-parse --short HEAD), instructions per claim (callgrind)"
echo "command | 10k | 1M | 1M / 10k"
IFS=';' read -r -a commands <<<"$COMMANDS"
for command in "${commands[@]}"; do
    at_small=$(instructions "$small" "$command")
    at_big=$(instructions "$big" "$command")
    awk -v c="$command" -v s="$at_small" -v b="$at_big" \
        'BEGIN {printf "%s | %.0f | %.0f | %.3f\n", c, s / 1e4, b / 1e6, (b / 1e6) / (s / 1e4)}'
done
