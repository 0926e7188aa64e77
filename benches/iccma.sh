#!/usr/bin/env bash
# Benchmark `argraph solve` against the peer ICCMA solvers scalop and pygarg
# (docs/semantics.md, "Benchmark against peer solvers").
#
#   benches/iccma.sh install    # peers into $PEERS (never into the repository)
#   benches/iccma.sh gen        # instances into $DATA
#   benches/iccma.sh run [ARGS] # the table (ARGS go to `iccma_bench run`, e.g. --problems SE-PR)
#   benches/iccma.sh grounded   # 1 000 000 arguments, 5 000 000 attacks
#
# Environment: PEERS (default /tmp/peers), DATA (default /tmp/iccma-bench), TIMEOUT (seconds,
# default 30), REPEAT (default 3), PYTHON (a Python 3.13 interpreter; default: pyenv's 3.13.0).
# scalop is GPL-licensed: it is only ever run as a separate program.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-/tmp/peers}
DATA=${DATA:-/tmp/iccma-bench}
TIMEOUT=${TIMEOUT:-30}
REPEAT=${REPEAT:-3}

install() {
    cargo install scalop --version 2.1.0 --features iccma --root "$PEERS"
    local python=${PYTHON:-$(pyenv root)/versions/3.13.0/bin/python3.13}
    "$python" -m venv "$PEERS/venv"
    # pygarg imports PySAT (the `python-sat` package) but does not declare it.
    "$PEERS/venv/bin/pip" install pygarg==1.0.2 python-sat==1.9.dev24
    printf '#!/bin/sh\nexec %s/bin/scalop_iccma23 "$@"\n' "$PEERS" >"$PEERS/scalop.sh"
    # pygarg's default input format ("dimacs") is the ICCMA 2023 format.
    printf '#!/bin/sh\nexec %s/venv/bin/python -m pygarg "$@"\n' "$PEERS" >"$PEERS/pygarg.sh"
    chmod +x "$PEERS/scalop.sh" "$PEERS/pygarg.sh"
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
