#!/usr/bin/python3
"""Generates tests/data/repr_cases.txt: NumPy's repr() of arrays, the golden
data for tests/test_repr.cpp. Run with the system Python that has NumPy:

    /usr/bin/python3 tests/golden/gen_repr.py

File format: '#' lines are comments; every other line is one case,

    name|dtype|shape|strides|offset|buffer|expected

shape and strides (in elements, may be negative or 0) are comma-separated
(empty for 0-d); offset is the index of element [0, 0, ...] in buffer;
buffer holds the underlying elements, space-separated: floats exactly as
float.hex(), integers in decimal, bools as 0/1. expected is repr(array) with
backslash written as \\\\ and newline as \\n.
"""
import os
import sys

import numpy as np

assert np.__version__.startswith("1.24"), np.__version__
np.set_printoptions()  # NumPy's defaults

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "repr_cases.txt")

cases = []


def add(name, values, dtype=None, view=None):
    """values: anything np.array accepts (or an ndarray); view: an optional
    function of the contiguous base array returning a view of it."""
    base = np.array(values, dtype=dtype, order="C")  # a C-contiguous copy, 0-d kept
    arr = base if view is None else view(base)
    cases.append((name, base, arr))


def encode(base, arr):
    item = base.itemsize
    offset = (arr.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // item
    strides = [s // item for s in arr.strides]
    flat = base.reshape(-1)
    if base.dtype == np.bool_:
        buf = ["1" if v else "0" for v in flat]
    elif base.dtype.kind == "f":
        buf = [float(v).hex() for v in flat]
    else:
        buf = [str(int(v)) for v in flat]
    return offset, strides, buf


rng = np.random.default_rng(20240601)
nan, inf = np.nan, np.inf

# ---- float64: positional -------------------------------------------------
add("f64 simple", [1.0, 2.0, 3.0])
add("f64 padding", [1.5, 2.25])
add("f64 padding mixed", [1.0, 2.5, 3.125, 100.0])
add("f64 negative", [-1.5, 2.0, -30.25])
add("f64 negative zero", [-0.0, 0.0, 1.0])
add("f64 thirds", [1 / 3, 2 / 3])
add("f64 0.1+0.2", [0.1 + 0.2])
add("f64 1e-3", [1e-3, 1.0])
add("f64 123456.789", [123456.789])
add("f64 1e7+0.5", [1e7 + 0.5, 1.0])
add("f64 8 digits", [0.12345678, 1.5])
add("f64 round 9 digits", [0.123456789, 0.5])
add("f64 round up to int", [0.999999999999, 1.5])
add("f64 round up carry", [9.999999999, 0.5])
add("f64 tie 2^-9", [0.001953125, 1.0])
add("f64 tie 2^-10 and more", [2.0 ** -10, 3.0 * 2.0 ** -12, 1.0])
add("f64 min 1e-4 positional", [1e-4, 0.05])
add("f64 ratio 1000 positional", [1.0, 1000.0])
add("f64 large positional", [99999999.0, 123.5])
add("f64 large positional 2", [99999999.0, 100000.25])
add("f64 1e7+0.5 positional", [1e7 + 0.5, 1e5])
add("f64 zeros", [0.0, 0.0])
add("f64 zero and one", [0.0, 1.0])
add("f64 pi e", [np.pi, np.e, -np.sqrt(2)])
add("f64 random normal", rng.standard_normal(7))
add("f64 random 5x5", rng.standard_normal((5, 5)) * 10)
add("f64 random uniform wrap", rng.uniform(-1, 1, 25))
# ---- float64: scientific -------------------------------------------------
add("f64 sci small large", [1e-5, 1e10])
add("f64 sci 1e8", [1e8])
add("f64 sci ratio", [1.0, 1001.0])
add("f64 sci small", [1.5e-5, 3.0])
add("f64 sci mixed digits", [1.5e-10, 1.23456789e10, 2e5])
add("f64 sci rounded", [1.234567891234e-7, 1.0])
add("f64 sci negative", [-1e-7, 2.5e12, 0.0])
add("f64 sci 3-digit exponent", [1e-300, 1e300])
add("f64 sci exponent 100", [1e100, 1.0])
add("f64 sci max", [1.7976931348623157e308, -1.0])
add("f64 sci denormal", [5e-324, 1.0])
add("f64 sci 1e16", [1e16])
add("f64 sci random", rng.standard_normal(12) * 10.0 ** rng.integers(-8, 8, 12))
# ---- float64: nan / inf --------------------------------------------------
add("f64 nan inf", [nan, inf, -inf])
add("f64 nan inf values", [1.5, nan, inf, -inf, 2.0])
add("f64 nan only", [nan])
add("f64 nan -inf", [nan, -inf])
add("f64 inf only", [inf, inf])
add("f64 nan with long frac", [nan, 0.125])
add("f64 sci with nan", [1e-10, nan, -inf])
add("f64 zero nan", [0.0, nan])
# ---- float64: shapes -----------------------------------------------------
add("f64 0-d", 5.0)
add("f64 0-d frac", -2.75)
add("f64 0-d nan", nan)
add("f64 0-d -inf", -inf)
add("f64 0-d negative zero", -0.0)
add("f64 0-d sci", 1e-5)
add("f64 0-d 1e16", 1e16)
add("f64 empty", np.zeros(0))
add("f64 empty 2-d", np.zeros((2, 0)))
add("f64 2-d", [[1.0, 2.0], [3.0, 4.0]])
add("f64 3-d", np.arange(24.0).reshape(2, 3, 4) / 4)
add("f64 4-d", np.arange(16.0).reshape(2, 2, 2, 2) - 8)
add("f64 (1,1,1)", np.ones((1, 1, 1)))
add("f64 (2,1,3)", np.arange(6.0).reshape(2, 1, 3))
add("f64 wrap arange", np.arange(30.0))
add("f64 wrap linspace", np.linspace(0, 1, 30))
add("f64 wrap 2-d", np.linspace(-5, 5, 48).reshape(3, 16))
add("f64 summarised 1-d", np.arange(1001.0))
add("f64 summarised 2-d", np.arange(1040.0).reshape(40, 26) / 7)
add("f64 summarised 3-d", np.arange(1100.0).reshape(10, 10, 11))
add("f64 summarised one axis", np.arange(1002.0).reshape(501, 2))
add("f64 summarised nan", np.where(np.arange(1200) % 7 == 0, nan, np.arange(1200) * 0.5))
add("f64 summarised no long axis", np.arange(1296.0).reshape(6, 6, 6, 6))
add("f64 summarised only corners measured",
    np.concatenate([[1.5], np.full(1000, 1e-9), [2.0, 3.0, 4.0]]))
# ---- float64: strided views ---------------------------------------------
add("f64 transposed", np.arange(12.0).reshape(3, 4), view=lambda a: a.T)
add("f64 reversed step", np.arange(10.0) / 4, view=lambda a: a[::-2])
add("f64 broadcast", [1.5, 2.0, 3.0],
    view=lambda a: np.lib.stride_tricks.as_strided(a, (2, 3), (0, a.itemsize)))
add("f64 inner slice", np.arange(20.0).reshape(4, 5), view=lambda a: a[1:3, 1:4])
add("f64 0-d view", np.arange(5.0), view=lambda a: a[3, ...])

# ---- float32 ---------------------------------------------------------------
f32 = np.float32
add("f32 simple", [1, 2, 3], f32)
add("f32 tenths", [0.1, 0.2, 0.3], f32)
add("f32 third", [1 / 3, 2 / 3], f32)
add("f32 pi", [np.pi, -np.e], f32)
add("f32 16777217", [16777217.0, 0.5], f32)
add("f32 exact integer digits", [92570176.0, 36698168.0, 100000.5], f32)
add("f32 0-d exact integer digits", 62607992.0, f32)
add("f32 1e-4 is sci", [1e-4], f32)
add("f32 sci extended digits", [0.1, 1.23456789e-5], f32)
add("f32 sci power of two", [2.0 ** -20, 0.123456789], f32)
add("f32 sci large", [3.4028235e38, -1.0], f32)
add("f32 denormal", [1e-45, 1.0], f32)
add("f32 nan inf", [nan, -inf, 0.25], f32)
add("f32 0-d", 2.5, f32)
add("f32 0-d third", 1 / 3, f32)
add("f32 empty", np.zeros(0, f32))
add("f32 empty 3-d", np.zeros((2, 0, 3), f32))
add("f32 random 3x4", rng.standard_normal((3, 4)), f32)
add("f32 3-d", np.arange(12).reshape(2, 3, 2) / 3, f32)
add("f32 wrap dtype", rng.uniform(0, 100, 20), f32)
add("f32 summarised", np.arange(1100).reshape(11, 100) / 9, f32)
for n in range(5, 12):  # where the dtype moves to its own line
    add(f"f32 dtype line {n}", np.arange(n) + 0.5, f32)

# ---- integers --------------------------------------------------------------
add("i8 range", [-128, 0, 127], np.int8)
add("i8 0-d", 3, np.int8)
add("i8 2-d", [[1, -2, 3], [40, 5, -60]], np.int8)
add("i16 values", [-32768, 7, 32767], np.int16)
add("i32 values", [-2147483648, 2147483647, 0], np.int32)
add("i32 random wrap", rng.integers(-10**6, 10**6, 40), np.int32)
add("i64 simple", [1, 2, 3], np.int64)
add("i64 extremes", [-9223372036854775808, 9223372036854775807], np.int64)
add("i64 2-d", [[1, 2], [3, 4]], np.int64)
add("i64 3-d", np.arange(24).reshape(2, 3, 4), np.int64)
add("i64 0-d", -42, np.int64)
add("i64 empty", np.zeros(0, np.int64))
add("i64 empty (0,3)", np.zeros((0, 3), np.int64))
add("i64 wrap", np.arange(-20, 40) * 1001, np.int64)
add("i64 summarised", np.arange(1100).reshape(11, 100), np.int64)
add("i64 summarised 1-d", np.arange(1001), np.int64)
add("i64 not summarised 1000", np.arange(1000), np.int64)
add("i64 transposed 3-d", np.arange(24).reshape(2, 3, 4), np.int64,
    view=lambda a: a.transpose(2, 0, 1))
add("u8 values", [0, 255, 17], np.uint8)
add("u8 0-d", 200, np.uint8)
add("u16 values", [0, 65535], np.uint16)
add("u32 values", [4294967295, 1], np.uint32)
add("u64 values", [18446744073709551615, 0, 12], np.uint64)
add("u64 empty", np.zeros(0, np.uint64))
add("u64 summarised", np.arange(1010) * 10**15, np.uint64)
for n in range(16, 26):  # where the dtype moves to its own line
    add(f"i32 dtype line {n}", np.arange(n), np.int32)
add("i16 dtype line 2-d", np.arange(40).reshape(2, 20) * 100, np.int16)

# ---- bool ------------------------------------------------------------------
add("bool values", [True, False, True])
add("bool 0-d true", True)
add("bool 0-d false", False)
add("bool 2-d", [[True, False], [False, True]])
add("bool empty", np.zeros(0, bool))
add("bool wrap", np.arange(30) % 3 == 0)
add("bool summarised", np.arange(2000).reshape(20, 100) % 2 == 0)

# ---- write -------------------------------------------------------------------
lines = ["# Generated by tests/golden/gen_repr.py with NumPy " + np.__version__ + "; do not edit.",
         "# name|dtype|shape|strides|offset|buffer|expected"]
names = set()
for name, base, arr in cases:
    assert name not in names, name
    names.add(name)
    offset, strides, buf = encode(base, arr)
    expected = repr(arr).replace("\\", "\\\\").replace("\n", "\\n")
    assert "|" not in expected and "|" not in name
    fields = [name, arr.dtype.name, ",".join(map(str, arr.shape)), ",".join(map(str, strides)),
              str(offset), " ".join(buf), expected]
    lines.append("|".join(fields))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}", file=sys.stderr)
