"""Prints the coefficients of Q(u) ~ log1p(u)/u on [sqrt(1/2) - 1, sqrt(2) - 1]
used by float32 logaddexp, logaddexp2 and power (simd/ops_transc-inl.h: the
array transc::log1p_q13), and the maximum relative error of the degree-13
polynomial evaluated in float64.

    /usr/bin/python3 tools/fit_log1p.py

A Chebyshev least-squares fit on 4000 Chebyshev nodes (of the interval
widened by 1e-3 on each side), converted to powers of u. Q rather than
log1p itself, so that log1p(u) = u Q(u) keeps its relative precision for
tiny u. The reference is numpy's long double log1p.
"""

import numpy as np
from numpy.polynomial import chebyshev as C
from numpy.polynomial import polynomial as P

DEGREE = 13


def q_ref(u):
    u = np.asarray(u, dtype=np.longdouble)
    safe = np.where(u == 0, 1, u)
    return np.where(u == 0, 1.0, np.log1p(u) / safe)


def main():
    lo, hi = np.sqrt(0.5) - 1 - 1e-3, np.sqrt(2) - 1 + 1e-3
    c0, h = (lo + hi) / 2, (hi - lo) / 2
    k = np.arange(4000)
    t = np.cos(np.pi * (k + 0.5) / 4000)
    cheb = C.chebfit(t, q_ref(c0 + h * t).astype(np.float64), DEGREE)
    in_t = C.cheb2poly(cheb)
    coef = np.zeros(DEGREE + 1)
    power = np.array([1.0])
    for a in in_t:  # substitute t = (u - c0) / h
        coef[: len(power)] += a * power
        power = P.polymul(power, [-c0 / h, 1 / h])
    u = np.linspace(lo, hi, 200001)
    acc = np.full_like(u, coef[-1])
    for a in coef[-2::-1]:
        acc = acc * u + a
    err = float(np.max(np.abs((acc - q_ref(u)) / q_ref(u))))
    print("// degree %d, max relative error 2^%.1f" % (DEGREE, np.log2(err)))
    print("inline constexpr double log1p_q13[] = {" + ", ".join("%.17g" % a for a in coef) + "};")


if __name__ == "__main__":
    main()
