#!/usr/bin/python3
"""Golden data for numfuse's ufuncs of issue 3 (tests/test_ufunc_*.cpp).

    /usr/bin/python3 tests/golden/gen_ufunc.py

writes tests/data/ufunc.txt in the format of tests/golden/generate.py (whose
helpers it imports: Writer, ExprWriter, layouts, weak scalars, np2). Fixed
seeds: running it again leaves the file unchanged.

NumPy 2 semantics computed with NumPy 1.24 (numfuse follows NumPy 2):
* floor/ceil/trunc/fix of integer (and bool) arrays keep the dtype
  (NumPy >= 2.1); 1.24 returns floats, so the expected value is the input.
* isclose uses NumPy 2's formula
  (|x-y| <= atol + rtol*|y| & isfinite(y)) | (x == y), y as result_type(y, 1.),
  with NEP 50 weak scalars (rtol/atol take y's float dtype).
* Weak C++ scalars are one-element arrays of the NEP 50 dtype (`weak`).
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate as G  # noqa: E402

L = 320  # >= 3 * 100 + 4: every layout below fits
BIN = [("c", "c", [0, 1, 7, 8, 9, 17, 100]), ("s", "n", [17]), ("0", "s", [9]),
       ("col", "row", [7])]
UN = [("c", [0, 1, 9, 17, 100]), ("m", [17]), ("0", [1])]

NAN, INF = float("nan"), float("inf")
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
SHORT = {"int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8",
         "uint16": "u16", "uint32": "u32", "uint64": "u64", "float32": "f32",
         "float64": "f64", "bool": "b"}


def sprinkle(rng, a, specials):
    """Puts every special value at several random places of a."""
    specials = np.array(specials, dtype=a.dtype)
    idx = rng.permutation(len(a))[: 4 * len(specials)]
    a[idx] = np.resize(specials, len(idx))
    return a


def make_buffers():
    rng = np.random.default_rng(20261121)
    b = {}
    for dt in INTS:
        info = np.iinfo(dt)
        s = SHORT[dt]
        lo = -50 if info.min < 0 else 0
        a = rng.integers(max(info.min, -10**6), min(info.max, 10**6), L, endpoint=True).astype(dt)
        a[::3] = rng.integers(lo, 50, len(a[::3])).astype(dt)
        spec = [0, 1, info.max, info.max - 1, 2, 7] + ([-1, info.min, info.min + 1, -2, -7]
                                                      if info.min < 0 else [])
        b[s + ".a"] = sprinkle(rng, a, spec)
        # divisors: small, zero, -1, extremes
        d = rng.integers(lo // 10 if lo else 0, 6, L).astype(dt)
        b[s + ".d"] = sprinkle(rng, d, [0, 1, info.max] + ([-1, info.min] if info.min < 0 else []))
        # shift counts: 0 .. width+3, negative, huge
        w = 8 * np.dtype(dt).itemsize
        c = rng.integers(0, w + 4, L).astype(dt)
        b[s + ".s"] = sprinkle(rng, c, [0, w - 1, w, w + 1, info.max] +
                               ([-1, info.min] if info.min < 0 else []))
        # power: small bases, exponents 0..70 (wrap), 0 and 1
        p = rng.integers(lo // 10 if lo else 0, 6, L).astype(dt)
        b[s + ".p"] = sprinkle(rng, p, [0, 1, info.max] + ([-1, info.min] if info.min < 0 else []))
        b[s + ".e"] = sprinkle(rng, rng.integers(0, min(70, info.max), L).astype(dt), [0, 1])
    for dt, s in (("float32", "f32"), ("float64", "f64")):
        f = np.round(rng.uniform(-10, 10, L), 2).astype(dt)
        f[::4] = (rng.integers(-12, 13, len(f[::4])) * 0.5).astype(dt)  # ties
        big = 3e38 if dt == "float32" else 1e308
        tiny = 1e-45 if dt == "float32" else 5e-324
        spec = [NAN, INF, -INF, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, big, -big, tiny, -tiny,
                0.25, 1.0, -1.0]
        b[s + ".a"] = sprinkle(rng, f, spec)
        g = np.round(rng.uniform(-4, 4, L), 2).astype(dt)
        g[::3] = (rng.integers(-8, 9, len(g[::3])) * 0.25).astype(dt)
        b[s + ".d"] = sprinkle(rng, g, [NAN, INF, -INF, 0.0, -0.0, 0.25, -0.25, 1.0, -1.0, big,
                                       tiny])
        e = np.round(rng.uniform(-3, 3, L), 1).astype(dt)
        b[s + ".e"] = sprinkle(rng, e, [NAN, INF, -INF, 0.0, -0.0, 0.5, 2.0, -1.0, 3.0])
        # degrees / radians, values for isclose
        b[s + ".w"] = np.round(rng.uniform(-720, 720, L), 1).astype(dt)
        c = b[s + ".a"].copy()
        noise = rng.choice(np.array([0, 1e-9, 1e-6, 1e-5, 1e-4, 1e-3], dtype=dt), L)
        with np.errstate(all="ignore"):
            c = (c + c * noise).astype(dt)
        c[::7] = b[s + ".a"][::7]
        b[s + ".c"] = c
    b["b.a"] = rng.random(L) < 0.5
    b["b.b"] = rng.random(L) < 0.5
    return b


class UfuncWriter(G.ExprWriter):
    def binary(self, name, bx, by, f):
        self.case(name, [bx, by], f, BIN)

    def unary(self, name, bx, f):
        self.case(name, [bx], f, UN)


def isclose2(x, y, rtol=1e-05, atol=1e-08, equal_nan=False):
    """NumPy 2's isclose, with NEP 50 weak rtol/atol."""
    y = np.asarray(y)
    dt = np.result_type(y.dtype, np.float64) if y.dtype.kind != "f" else y.dtype
    y = y.astype(dt)
    r = np.asarray(rtol, dtype=dt)
    a = np.asarray(atol, dtype=dt)
    with np.errstate(all="ignore"):
        res = ((np.abs(x - y) <= (a + r * np.abs(y))) & np.isfinite(y)) | (x == y)
        if equal_nan:
            res |= np.isnan(x) & np.isnan(y)
    return res


def gen_int(uw):
    W = G.weak
    # floor_divide, remainder, fmod: every integer dtype, floats, bool
    for dt in INTS:
        s = SHORT[dt]
        uw.binary("fd_" + s, s + ".a", s + ".d", np.floor_divide)
        uw.binary("rem_" + s, s + ".a", s + ".d", np.remainder)
        uw.binary("fmod_" + s, s + ".a", s + ".d", np.fmod)
    for s in ("f32", "f64"):
        uw.binary("fd_" + s, s + ".a", s + ".d", np.floor_divide)
        uw.binary("rem_" + s, s + ".a", s + ".d", np.remainder)
        uw.binary("fmod_" + s, s + ".a", s + ".d", np.fmod)
    uw.binary("fd_b", "b.a", "b.b", np.floor_divide)   # int8 loop
    uw.binary("rem_b", "b.a", "b.b", np.remainder)
    uw.binary("fd_i8u8", "i8.a", "u8.d", np.floor_divide)  # -> int16
    uw.binary("rem_i32i64", "i32.a", "i64.d", np.remainder)
    uw.unary("fd_i32_s3", "i32.a", lambda x: np.floor_divide(x, W(x, -3)))
    uw.unary("rem_i64_s7", "i64.a", lambda x: np.remainder(x, W(x, 7)))
    uw.unary("fd_f64_s025", "f64.a", lambda x: np.floor_divide(x, W(x, 0.25)))
    uw.unary("rem_f32_sm025", "f32.a", lambda x: np.remainder(x, W(x, -0.25)))
    uw.unary("fd_i16_sf", "i16.a", lambda x: np.floor_divide(x, W(x, 2.5)))  # -> float64
    # divmod
    uw.binary("divmod_q_i32", "i32.a", "i32.d", lambda x, y: np.divmod(x, y)[0])
    uw.binary("divmod_r_i32", "i32.a", "i32.d", lambda x, y: np.divmod(x, y)[1])
    uw.binary("divmod_q_f64", "f64.a", "f64.d", lambda x, y: np.divmod(x, y)[0])
    uw.binary("divmod_r_f64", "f64.a", "f64.d", lambda x, y: np.divmod(x, y)[1])
    # power
    for dt in INTS:
        s = SHORT[dt]
        uw.binary("pow_" + s, s + ".p", s + ".e", np.power)
    uw.binary("pow_f64", "f64.a", "f64.e", np.power)
    uw.binary("pow_f32", "f32.a", "f32.e", np.power)
    uw.binary("pow_b", "b.a", "b.b", np.power)
    uw.unary("pow_i32_s2", "i32.a", lambda x: np.power(x, W(x, 2)))
    uw.unary("pow_s3_i64", "i64.e", lambda x: np.power(W(x, 3), x))
    # shifts
    for dt in INTS:
        s = SHORT[dt]
        uw.binary("lsh_" + s, s + ".a", s + ".s", np.left_shift)
        uw.binary("rsh_" + s, s + ".a", s + ".s", np.right_shift)
    uw.unary("lsh_i32_s3", "i32.a", lambda x: np.left_shift(x, W(x, 3)))
    uw.unary("rsh_i64_s65", "i64.a", lambda x: np.right_shift(x, W(x, 65)))
    uw.binary("lsh_b", "b.a", "b.b", np.left_shift)
    # gcd, lcm
    for dt in INTS:
        s = SHORT[dt]
        uw.binary("gcd_" + s, s + ".a", s + ".d", np.gcd)
        uw.binary("lcm_" + s, s + ".a", s + ".d", np.lcm)
    uw.binary("gcd_i32_2", "i32.a", "i32.s", np.gcd)
    uw.binary("lcm_u16_2", "u16.a", "u16.s", np.lcm)
    # sign, square, reciprocal, positive
    for s in ["i8", "i16", "i32", "i64", "u8", "u32", "u64", "f32", "f64"]:
        uw.unary("sign_" + s, s + ".a", np.sign)
        uw.unary("square_" + s, s + ".a", np.square)
        uw.unary("recip_" + s, s + ".a" if s[0] == "f" else s + ".d", np.reciprocal)
    uw.unary("square_b", "b.a", np.square)
    uw.unary("pos_i16", "i16.a", np.positive)
    uw.unary("pos_f64", "f64.a", np.positive)


def gen_float(uw):
    W = G.weak
    for s in ("f32", "f64"):
        uw.unary("rint_" + s, s + ".a", np.rint)
        uw.unary("round0_" + s, s + ".a", np.round)
        uw.unary("round2_" + s, s + ".a", lambda x: np.round(x, 2))
        uw.unary("roundm1_" + s, s + ".w", lambda x: np.round(x, -1))
        uw.unary("fix_" + s, s + ".a", np.fix)
        uw.unary("floor_" + s, s + ".a", np.floor)
        uw.binary("copysign_" + s, s + ".a", s + ".d", np.copysign)
        uw.unary("signbit_" + s, s + ".a", np.signbit)
        uw.unary("isnan_" + s, s + ".a", np.isnan)
        uw.unary("isinf_" + s, s + ".a", np.isinf)
        uw.unary("isfinite_" + s, s + ".a", np.isfinite)
        uw.binary("fmax_" + s, s + ".a", s + ".d", np.fmax)
        uw.binary("fmin_" + s, s + ".a", s + ".d", np.fmin)
        uw.binary("nextafter_" + s, s + ".a", s + ".d", np.nextafter)
        uw.unary("spacing_" + s, s + ".a", np.spacing)
        uw.unary("deg2rad_" + s, s + ".w", np.deg2rad)
        uw.unary("rad2deg_" + s, s + ".a", np.rad2deg)
        uw.unary("nan_to_num_" + s, s + ".a", np.nan_to_num)
        uw.binary("heaviside_" + s, s + ".a", s + ".d", np.heaviside)
        uw.unary("clip_" + s, s + ".a", lambda x: np.clip(x, W(x, -1.5), W(x, 2.0)))
        uw.binary("isclose_" + s, s + ".a", s + ".c", isclose2)
        uw.binary("isclose_nan_" + s, s + ".a", s + ".c",
                  lambda x, y: isclose2(x, y, 1e-3, 1e-6, True))
    # integer inputs: NumPy >= 2.1 keeps the dtype of floor/ceil/trunc/fix
    for s in ("i8", "i32", "u64"):
        uw.unary("floor_" + s, s + ".a", lambda x: x.copy())
    uw.unary("ceil_i64", "i64.a", lambda x: x.copy())
    uw.unary("trunc_u8", "u8.a", lambda x: x.copy())
    uw.unary("fix_i16", "i16.a", lambda x: x.copy())
    uw.unary("floor_b", "b.a", lambda x: x.copy())
    uw.unary("round0_i32", "i32.a", lambda x: x.copy())
    uw.unary("roundm1_i32", "i32.a", lambda x: np.round(x, -1))
    uw.unary("rint_i32", "i32.a", np.rint)      # float64
    uw.unary("rint_i16", "i16.a", lambda x: np.rint(x.astype(np.float32)))  # float16 -> float32
    uw.unary("signbit_i32", "i32.a", np.signbit)
    uw.unary("isnan_i64", "i64.a", np.isnan)
    uw.unary("isfinite_u8", "u8.a", np.isfinite)
    uw.unary("isinf_b", "b.a", np.isinf)
    uw.binary("fmax_i32", "i32.a", "i32.d", np.fmax)
    uw.binary("fmin_u64", "u64.a", "u64.d", np.fmin)
    uw.binary("copysign_i32f32", "i32.a", "f32.d", np.copysign)  # float64
    uw.unary("clip_i16", "i16.a", lambda x: np.clip(x, W(x, -100), W(x, 1000)))
    uw.binary("clip_f64_arr", "f64.a", "f64.d", lambda x, y: np.clip(x, y, W(y, 3.0)))
    uw.unary("nan_to_num_i32", "i32.a", np.nan_to_num)
    uw.unary("deg2rad_i32", "i32.a", np.deg2rad)
    uw.binary("isclose_i32f64", "i32.a", "f64.c", isclose2)
    uw.binary("isclose_i64", "i64.a", "i64.d", isclose2)


def main():
    b = make_buffers()
    for fname, desc, gen in (("ufunc_int.txt", "Integer-semantics ufuncs (issue 3).", gen_int),
                             ("ufunc_float.txt", "Rounding and float ufuncs (issue 3).",
                              gen_float)):
        w = G.Writer(fname, desc)
        w.lines[0] = "# Generated by tests/golden/gen_ufunc.py with NumPy %s; do not edit." % \
            np.__version__
        w.lines[2] = "# Format: see the docstring of tests/golden/generate.py."
        uw = UfuncWriter(w, b)
        gen(uw)
        uw.finish()


if __name__ == "__main__":
    main()
