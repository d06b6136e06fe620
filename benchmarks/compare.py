#!/usr/bin/python3
"""Runs a numfuse benchmark binary and prints numfuse time / loop time per case.

Usage:
    /usr/bin/python3 benchmarks/compare.py BINARY [options] [-- extra benchmark args]
    e.g. compare.py build/release/benchmarks/bench_elementwise --cpu 1 -- --benchmark_filter=E1
    /usr/bin/python3 benchmarks/compare.py --json results.json   (re-print a saved run)
    /usr/bin/python3 benchmarks/compare.py --json r1.json r2.json r3.json
        (several saved runs: the ratio of each run and their median)

The binary is run with --benchmark_format=json --benchmark_repetitions=N
--benchmark_enable_random_interleaving=true. Benchmarks are named
<case>/<dtype>/<side>/<args> (SIDES below); numfuse is paired with loop and
numfuse_t2 (2 threads) with loop_omp (the OpenMP loop, 2 threads). For each
pair the table shows the median time of each side over the repetitions and
their ratio (below 1: numfuse is faster), plus the ratio of the fastest
repetitions and the spread (max/min - 1) of each side, as a noise indicator.
The default metric is real_time (wall clock): cpu_time counts the timing
thread only, which is meaningless for the threaded sides.

benchmarks/report imports collect() and SIDES from here.

Standard library only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

# Every side name used by the benchmark binaries and numpy_cases.py; *_t2 and
# loop_omp run on 2 threads.
SIDES = ("loop", "loop_omp", "numfuse", "numfuse_t2", "eigen", "eigen_tensor",
         "eigen_tensor_t2", "xtensor", "xtensor_t2", "numpy", "numexpr", "numexpr_t2")
# (numfuse side, its loop baseline) pairs printed by this script.
PAIRS = (("numfuse", "loop"), ("numfuse_t2", "loop_omp"))


def run_binary(binary, repetitions, cpu, extra):
    cmd = [
        binary,
        "--benchmark_format=json",
        "--benchmark_repetitions=%d" % repetitions,
        "--benchmark_enable_random_interleaving=true",
    ] + extra
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    print("running: " + " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit("benchmark binary failed with exit code %d" % proc.returncode)
    return json.loads(proc.stdout.decode())


def split_name(name):
    """'E1/f64/numfuse/1000' -> ('E1/f64/1000', 'numfuse'); None if no side."""
    parts = [p for p in name.split("/") if p not in ("real_time", "process_time")]
    for i, p in enumerate(parts):
        if p in SIDES:
            return "/".join(parts[:i] + parts[i + 1:]), p
    return None


def collect(data, metric):
    """{case: {side: [times in ns]}} from the per-repetition entries."""
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    out = {}
    order = []
    for b in data.get("benchmarks", []):
        if b.get("run_type", "iteration") != "iteration":
            continue  # aggregates: recomputed here
        if b.get("error_occurred"):
            continue
        key = split_name(b.get("run_name", b["name"]))
        if key is None:
            continue
        case, side = key
        if case not in out:
            out[case] = {s: [] for s in SIDES}
            order.append(case)
        out[case][side].append(float(b[metric]) * scale[b.get("time_unit", "ns")])
    return out, order


def fmt_time(ns):
    for unit, div in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= div:
            return "%.4g %s" % (ns / div, unit)
    return "%.3g ns" % ns


def sort_key(case):
    parts = case.split("/")
    tail = parts[-1]
    return (parts[:-1], int(tail) if tail.isdigit() else 0, tail)


def print_table(data, metric):
    runs, _ = collect(data, metric)
    ctx = data.get("context", {})
    print("%s, %s, %s; metric: %s, median over repetitions"
          % (ctx.get("executable", "?"), ctx.get("date", "?"),
             "%s CPUs at %s MHz" % (ctx.get("num_cpus", "?"), ctx.get("mhz_per_cpu", "?")),
             metric))
    header = ("case", "loop", "numfuse", "numfuse/loop", "min/min", "spread loop", "spread nf", "reps")
    rows = []
    spread = lambda xs: "%.0f%%" % (100.0 * (max(xs) / min(xs) - 1.0))
    for case in sorted(runs, key=sort_key):
        t = runs[case]
        for nf, lp in PAIRS:
            if not t[nf] and (not t[lp] or nf != "numfuse"):
                continue  # no 2-thread numfuse side (yet): nothing to pair
            label = case if nf == "numfuse" else case + " [2 threads]"
            if not t[lp] or not t[nf]:
                rows.append((label, "-", "-", "unpaired", "", "", "", ""))
                continue
            ml, mn = statistics.median(t[lp]), statistics.median(t[nf])
            rows.append((label, fmt_time(ml), fmt_time(mn), "%.3f" % (mn / ml),
                         "%.3f" % (min(t[nf]) / min(t[lp])),
                         spread(t[lp]), spread(t[nf]),
                         "%d/%d" % (len(t[lp]), len(t[nf]))))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                              for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def print_multi(runs, metric):
    """One row per case: numfuse/loop (medians) of each run, then the median over runs."""
    ratios = {}
    for i, data in enumerate(runs):
        per_case, _ = collect(data, metric)
        for case, t in per_case.items():
            for nf, lp in PAIRS:
                if t[lp] and t[nf]:
                    r = statistics.median(t[nf]) / statistics.median(t[lp])
                    key = case if nf == "numfuse" else case + " [2 threads]"
                    ratios.setdefault(key, [None] * len(runs))[i] = r
    print("numfuse/loop per run (median of repetitions, %s) and the median over runs" % metric)
    header = ["case"] + ["run%d" % (i + 1) for i in range(len(runs))] + ["median"]
    rows = []
    for case in sorted(ratios, key=sort_key):
        rs = ratios[case]
        ok = [r for r in rs if r is not None]
        rows.append([case] + ["%.3f" % r if r is not None else "-" for r in rs]
                    + ["%.3f" % statistics.median(ok)])
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths]] + rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Arguments after -- go to the benchmark binary, e.g. "
               "compare.py BINARY --cpu 1 -- --benchmark_filter=E1")
    ap.add_argument("binary", nargs="?", help="benchmark executable")
    ap.add_argument("--json", nargs="+",
                    help="read results from these files instead of running; with several, "
                         "print each run's ratio and the median over runs")
    ap.add_argument("--save", help="also write the raw JSON results here")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--cpu", type=int, default=None,
                    help="pin the run to this CPU with taskset (default: inherit affinity)")
    ap.add_argument("--metric", choices=("cpu_time", "real_time"), default="real_time",
                    help="real_time (default, wall clock); cpu_time counts the timing thread "
                         "only (wrong for threaded sides) but excludes preemption")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:  # everything after -- goes to the binary
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    args = ap.parse_args(argv)
    if args.json and len(args.json) > 1:
        runs = []
        for path in args.json:
            with open(path) as f:
                runs.append(json.load(f))
        print_multi(runs, args.metric)
        return
    if args.json:
        with open(args.json[0]) as f:
            data = json.load(f)
    elif args.binary:
        if not os.access(args.binary, os.X_OK):
            sys.exit("not an executable: %s" % args.binary)
        data = run_binary(args.binary, args.repetitions, args.cpu, extra)
        if args.save:
            with open(args.save, "w") as f:
                json.dump(data, f, indent=1)
    else:
        ap.error("give a benchmark binary or --json FILE")
    print_table(data, args.metric)


if __name__ == "__main__":
    main()
