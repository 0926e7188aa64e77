#!/usr/bin/env python3
"""Many draws of the hard Erdős–Rényi regime, for the questions answered by one SAT call.

`benches/iccma.sh run` has two instances per `er*` family and size, so its `er6` cells are
decided by how two draws happen to suit a solver. This script draws many frameworks at the
same sizes (seeded, so every run sees the same files) and times argraph and Scalop on each,
whole process, one run each, checking that the answers agree:

    benches/iccma.sh install                 # Scalop into /tmp/peers (once)
    cargo build --release --bin argraph
    python3 benches/er_seeds.py              # 24 frameworks x SE-ST, DS-ST, DC-ST, DC-CO: ~10 min
    python3 benches/er_seeds.py --problems SE-ST --seeds 3 --timeout 10

It prints, per problem, the total and the geometric mean of each solver's times (a timeout
counts as the timeout) and their ratio (Scalop / argraph: above 1, argraph is faster).
docs/semantics.md ("One hard SAT call: CaDiCaL") quotes its figures.
"""

import argparse
import math
import os
import random
import subprocess
import sys
import time


def generate(directory, sizes, per_arg, seeds):
    """Writes the frameworks (ICCMA 2023 format) and returns their paths."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for n in sizes:
        for k in per_arg:
            for seed in range(1, seeds + 1):
                path = os.path.join(directory, f"er{k}-{n}-s{seed}.af")
                paths.append(path)
                if os.path.exists(path):
                    continue
                rng = random.Random(f"{n}-{k}-{seed}")
                p = k / n
                lines = [f"p af {n}"]
                for a in range(1, n + 1):
                    for b in range(1, n + 1):
                        if a != b and rng.random() < p:
                            lines.append(f"{a} {b}")
                with open(path + ".tmp", "w") as f:
                    f.write("\n".join(lines) + "\n")
                os.replace(path + ".tmp", path)
    return paths


def run(command, problem, path, timeout):
    """One whole-process run: (seconds, first word of the answer or "TIMEOUT")."""
    args = command + ["-p", problem, "-f", path]
    if problem[:2] in ("DC", "DS"):
        args += ["-a", "1"]
    start = time.perf_counter()
    try:
        out = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        words = out.stdout.decode().split()
        answer = words[0] if words else f"FAILED({out.returncode})"
    except subprocess.TimeoutExpired:
        answer = "TIMEOUT"
    return time.perf_counter() - start, answer


def same(problem, a, b):
    """Whether two answers agree: for SE, both "NO" or both an extension."""
    if "TIMEOUT" in (a, b):
        return True
    if problem.startswith("SE"):
        return (a == "NO") == (b == "NO")
    return a == b


def geomean(xs):
    return math.exp(sum(math.log(max(x, 1e-3)) for x in xs) / len(xs))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--argraph", default="target/release/argraph")
    parser.add_argument("--scalop", default="/tmp/peers/bin/scalop_iccma23")
    parser.add_argument("--data", default="/tmp/er-seeds")
    parser.add_argument("--sizes", default="500,600")
    parser.add_argument("--per-arg", default="5,6")
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--problems", default="SE-ST,DS-ST,DC-ST,DC-CO")
    parser.add_argument("--timeout", type=float, default=20)
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    per_arg = [int(k) for k in opts.per_arg.split(",")]
    paths = generate(opts.data, sizes, per_arg, opts.seeds)
    solvers = {"argraph": [opts.argraph, "solve"], "scalop": [opts.scalop]}
    disagreements = 0
    print(f"{len(paths)} frameworks, timeout {opts.timeout:g} s")
    print("problem  argraph total/geomean   scalop total/geomean   ratio (geomean)")
    for problem in opts.problems.split(","):
        times = {name: [] for name in solvers}
        for path in paths:
            answers = {}
            for name, command in solvers.items():
                seconds, answers[name] = run(command, problem, path, opts.timeout)
                times[name].append(seconds)
            if not same(problem, answers["argraph"], answers["scalop"]):
                disagreements += 1
                print(f"  DISAGREE {problem} {path}: {answers}", file=sys.stderr)
        a, s = times["argraph"], times["scalop"]
        print(
            f"{problem:7s}  {sum(a):7.2f} s / {geomean(a):6.3f} s"
            f"     {sum(s):7.2f} s / {geomean(s):6.3f} s"
            f"    {geomean(s) / geomean(a):5.2f}",
            flush=True,
        )
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
