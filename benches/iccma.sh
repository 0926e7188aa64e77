#!/usr/bin/env bash
# Benchmark `argraph solve` against the peer ICCMA solvers scalop and (if installed) pygarg
# (docs/semantics.md, "Benchmark against peer solvers"; examples/iccma_bench/).
#
#   benches/iccma.sh install    # peers into $PEERS (never into the repository)
#   benches/iccma.sh gen        # the 43 instances into $DATA (under a second)
#   benches/iccma.sh run [ARGS] # the tables (ARGS go to `iccma_bench run`)
#   benches/iccma.sh grounded   # 1 000 000 arguments, 5 000 000 attacks
#
# `run` solves the 19 default problems (SE-GR and SE/DC/DS of CO, PR, ST, SST, STG, ID) on every
# instance, checks every answer, and prints a row per instance and problem, a table per problem
# and family, and the overall geometric mean and worst ratio; it exits 1 on a wrong answer, a
# disagreement or a solver's failure. How long, on the 2-core machine (load 1-3) with TIMEOUT=10
# REPEAT=3: the full run took 26.5 min at cac9987 (817 instance-problem
# pairs; most of the time is both solvers timing out on er4-er6 at 700 and 1 000 arguments and on
# ws-100000);
# `--quick` (23 instances) took about 12 min before those solver changes.
#   benches/iccma.sh run                       # everything (43 instances x 19 problems): ~30 min
#   benches/iccma.sh run --quick               # 23 instances (<= 1 000 args, er* <= 500): ~12 min
#   benches/iccma.sh run --families er5,ws --problems SE-ST,SE-ID    # any subset
#   benches/iccma.sh run --markdown /tmp/iccma-summary.md            # the summary as Markdown too
# Other options: --max-args N, --check-timeout S (the checker's budget per search; default the
# timeout).
#
# Environment: PEERS (default /tmp/peers), DATA (default /tmp/iccma-bench), TIMEOUT (seconds,
# default 10), REPEAT (runs per solver, the median is kept; default 3), PYTHON (a Python 3.13
# interpreter for pygarg; default: pyenv's 3.13.0).
# scalop is GPL-licensed: it is only ever run as a separate program.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-/tmp/peers}
DATA=${DATA:-/tmp/iccma-bench}
TIMEOUT=${TIMEOUT:-10}
REPEAT=${REPEAT:-3}

install() {
    if [ -x "$PEERS/bin/scalop_iccma23" ]; then
        echo "scalop: already in $PEERS/bin"
    else
        cargo install scalop --version 2.1.0 --features iccma --root "$PEERS"
    fi
    printf '#!/bin/sh\nexec %s/bin/scalop_iccma23 "$@"\n' "$PEERS" >"$PEERS/scalop.sh"
    chmod +x "$PEERS/scalop.sh"
    # pygarg is optional: `run` leaves out a peer whose wrapper is missing.
    if [ -x "$PEERS/venv/bin/python" ]; then
        echo "pygarg: already in $PEERS/venv"
    else
        local python=${PYTHON:-$(pyenv root 2>/dev/null)/versions/3.13.0/bin/python3.13}
        if [ ! -x "$python" ]; then
            echo "pygarg: no Python 3.13 at $python (set PYTHON); skipped" >&2
            return 0
        fi
        "$python" -m venv "$PEERS/venv"
        # pygarg imports PySAT (the `python-sat` package) but does not declare it.
        "$PEERS/venv/bin/pip" install pygarg==1.0.2 python-sat==1.9.dev24
    fi
    # pygarg's default input format ("dimacs") is the ICCMA 2023 format.
    printf '#!/bin/sh\nexec %s/venv/bin/python -m pygarg "$@"\n' "$PEERS" >"$PEERS/pygarg.sh"
    chmod +x "$PEERS/pygarg.sh"
}

build() {
    cargo build --release --bin argraph --example iccma_bench
}

case "${1:-}" in
install) install ;;
gen) build && target/release/examples/iccma_bench gen "$DATA" ;;
run)
    shift
    build
    target/release/examples/iccma_bench run "$DATA" target/release/argraph \
        scalop="$PEERS/scalop.sh" pygarg="$PEERS/pygarg.sh" \
        --timeout "$TIMEOUT" --repeat "$REPEAT" "$@"
    ;;
grounded)
    build
    mkdir -p "$DATA"
    target/release/examples/iccma_bench grounded 1000000 5000000 \
        --argraph target/release/argraph --write "$DATA/forward-1000000.af"
    ;;
*)
    echo "usage: benches/iccma.sh install|gen|run [ARGS]|grounded" >&2
    exit 2
    ;;
esac
