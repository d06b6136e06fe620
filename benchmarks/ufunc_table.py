#!/usr/bin/env python3
"""The performance table of docs/ufuncs.md from bench_ufunc: for every float
ufunc and dtype, the median time of the libm loop and of numfuse (one
thread), the speed-up and whether it meets issue 3's target (transcendental
functions at least 4x faster than libm in float64, 8x in float32).

    /usr/bin/python3 benchmarks/ufunc_table.py build/release/benchmarks/bench_ufunc
    /usr/bin/python3 benchmarks/ufunc_table.py --json results.json

Runs the binary with --benchmark_repetitions (default 3) and random
interleaving, or reads a JSON file it wrote (--benchmark_format=json).
"""

import argparse
import json
import statistics
import subprocess
import sys

# Not transcendental: no speed-up target (memory-bound or exact operations).
NO_TARGET = {"sqrt", "fabs"}


def fmt(ns):
    if ns >= 1e6:
        return "%.4g ms" % (ns / 1e6)
    return "%.4g us" % (ns / 1e3)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary", nargs="?")
    ap.add_argument("--json")
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--min-time", default="0.05")
    args = ap.parse_args()
    if args.json:
        with open(args.json) as f:
            data = json.load(f)
    elif args.binary:
        cmd = [args.binary, "--benchmark_format=json",
               "--benchmark_repetitions=%d" % args.repetitions,
               "--benchmark_enable_random_interleaving=true",
               "--benchmark_min_time=%s" % args.min_time]
        print("running: " + " ".join(cmd), file=sys.stderr, flush=True)
        data = json.loads(subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout)
    else:
        ap.error("give a benchmark binary or --json FILE")
    times = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        name, dtype, side = b["name"].split("/")[:3]
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
        times.setdefault((name, dtype), {}).setdefault(side, []).append(b["real_time"] * scale)
    print("| ufunc | dtype | libm loop | numfuse (1 thread) | speed-up | target |")
    print("|---|---|---|---|---|---|")
    for (name, dtype), sides in sorted(times.items()):
        if "loop" not in sides or "numfuse" not in sides:
            continue
        lt = statistics.median(sides["loop"])
        nt = statistics.median(sides["numfuse"])
        sp = lt / nt
        if name in NO_TARGET:
            verdict = "—"
        else:
            want = 8 if dtype == "float32" else 4
            verdict = ("met (%dx)" if sp >= want else "**missed** (%dx)") % want
        print("| %s | %s | %s | %s | %.1fx | %s |" % (name, dtype, fmt(lt), fmt(nt), sp, verdict))


if __name__ == "__main__":
    main()
