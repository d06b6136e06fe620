#!/usr/bin/python3
"""Times NumPy and numexpr in-process on the benchmark cases of the C++ binaries.

Usage:
    /usr/bin/python3 benchmarks/numpy_cases.py [--out results.json] [--repetitions 5]
        [--min-time 0.5] [--filter REGEX]

Writes Google Benchmark-style JSON (one entry per repetition, real_time in ns
per call, run_type "iteration") with names <case>/<dtype>/<side>/<arg> and
sides numpy (1 thread), numexpr (1 thread) and numexpr_t2 (numexpr's pool at 2
threads), so benchmarks/compare.py and benchmarks/report read it like the C++
results. OpenBLAS/OpenMP are limited to 1 thread before NumPy is imported (only
R3's np.linalg.norm calls BLAS), so the numpy side is single-threaded.

Each case is written the way a NumPy user would write it: the last operation
writes into a preallocated result with out= where NumPy has it (np.where and
the joins allocate, as they must). numexpr writes with out= except for the
reductions. numexpr has no argmax, concatenate or stack: those rows are n/a.
Before timing, every side's result is compared with the NumPy result.

Debian: python3-numpy python3-numexpr (use /usr/bin/python3).
"""

import argparse
import json
import os
import re
import sys
import time
import timeit

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

try:
    import numexpr as ne  # noqa: E402
except ImportError:  # the numexpr columns are then empty
    ne = None

K1M = 1 << 20
K16M = 1 << 24


def uniform(rng, n, lo=-1.0, hi=1.0, dtype=np.float64):
    return rng.uniform(lo, hi, n).astype(dtype)


def ev(expr, out=None, **names):
    return ne.evaluate(expr, local_dict=names, out=out)


def cases():
    """(name, arg, setup) with setup() -> {side: callable returning the result}."""
    rng = np.random.default_rng(12345)
    out = []

    def e1(n):
        a, b = uniform(rng, n), uniform(rng, n)
        r = np.empty(n)
        return {"numpy": lambda: np.add(a, 3.0 * b, out=r),
                "numexpr": lambda: ev("a + 3.0*b", out=r, a=a, b=b)}
    for n in (1000, 65536, K1M, 16 * K1M):
        out.append(("E1/f64", n, lambda n=n: e1(n)))

    def e2(dt):
        a, b, c = (uniform(rng, K1M, dtype=dt) for _ in range(3))
        d = uniform(rng, K1M, 0.5, 2.0, dtype=dt)
        r = np.empty(K1M, dt)
        # Integer constants: numexpr's float literals are float64 and would
        # upcast the float32 case (and then fail the 'safe' cast into out=).
        return {"numpy": lambda: np.subtract(2 * a + 3 * b * b, c / d, out=r),
                "numexpr": lambda: ev("2*a + 3*b*b - c/d", out=r, a=a, b=b, c=c, d=d)}
    out.append(("E2/f64", K1M, lambda: e2(np.float64)))
    out.append(("E2/f32", K1M, lambda: e2(np.float32)))

    def e3(dt):
        a, b = uniform(rng, K1M, -10, 10, dt), uniform(rng, K1M, -10, 10, dt)
        r = np.empty(K1M, dt)
        return {"numpy": lambda: np.add(np.sin(a) * np.sin(a), np.cos(b) * np.cos(b), out=r),
                "numexpr": lambda: ev("sin(a)*sin(a) + cos(b)*cos(b)", out=r, a=a, b=b)}
    out.append(("E3/f64", K1M, lambda: e3(np.float64)))
    out.append(("E3/f32", K1M, lambda: e3(np.float32)))

    def e4():
        a, c = uniform(rng, K1M, -3, 3), uniform(rng, K1M)
        r = np.empty(K1M)
        return {"numpy": lambda: np.multiply(np.exp(-0.5 * a * a), c, out=r),
                "numexpr": lambda: ev("exp(-0.5*a*a) * c", out=r, a=a, c=c)}
    out.append(("E4/f64", K1M, e4))

    def e5():
        a = uniform(rng, K1M, 0, 1)
        r = np.empty(K1M)

        def np_side():
            r[...] = np.where(a > 0.5, a, 0.1 * a)  # np.where has no out=
            return r
        return {"numpy": np_side,
                "numexpr": lambda: ev("where(a > 0.5, a, 0.1*a)", out=r, a=a)}
    out.append(("E5/f64", K1M, e5))

    def t1(n):
        a, b, c = (uniform(rng, n) for _ in range(3))
        r = np.empty(n)
        return {"numpy": lambda: np.add(a, b * c, out=r),
                "numexpr": lambda: ev("a + b*c", out=r, a=a, b=b, c=c)}
    for n in (8, 64):
        out.append(("T1/f64", n, lambda n=n: t1(n)))

    M = 2000

    def b1():
        A, b = uniform(rng, M * M).reshape(M, M), uniform(rng, M)
        R = np.empty((M, M))
        return {"numpy": lambda: np.subtract(A, b[None, :], out=R),
                "numexpr": lambda: ev("A - b", out=R, A=A, b=b[None, :])}
    out.append(("B1/f64", M, b1))

    def b2():
        x, y = uniform(rng, M), uniform(rng, M)
        R = np.empty((M, M))
        return {"numpy": lambda: np.multiply(x[:, None], y[None, :], out=R),
                "numexpr": lambda: ev("x * y", out=R, x=x[:, None], y=y[None, :])}
    out.append(("B2/f64", M, b2))

    def b3():
        A, c = uniform(rng, M * M).reshape(M, M), uniform(rng, M)
        R = np.empty((M, M))
        return {"numpy": lambda: np.add(A, c[:, None], out=R),
                "numexpr": lambda: ev("A + c", out=R, A=A, c=c[:, None])}
    out.append(("B3/f64", M, b3))

    def s1():
        A = uniform(rng, M * M).reshape(M, M)
        R = np.empty((M, M))
        return {"numpy": lambda: np.add(A.T, A, out=R),
                "numexpr": lambda: ev("At + A", out=R, At=A.T, A=A)}
    out.append(("S1/f64", M, s1))

    def s2():
        a, b = uniform(rng, 2 * K1M), uniform(rng, 2 * K1M)
        r = np.empty(K1M)
        return {"numpy": lambda: np.add(a[::2], b[::2], out=r),
                "numexpr": lambda: ev("a + b", out=r, a=a[::2], b=b[::2])}
    out.append(("S2/f64", K1M, s2))

    def j1(axis):
        A, B = uniform(rng, M * M).reshape(M, M), uniform(rng, M * M).reshape(M, M)
        return {"numpy": lambda: np.concatenate((A, B), axis=axis)}
    out.append(("J1.axis0/f64", M, lambda: j1(0)))
    out.append(("J1.axis1/f64", M, lambda: j1(1)))

    def j2():
        a, b, c = (uniform(rng, K1M) for _ in range(3))
        return {"numpy": lambda: np.stack((a, b, c), axis=1)}
    out.append(("J2/f64", K1M, j2))

    def r1():
        a = uniform(rng, K16M, 0, 1)
        return {"numpy": lambda: np.sum(a), "numexpr": lambda: ev("sum(a)", a=a)}
    out.append(("R1/f64", K16M, r1))

    M2 = 4000

    def r2(axis):
        A = uniform(rng, M2 * M2).reshape(M2, M2)
        r = np.empty(M2)
        return {"numpy": lambda: np.sum(A, axis=axis, out=r),
                "numexpr": lambda: ev("sum(A, axis=%d)" % axis, A=A)}
    out.append(("R2.axis0/f64", M2, lambda: r2(0)))
    out.append(("R2.axis1/f64", M2, lambda: r2(1)))

    def r3():
        a = uniform(rng, K16M, 0, 1)
        # numexpr: a reduction must be the last operation, so sqrt is NumPy's.
        return {"numpy": lambda: np.linalg.norm(a),
                "numexpr": lambda: np.sqrt(ev("sum(a*a)", a=a))}
    out.append(("R3/f64", K16M, r3))

    def r4():
        a = uniform(rng, K16M, 0, 1)
        return {"numpy": lambda: np.argmax(a)}
    out.append(("R4/f64", K16M, r4))

    def r5():
        A = uniform(rng, M * M).reshape(M, M)

        def np_side():
            return np.concatenate((np.mean(A, axis=1), np.std(A, axis=1)))

        def ne_side():
            mu = ev("sum(A, axis=1)", A=A) / M
            var = ev("sum((A - mu)**2, axis=1)", A=A, mu=mu[:, None]) / M
            return np.concatenate((mu, np.sqrt(var)))
        return {"numpy": np_side, "numexpr": ne_side}
    out.append(("R5/f64", M, r5))
    return out


def time_call(fn, min_time, repetitions):
    """Per-call seconds of each repetition; each repetition runs >= min_time."""
    timer = timeit.Timer(fn)
    number = 1
    while True:  # calibrate like timeit.autorange, against min_time
        t = timer.timeit(number)
        if t >= min_time or number >= 1 << 30:
            break
        number = max(number * 2, int(number * min_time / max(t, 1e-9) * 1.1))
    return [timer.timeit(number) / number for _ in range(repetitions)], number


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="JSON output file (default: stdout)")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.5,
                    help="seconds per repetition (default 0.5)")
    ap.add_argument("--filter", default="", help="regex on the benchmark names")
    args = ap.parse_args()
    flt = re.compile(args.filter)
    entries = []
    sides = [("numpy", 1), ("numexpr", 1), ("numexpr_t2", 2)]
    for name, arg, setup in cases():
        wanted = [(s, nt) for s, nt in sides if flt.search("%s/%s/%d" % (name, s, arg))]
        if not wanted:
            continue
        impls = setup()
        ref = np.asarray(impls["numpy"]()).copy()
        rtol = 1e-5 if "f32" in name else 1e-10
        for side, nt in wanted:
            impl = impls.get(side.replace("_t2", ""))
            if impl is None or (side.startswith("numexpr") and ne is None):
                continue
            if ne is not None:
                ne.set_num_threads(nt)
            got = np.asarray(impl())
            scale = max(float(np.sqrt(np.mean(np.square(ref.astype(np.float64))))), 1e-300)
            if got.shape != ref.shape or not np.allclose(got, ref, rtol=rtol, atol=rtol * scale):
                sys.exit("numpy_cases: %s/%s disagrees with numpy" % (name, side))
            per_call, number = time_call(impl, args.min_time, args.repetitions)
            full = "%s/%s/%d" % (name, side, arg)
            print("%-32s %12.3f us  (%d calls x %d)" % (full, 1e6 * min(per_call), number,
                                                        args.repetitions), file=sys.stderr)
            for i, t in enumerate(per_call):
                entries.append({"name": full, "run_name": full, "run_type": "iteration",
                                "repetitions": args.repetitions, "repetition_index": i,
                                "iterations": number, "real_time": t * 1e9, "cpu_time": t * 1e9,
                                "time_unit": "ns"})
        del impls
    data = {"context": {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "executable": "numpy_cases.py",
                        "numpy": np.__version__, "numexpr": ne.__version__ if ne else None,
                        "num_cpus": os.cpu_count()},
            "benchmarks": entries}
    text = json.dumps(data, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
