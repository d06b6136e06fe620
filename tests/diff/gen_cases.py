#!/usr/bin/python3
"""Differential test cases for numfuse, computed by NumPy.

Run with Debian's /usr/bin/python3 (NumPy 1.24):

    /usr/bin/python3 tests/diff/gen_cases.py                 # the committed set
    /usr/bin/python3 tests/diff/gen_cases.py --long OUTDIR   # 100,000 cases, not committed

Each case is a random expression of random depth over numfuse's functions
(arithmetic, comparisons, where, math ufuncs, reductions with random axes and
keepdims, basic indexing with negative steps, transposes, broadcast_to,
reshape; 0-d and empty shapes; bool, int32, int64, float32 and float64), its
inputs, and NumPy's result or the class of the error NumPy raises. The C++
driver tests/diff/diff_driver.cpp evaluates the same expression with numfuse
and compares.

Files written (OUTDIR defaults to tests/data/diff):
  cases.txt   one line per case:  <id> <tol> <expr> <expect> <input refs...>
  pool.npz    one flat array per dtype (b1, i4, i8, f4, f8): every input and
              expected output, referenced by cases.txt as <dt>@<offset>:<shape>

Expression syntax: prefix calls, inputs x0, x1, ...:
  add(x0,sin(x1))   sum(x0,a0.2,k1) (axes "a*" = None)   ix(x0,{::-1;2;N;E})
  T(x0)   bt(x0,3x4)   rs(x0,2x-1)   where(x0,x1,x2)
<expect>: "ok:<ref>" or "err:<class>" (broadcast_error, axis_error,
index_error, value_error, type_error).
<tol>: "u<N>": float results agree to N ULP (1 for exact operations, 8
after one inexact math function); "r<scale>" / "R<scale>": |got - want| <=
rtol * (|want| + scale), rtol 1e-9 ("r") or 2e-4 ("R": float32 values were
involved), for results of several inexact steps or of reductions in another
order (prod, mean, var, std, sums of inexact values).

Where NumPy 1.24 and NumPy 2 differ the cases avoid the difference: no
Python scalars (NEP 50), floor/ceil/trunc only of floats (NumPy >= 2.1 keeps
integer dtypes), no math functions of bool (NumPy gives float16, numfuse
float32), no bool floor_divide/remainder/power (int8 results).
"""
import argparse
import os
import random
import sys

import numpy as np

DTYPES = ["b1", "i4", "i8", "f4", "f8"]
NP = {"b1": np.bool_, "i4": np.int32, "i8": np.int64, "f4": np.float32, "f8": np.float64}
CODE = {np.dtype(v): k for k, v in NP.items()}
INTS = ("i4", "i8")
ARITH = ("add", "subtract", "multiply")
FLOATS = ("f4", "f8")

# name -> (numpy function, allowed operand dtypes after promotion, inexact for floats)
UNARY = {
    "negative": (np.negative, ("i4", "i8", "f4", "f8"), False),
    "absolute": (np.absolute, DTYPES, False),
    "square": (np.square, ("i4", "i8", "f4", "f8"), False),
    "sign": (np.sign, ("i4", "i8", "f4", "f8"), False),
    "sqrt": (np.sqrt, ("i4", "i8", "f4", "f8"), False),
    "exp": (np.exp, ("i4", "i8", "f4", "f8"), True),
    "log": (np.log, ("i4", "i8", "f4", "f8"), True),
    "sin": (np.sin, ("i4", "i8", "f4", "f8"), True),
    "cos": (np.cos, ("i4", "i8", "f4", "f8"), True),
    "floor": (np.floor, FLOATS, False),
    "ceil": (np.ceil, FLOATS, False),
    "trunc": (np.trunc, FLOATS, False),
    "rint": (np.rint, ("i4", "i8", "f4", "f8"), False),
    "isnan": (np.isnan, DTYPES, False),
    "isinf": (np.isinf, DTYPES, False),
    "isfinite": (np.isfinite, DTYPES, False),
    "logical_not": (np.logical_not, DTYPES, False),
    "invert": (np.invert, ("b1", "i4", "i8"), False),
}
BINARY = {
    "add": (np.add, DTYPES, False),
    "subtract": (np.subtract, ("i4", "i8", "f4", "f8"), False),
    "multiply": (np.multiply, DTYPES, False),
    "divide": (np.divide, DTYPES, False),
    "floor_divide": (np.floor_divide, ("i4", "i8", "f4", "f8"), False),
    "remainder": (np.remainder, ("i4", "i8", "f4", "f8"), False),
    "fmod": (np.fmod, ("i4", "i8", "f4", "f8"), False),
    "power": (np.power, ("i4", "i8", "f4", "f8"), True),
    "maximum": (np.maximum, DTYPES, False),
    "minimum": (np.minimum, DTYPES, False),
    "fmax": (np.fmax, DTYPES, False),
    "fmin": (np.fmin, DTYPES, False),
    "copysign": (np.copysign, FLOATS, False),
    "bitwise_and": (np.bitwise_and, ("b1", "i4", "i8"), False),
    "bitwise_or": (np.bitwise_or, ("b1", "i4", "i8"), False),
    "bitwise_xor": (np.bitwise_xor, ("b1", "i4", "i8"), False),
    "logical_and": (np.logical_and, DTYPES, False),
    "logical_or": (np.logical_or, DTYPES, False),
    "logical_xor": (np.logical_xor, DTYPES, False),
    "equal": (np.equal, DTYPES, False),
    "not_equal": (np.not_equal, DTYPES, False),
    "less": (np.less, DTYPES, False),
    "less_equal": (np.less_equal, DTYPES, False),
    "greater": (np.greater, DTYPES, False),
    "greater_equal": (np.greater_equal, DTYPES, False),
}
# name -> (numpy function, allowed dtypes, loose for floats)
REDUCE = {
    "sum": (np.sum, DTYPES, False),
    "prod": (np.prod, DTYPES, True),
    "max": (np.max, DTYPES, False),
    "min": (np.min, DTYPES, False),
    "mean": (np.mean, DTYPES, True),
    "var": (np.var, DTYPES, True),
    "std": (np.std, DTYPES, True),
    "any": (np.any, DTYPES, False),
    "all": (np.all, DTYPES, False),
}


class CaseError(Exception):
    """NumPy raised: the case expects this error class; expr is the
    expression that raised (the case keeps only that subtree)."""

    def __init__(self, cls, expr="?"):
        super().__init__(cls)
        self.cls = cls
        self.expr = expr


def classify(e):
    msg = str(e)
    if isinstance(e, np.AxisError):
        return "axis_error"
    if isinstance(e, ValueError) and "could not be broadcast together with shapes" in msg:
        return "broadcast_error"
    if isinstance(e, IndexError):
        return "index_error"
    if isinstance(e, ValueError):
        return "value_error"
    if isinstance(e, TypeError):
        return "type_error"
    raise e


def call(expr, f, *args, **kw):
    try:
        with np.errstate(all="ignore"):
            return f(*args, **kw)
    except (ValueError, IndexError, TypeError) as e:
        raise CaseError(classify(e), expr) from e


# Ops whose result jumps when the operand moves by an ULP: they get exact
# operands only (a fresh input instead of an inexact subexpression).
DISCONTINUOUS = {"floor", "ceil", "trunc", "rint", "sign", "floor_divide", "remainder", "fmod",
                 "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "isinf",
                 "isfinite", "isnan", "logical_not", "power", "sin", "cos", "logical_and", "logical_or", "logical_xor",
                 "any", "all", "where", "astype",
                 "copysign"}


def dt_of(v):
    return CODE[np.asarray(v).dtype]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.nr = np.random.default_rng(seed)

    # ---- values ---------------------------------------------------------
    def values(self, dt, n):
        r = self.r
        if dt == "b1":
            return self.nr.random(n) < 0.5
        if dt in INTS:
            info = np.iinfo(NP[dt])
            mode = r.random()
            if mode < 0.7:
                v = self.nr.integers(-12, 13, n)
            elif mode < 0.9:
                v = self.nr.integers(-3000, 3001, n)
            else:
                v = self.nr.integers(info.min, info.max, n, endpoint=True, dtype=NP[dt])
                k = self.nr.random(n) < 0.2
                v[k] = self.nr.choice([info.min, info.max, -1, 0, 1], k.sum())
            return np.asarray(v, dtype=NP[dt])
        # floats: mostly small dyadic rationals (exact sums), some specials
        v = self.nr.integers(-64, 65, n) / 8.0
        mode = r.random()
        if mode < 0.25:
            k = self.nr.random(n) < 0.25
            v[k] = self.nr.choice([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e30, -1e-30, 3e38, 1e-42, 0.1], k.sum())
        elif mode < 0.4:
            v = self.nr.normal(0, 10, n)
        return np.asarray(v, dtype=NP[dt])

    def shape(self, max_ndim=3):
        r = self.r
        nd = r.choice([0, 1, 1, 2, 2, 2, 3, 3][: 1 + 2 * max_ndim + (max_ndim > 2)])
        nd = min(nd, max_ndim)
        sh = []
        for _ in range(nd):
            x = r.random()
            sh.append(0 if x < 0.05 else 1 if x < 0.2 else r.randint(2, 5))
        return tuple(sh)

    def compatible(self, shape):
        """A shape that broadcasts with `shape` (rarely one that does not)."""
        r = self.r
        if r.random() < 0.03:
            return self.shape()
        sh = list(shape)
        if sh and r.random() < 0.3:
            sh = sh[r.randint(0, len(sh)):]
        sh = [1 if (r.random() < 0.25) else s for s in sh]
        if r.random() < 0.1 and len(sh) < 3:
            sh = [r.choice([1, 2])] + sh if not shape else [1] + sh
        return tuple(sh)

    # ---- expressions ----------------------------------------------------
    # Each builder returns (expr, value, level): level 0 = exact (a float
    # result may differ from NumPy's by an ULP at most), 1 = one inexact
    # math function (a few ULP), 2 = several inexact steps or reductions in
    # another order (relative tolerance).
    def leaf(self, shape, dt=None):
        dt = dt or self.r.choice(DTYPES)
        n = int(np.prod(shape)) if shape else 1
        a = self.values(dt, n).reshape(shape)
        self.inputs.append(a)
        return f"x{len(self.inputs) - 1}", a

    def node(self, depth, shape, want=None, root=False):
        r = self.r
        if depth <= 0 or (not root and r.random() < 0.15):
            e, v = self.leaf(shape, want)
            return e, v, 0
        kind = r.random()
        if kind < 0.22:
            return self.unary(depth, shape)
        if kind < 0.58:
            return self.binary(depth, shape)
        if kind < 0.66:
            return self.where(depth, shape)
        if kind < 0.8:
            return self.reduce(depth, shape)
        return self.view(depth, shape)

    def fit(self, ok, e, v, lvl):
        """Converts an operand whose dtype the op does not take to ok[-1]."""
        if CODE[v.dtype] in ok:
            return e, v, lvl
        to = ok[-1]
        if lvl and to in INTS:  # float -> int of an inexact value: a fresh input
            e, v = self.leaf(v.shape, to)
            return e, v, 0
        with np.errstate(all="ignore"):
            return f"astype_{to}({e})", v.astype(NP[to]), lvl

    def child(self, op, depth, shape, want=None):
        e, v, lvl = self.node(depth, shape, want)
        if lvl and op in DISCONTINUOUS:
            e, v = self.leaf(tuple(np.shape(v)), CODE[np.asarray(v).dtype])
            lvl = 0
        return e, v, lvl

    def unary(self, depth, shape):
        name = self.r.choice(list(UNARY))
        f, ok, inexact = UNARY[name]
        e, v, lvl = self.fit(ok, *self.child(name, depth - 1, shape, self.r.choice(ok)))
        e = f"{name}({e})"
        if inexact:
            lvl = 2 if lvl else 1
        return e, call(e, f, v), lvl

    def binary(self, depth, shape):
        name = self.r.choice(list(BINARY))
        f, ok, inexact = BINARY[name]
        # mostly one dtype for both operands (so the driver's fused forms apply)
        d1 = self.r.choice(ok)
        d2 = d1 if self.r.random() < 0.7 else self.r.choice(ok)
        e1, v1, l1 = self.fit(ok, *self.child(name, depth - 1, self.compatible(shape), d1))
        e2, v2, l2 = self.fit(ok, *self.child(name, depth - 1, self.compatible(shape), d2))
        if name == "copysign" and not e2.startswith("x") and np.isnan(v2).any():
            # the sign of a NaN made by an invalid operation (sqrt(-1), 0/0)
            # is not specified: an input instead (docs/testing.md)
            e2, v2 = self.leaf(v2.shape, CODE[v2.dtype])
            l2 = 0
        if name == "power" and v2.dtype.kind in "iu" and np.result_type(v1, v2).kind in "iu" and self.r.random() < 0.9:
            # mostly valid exponents: |x2| % 9 (NumPy raises on negative ones)
            e2, v2 = f"absmod9({e2})", np.remainder(np.abs(v2), 9).astype(v2.dtype)
        lvl = max(l1, l2)
        if lvl and name in ("add", "subtract", "power"):
            lvl = 2
        if inexact:
            lvl = 2 if lvl else 1
        e = f"{name}({e1},{e2})"
        p = np.promote_types(v1.dtype, v2.dtype)  # NumPy 2: 0-d arrays are not weak
        if lvl and p == np.float64 and np.float32 in (v1.dtype, v2.dtype):
            lvl = 2  # float32 rounding seen in float64 ULPs
        return e, call(e, f, v1.astype(p), v2.astype(p)), lvl

    def where(self, depth, shape):
        ec, vc, lc = self.child("where", depth - 1, self.compatible(shape), "b1")
        d = self.r.choice(DTYPES)
        e1, v1, l1 = self.child("", depth - 1, self.compatible(shape), d)
        e2, v2, l2 = self.child("", depth - 1, self.compatible(shape), d if self.r.random() < 0.7 else None)
        e = f"where({ec},{e1},{e2})"
        p = np.promote_types(v1.dtype, v2.dtype)  # NumPy 2: 0-d arrays are not weak
        lvl = max(l1, l2)
        if lvl and p == np.float64 and np.float32 in (v1.dtype, v2.dtype):
            lvl = 2
        return e, call(e, np.where, vc, v1.astype(p), v2.astype(p)), lvl

    def reduce(self, depth, shape):
        r = self.r
        name = r.choice(list(REDUCE))
        f, ok, loose_kind = REDUCE[name]
        keep = r.random() < 0.3
        nd = len(shape)
        # the operand: the result's axes plus the reduced ones
        if r.random() < 0.3 or nd == 0 and r.random() < 0.5:
            axes = None
            inner = self.shape()
        else:
            extra = r.choice([1, 1, 2]) if nd < 2 else 1
            if nd + extra > 3:
                extra = max(0, 3 - nd)
            if extra == 0:
                return self.unary(depth, shape)
            inner = list(shape)
            pos = sorted(r.sample(range(nd + extra), extra))
            for p in pos:
                inner.insert(p, r.choice([0, 1, 2, 3, 4, 5]) if r.random() > 0.05 else 0)
            axes = [a - (nd + extra) if r.random() < 0.5 else a for a in pos]
            if r.random() < 0.03:
                axes.append(r.choice([nd + extra, -(nd + extra) - 1, axes[0] if axes else 0]))
            inner = tuple(inner)
        e, v, lvl = self.child(name, depth - 1, tuple(inner), r.choice(ok))
        if name == "prod" and v.dtype.kind == "f" and order_dependent_product(v):
            name, f = "sum", np.sum  # over/underflow would depend on the order of the products
        if v.ndim == 0 and axes is not None and all(a in (0, -1) for a in axes):
            axes = None  # NumPy accepts axis 0 / -1 of a 0-d array; numfuse raises (docs/testing.md)
        if axes is None:
            ax, enc = None, "a*"
        elif len(axes) == 1 and r.random() < 0.5:
            ax, enc = axes[0], f"a{axes[0]}i"
        else:
            ax, enc = tuple(axes), "a" + ".".join(str(a) for a in axes)
        e = f"{name}({e},{enc},k{int(keep)})"
        out = np.asarray(call(e, f, v, axis=ax, keepdims=keep))
        if out.dtype.kind == "f" and (lvl or loose_kind or (name == "sum" and not exactish(v))):
            lvl = 2
        return e, out, lvl

    def view(self, depth, shape):
        r = self.r
        kind = r.random()
        if kind < 0.45:  # basic indexing
            items, inner = [], []
            for s in shape:
                c = r.random()
                if c < 0.5:  # a slice giving extent s from a longer axis
                    step = r.choice([1, 1, 2, -1, -2, 3])
                    n = s * abs(step) + r.randint(0, 2)
                    if s == 0:
                        start = r.randint(0, n)
                        items.append(f"{start}:{start}:{step}")
                    elif step > 0:
                        start = r.randint(0, n - ((s - 1) * step + 1))
                        stop = start + (s - 1) * step + 1
                        items.append(f"{start - n if r.random() < 0.3 else start}:{stop}:{step}")
                    else:
                        start = r.randint((s - 1) * -step, n - 1)
                        stop = start + (s - 1) * step - 1
                        items.append(f"{start}:{'' if stop < 0 else stop}:{step}")
                    inner.append(n)
                elif c < 0.65 and s == 1:
                    items.append("N")
                else:
                    items.append("::")
                    inner.append(s)
                if r.random() < 0.2 and len(inner) < 3:  # an integer index drops an axis
                    n = r.randint(1, 4)
                    i = r.randint(-n, n - 1)
                    if r.random() < 0.03:
                        i = n + r.randint(0, 2)
                    items.append(str(i))
                    inner.append(n)
            if r.random() < 0.3:
                cut = r.randint(0, len(items))
                items = items[:cut] + ["E"] + items[cut:]
            if r.random() < 0.01:
                items[0:0] = ["0:5:0"]
                inner.insert(0, 3)
            if not items or len(inner) > 3 or len(items) > 5:
                return self.binary(depth, shape)
            e, v, l = self.child("", depth - 1, tuple(inner))
            idx = []
            for it in items:
                if it == "N":
                    idx.append(None)
                elif it == "E":
                    idx.append(Ellipsis)
                elif ":" in it:
                    a, b, c = it.split(":")
                    idx.append(slice(int(a) if a else None, int(b) if b else None, int(c) if c else None))
                else:
                    idx.append(int(it))
            e = "ix(" + e + ",{" + ";".join(items) + "})"
            return e, np.asarray(call(e, lambda: v[tuple(idx)])), l
        if kind < 0.65:  # transpose
            e, v, l = self.child("", depth - 1, tuple(reversed(shape)))
            return f"T({e})", v.T, l
        if kind < 0.8:  # broadcast_to
            e, v, l = self.child("", depth - 1, self.compatible(shape))
            e = f"bt({e},{'x'.join(str(s) for s in shape) or 's'})"
            return e, call(e, np.broadcast_to, v, shape), l
        # reshape
        n = int(np.prod(shape)) if shape else 1
        src = self.shape()
        if int(np.prod(src)) != n and r.random() < 0.97:
            src = (n,) if r.random() < 0.5 else (1, n)
        e, v, l = self.child("", depth - 1, tuple(src))
        tgt = list(shape)
        if tgt and r.random() < 0.3:
            tgt[r.randrange(len(tgt))] = -1
        e = f"rs({e},{'x'.join(str(s) for s in tgt) or 's'})"
        return e, np.asarray(call(e, np.reshape, v, tuple(tgt))), l

    # ---- the driver's fused forms (tests/diff/ops_fused.cpp) -----------
    # Random trees rarely have exactly these shapes with one dtype
    # throughout, so a separate batch of cases is drawn from them.
    def fused(self):
        r = self.r
        shape = self.shape()
        t = r.randrange(4)
        if t == 0:  # op1(op2(A, B), C), op in {add, subtract, multiply}
            T = r.choice(["i8", "f4", "f8"])
            o1, o2 = r.choice(ARITH), r.choice(ARITH)
            (ea, va), (eb, vb), (ec, vc) = (self.leaf(self.compatible(shape), T) for _ in range(3))
            inner = f"{o2}({ea},{eb})"
            vi = call(inner, BINARY[o2][0], va, vb)
            e = f"{o1}({inner},{ec})"
            return e, call(e, BINARY[o1][0], vi, vc), 0
        if t == 1:  # op(u(A), B), u in {sin, exp, sqrt, absolute}, op in {add, multiply}
            T = r.choice(["f4", "f8"])
            u, o = r.choice(["sin", "exp", "sqrt", "absolute"]), r.choice(["add", "multiply"])
            (ea, va), (eb, vb) = (self.leaf(self.compatible(shape), T) for _ in range(2))
            vu = call(f"{u}({ea})", UNARY[u][0], va)
            e = f"{o}({u}({ea}),{eb})"
            lvl = 1 if UNARY[u][2] else 0
            if lvl and o == "add":
                lvl = 2
            return e, call(e, BINARY[o][0], vu, vb), lvl
        if t == 2:  # where(cmp(A, B), C, D), cmp in {less, greater}
            T = r.choice(["i4", "f8"])
            cmp = r.choice(["less", "greater"])
            (ea, va), (eb, vb), (ec, vc), (ed, vd) = (self.leaf(self.compatible(shape), T) for _ in range(4))
            cond = call(f"{cmp}({ea},{eb})", BINARY[cmp][0], va, vb)
            e = f"where({cmp}({ea},{eb}),{ec},{ed})"
            return e, call(e, np.where, cond, vc, vd), 0
        # sum(multiply(A, B), axis, keepdims)
        T = r.choice(["i8", "f4", "f8"])
        (ea, va), (eb, vb) = (self.leaf(self.compatible(shape), T) for _ in range(2))
        em = f"multiply({ea},{eb})"
        vm = np.asarray(call(em, np.multiply, va, vb))
        keep = r.random() < 0.3
        if vm.ndim == 0 or r.random() < 0.4:
            ax, enc = None, "a*"
        else:
            ax = r.randrange(-vm.ndim, vm.ndim)
            enc = f"a{ax}i"
        e = f"sum({em},{enc},k{int(keep)})"
        out = np.asarray(call(e, np.sum, vm, axis=ax, keepdims=keep))
        return e, out, 2 if out.dtype.kind == "f" and not exactish(vm) else 0

    def fused_case(self):
        self.inputs = []
        try:
            e, v, lvl = self.fused()
        except CaseError as ce:
            return ce.expr, None, 0, ce.cls
        return e, np.asarray(v), lvl, None

    def case(self, max_depth):
        self.inputs = []
        depth = self.r.randint(1, max_depth)
        try:
            e, v, lvl = self.node(depth, self.shape(), root=True)
        except CaseError as ce:
            if ce.cls == "type_error":  # a compile error in numfuse
                return self.case(max_depth)
            return ce.expr, None, 0, ce.cls
        return e, np.asarray(v), lvl, None


def order_dependent_product(v):
    """True if some order of multiplying v's elements could overflow or
    underflow its dtype while another does not."""
    a = np.abs(np.asarray(v, dtype=np.float64)).reshape(-1)
    if not np.all(np.isfinite(a)):
        return True
    a = a[a != 0]
    info = np.finfo(v.dtype)
    with np.errstate(all="ignore"):
        hi = np.prod(a[a > 1])
        lo = np.prod(a[a < 1])
    return bool(hi > float(info.max) / 4 or (lo < float(info.tiny) * 4 and a.size > 1))


def exactish(v):
    """True if a float array's values are multiples of 1/8 below 2^10 (exact sums)."""
    with np.errstate(all="ignore"):
        f = np.asarray(v, dtype=np.float64)
        return bool(np.all(np.isfinite(f)) and np.all(np.abs(f) < 1024) and np.all(f * 8 == np.round(f * 8)))


class Pool:
    def __init__(self):
        self.parts = {d: [] for d in DTYPES}
        self.size = {d: 0 for d in DTYPES}

    def add(self, a):
        a = np.asarray(a)
        d = CODE[a.dtype]
        off = self.size[d]
        flat = np.ascontiguousarray(a).reshape(-1)
        self.parts[d].append(flat)
        self.size[d] += flat.size
        return f"{d}@{off}:" + ("x".join(str(s) for s in a.shape) if a.ndim else "s")

    def arrays(self):
        return {d: (np.concatenate(p) if p else np.zeros(0, NP[d])).astype(NP[d]) for d, p in self.parts.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--long", metavar="OUTDIR", help="write 100,000 cases into OUTDIR (not committed)")
    ap.add_argument("--count", type=int, default=None)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--depth", type=int, default=4)
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    out = args.long or os.path.join(here, "..", "data", "diff")
    count = args.count or (100000 if args.long else 6000)
    seed = args.seed + (1 if args.long else 0)
    os.makedirs(out, exist_ok=True)
    g = Gen(seed)
    pool = Pool()
    lines = []
    nerr = 0
    # The random trees, then (their own seed, so adding them changed none of
    # the others) cases of the driver's fused forms.
    fused_count = count // 6
    fg = Gen(seed + 1000)
    for i in range(count + fused_count):
        e, v, lvl, err = g.case(args.depth) if i < count else fg.fused_case()
        if i >= count:
            g.inputs = fg.inputs
        if err is not None:
            nerr += 1
            expect, tol = "err:" + err, "u0"
        else:
            tol = "u1" if lvl == 0 else "u8" if lvl == 1 else ""
            if lvl == 2:
                vals = [np.asarray(x, dtype=np.float64) for x in g.inputs if x.dtype.kind == "f"]
                vals.append(v.astype(np.float64))
                mags = [np.max(np.abs(np.where(np.isfinite(x), x, 0)), initial=0) for x in vals]
                f4 = v.dtype == np.float32 or any(x.dtype == np.float32 for x in g.inputs)
                tol = f"{'R' if f4 else 'r'}{max(1.0, max(mags)):.6g}"
            expect = "ok:" + pool.add(v)
        refs = [pool.add(a) for a in g.inputs]
        lines.append(f"{i} {tol} {e} {expect} " + " ".join(refs))
    with open(os.path.join(out, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    np.savez_compressed(os.path.join(out, "pool.npz"), **pool.arrays())
    print(f"{count + fused_count} cases ({fused_count} of fused forms; {nerr} expect an error) -> {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
