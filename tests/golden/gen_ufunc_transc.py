#!/usr/bin/python3
"""Golden data for numfuse's transcendental and float-decomposition ufuncs
(issue 3, part 2; tests/test_ufunc_transc_*.cpp).

    /usr/bin/python3 tests/golden/gen_ufunc_transc.py

writes tests/data/ufunc_transc.txt in the format of tests/golden/generate.py
(whose helpers it imports). Fixed seeds: running it again leaves the file
unchanged.

Dtypes: numfuse has no float16. Where NumPy's loop for bool, int8, uint8 is
float16 (and int16, uint16 float32), numfuse computes in float32, so the
expected value is NumPy's float32 result on the input converted to float32
(`f32in`). int32 and wider integers take NumPy's float64 loop as they are.

NumPy's sinc is sin(pi*x)/(pi*x) with pi*x rounded; numfuse computes
sin(pi*x) from the exact fraction of x, which is accurate for every x. They
agree within a few ULP for |x| <= 0.75 (the `c` buffers; near |x| = 1,
where sin(pi*x) is small, NumPy's rounding of pi*x costs it tens of ULP);
integer inputs are compared with an absolute tolerance in the test.

logaddexp and logaddexp2 of float32: numfuse computes them in float64 and
rounds once; NumPy 1.24's float32 loop loses up to ~20 ULP where the two
summands nearly cancel, so the expected value is NumPy's float64 result
rounded to float32 (`via64`).
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as G  # noqa: E402

L = 320
BIN = [("c", "c", [0, 1, 7, 8, 9, 17, 100]), ("s", "n", [17]), ("0", "s", [9]),
       ("col", "row", [7])]
UN = [("c", [0, 1, 9, 17, 100]), ("m", [17]), ("0", [1])]

NAN, INF = float("nan"), float("inf")
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
SHORT = {"int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8",
         "uint16": "u16", "uint32": "u32", "uint64": "u64", "float32": "f32",
         "float64": "f64", "bool": "b"}
SMALL = {"b", "i8", "u8", "i16", "u16"}  # NumPy float16/float32 loops -> float32


def sprinkle(rng, a, specials):
    specials = np.array(specials, dtype=a.dtype)
    idx = rng.permutation(len(a))[: 4 * len(specials)]
    a[idx] = np.resize(specials, len(idx))
    return a


def make_buffers():
    rng = np.random.default_rng(20261122)
    b = {}
    for dt in INTS:
        info = np.iinfo(dt)
        s = SHORT[dt]
        lo = max(info.min, -1000)
        a = rng.integers(lo, min(info.max, 1000), L, endpoint=True).astype(dt)
        a[::3] = rng.integers(max(info.min, -3), 4, len(a[::3])).astype(dt)
        spec = [0, 1, 2, info.max] + ([-1, -2, info.min] if info.min < 0 else [])
        b[s + ".a"] = sprinkle(rng, a, spec)
        # exponents for ldexp: small, 0, negative, beyond the float range
        e = rng.integers(max(info.min, -40), min(info.max, 40), L, endpoint=True).astype(dt)
        ex = [0, 1, 127, 200] + ([-1, -126, -150, -1100] if info.min < 0 else [])
        ex = [v for v in ex if info.min <= v <= info.max]
        b[s + ".e"] = sprinkle(rng, e, ex + ([1100, 5000] if info.max >= 5000 else []))
    b["b.a"] = rng.random(L) < 0.5
    for dt, s in (("float32", "f32"), ("float64", "f64")):
        big = 3e38 if dt == "float32" else 1e308
        tiny = 1e-45 if dt == "float32" else 5e-324
        spec = [NAN, INF, -INF, 0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, big, -big, tiny, -tiny,
                1e-30, -1e-30, 30.0, -30.0, 100.0, -100.0, 750.0, -750.0]
        a = rng.uniform(-10, 10, L).astype(dt)
        a[::5] = rng.uniform(-1, 1, len(a[::5])).astype(dt)
        b[s + ".a"] = sprinkle(rng, a, spec)
        # [-1.2, 1.2]: arcsin, arccos, arctanh
        u = rng.uniform(-1.2, 1.2, L).astype(dt)
        b[s + ".u"] = sprinkle(rng, u, [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, tiny,
                                        1e-30])
        # positive: logs, arccosh
        p = np.exp(rng.uniform(-20, 20, L)).astype(dt)
        p[::4] = rng.uniform(0, 3, len(p[::4])).astype(dt)
        b[s + ".p"] = sprinkle(rng, p, [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, tiny,
                                        big, 1e-30, -0.99, 2.0])
        # second operand of the binary functions
        y = rng.uniform(-8, 8, L).astype(dt)
        b[s + ".y"] = sprinkle(rng, y, [NAN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 3.0, big, tiny])
        # sinc on [-0.75, 0.75] (see the docstring)
        c = rng.uniform(-0.75, 0.75, L).astype(dt)
        b[s + ".c"] = sprinkle(rng, c, [NAN, INF, -INF, 0.0, -0.0, 0.5, -0.5, 0.25, tiny, 1e-30])
    return b


class UW(G.ExprWriter):
    def binary(self, name, bx, by, f):
        self.case(name, [bx, by], f, BIN)

    def unary(self, name, bx, f):
        self.case(name, [bx], f, UN)


def via64(f):
    """NumPy's float64 result rounded to the input's float dtype."""
    def g(*xs):
        dt = np.result_type(*xs)
        return f(*[np.asarray(x).astype(np.float64) for x in xs]).astype(dt)
    return g


def f32in(f):
    """NumPy's result for a small-integer input computed in float32 (numfuse
    has no float16)."""
    return lambda *xs: f(*[np.asarray(x).astype(np.float32) for x in xs])


UNARY = [
    ("exp2", np.exp2, "a"), ("expm1", np.expm1, "a"), ("log2", np.log2, "p"),
    ("log10", np.log10, "p"), ("log1p", np.log1p, "p"), ("cbrt", np.cbrt, "a"),
    ("tan", np.tan, "a"), ("arcsin", np.arcsin, "u"), ("arccos", np.arccos, "u"),
    ("arctan", np.arctan, "a"), ("sinh", np.sinh, "a"), ("cosh", np.cosh, "a"),
    ("tanh", np.tanh, "a"), ("arcsinh", np.arcsinh, "a"), ("arccosh", np.arccosh, "p"),
    ("arctanh", np.arctanh, "u"), ("fabs", np.fabs, "a"),
    ("modf0", lambda x: np.modf(x)[0], "a"), ("modf1", lambda x: np.modf(x)[1], "a"),
    ("frexp0", lambda x: np.frexp(x)[0], "a"), ("frexp1", lambda x: np.frexp(x)[1], "a"),
]
BINARY = [
    ("logaddexp", np.logaddexp), ("logaddexp2", np.logaddexp2), ("arctan2", np.arctan2),
    ("hypot", np.hypot), ("float_power", np.float_power),
]


def gen(uw):
    for s in ("f32", "f64"):
        for name, f, buf in UNARY:
            uw.unary(name + "_" + s, s + "." + buf, f)
        uw.unary("sinc_" + s, s + ".c", np.sinc)
        for name, f in BINARY:
            if s == "f32" and name.startswith("logaddexp"):
                f = via64(f)
            uw.binary(name + "_" + s, s + ".a", s + ".y", f)
        for e in ("i32", "i64", "i8", "u16"):
            uw.binary("ldexp_" + s + "_" + e, s + ".a", e + ".e", np.ldexp)
        uw.unary("ldexp_" + s + "_s3", s + ".a", lambda x: np.ldexp(x, 3))
        uw.unary("ldexp_" + s + "_sm1074", s + ".a", lambda x: np.ldexp(x, -1074))
    # integer and bool inputs: every unary function on every dtype
    for s in ["b"] + [SHORT[d] for d in INTS]:
        for name, f, _ in UNARY:
            uw.unary(name + "_" + s, s + ".a", f32in(f) if s in SMALL else f)
        uw.unary("sinc_" + s, s + ".a", np.sinc)  # float64 for every integer
    # binary with integer operands
    for name, f in BINARY:
        uw.binary(name + "_i32", "i32.a", "i32.e", f)
        uw.binary(name + "_i8", "i8.a", "i8.e", f if name == "float_power" else f32in(f))
        uw.binary(name + "_b", "b.a", "b.a", f if name == "float_power" else f32in(f))
    uw.binary("float_power_f32i64", "f32.a", "i64.e", np.float_power)
    uw.binary("hypot_f32f64", "f32.a", "f64.y", np.hypot)
    uw.binary("ldexp_i32_i32", "i32.a", "i32.e", np.ldexp)
    uw.binary("ldexp_i8_i32", "i8.a", "i32.e", lambda x, e: np.ldexp(x.astype(np.float32), e))
    uw.binary("ldexp_b_i16", "b.a", "i16.e", lambda x, e: np.ldexp(x.astype(np.float32), e))


def main():
    b = make_buffers()
    w = G.Writer("ufunc_transc.txt", "Transcendental and float-decomposition ufuncs (issue 3).")
    w.lines[0] = "# Generated by tests/golden/gen_ufunc_transc.py with NumPy %s; do not edit." % \
        np.__version__
    uw = UW(w, b)
    gen(uw)
    uw.finish()


if __name__ == "__main__":
    main()
