// cases.hpp -- every benchmark case's data and its hand-written loop
// baseline, for nt threads (nt = 1: plain serial loop; nt > 1: the same loop
// statically split by OpenMP, serial below kOmpMin elements). Shared by the
// numfuse binaries and the optional peer binaries, which add their own sides.
//
// Case names follow the issues: E1-E5 and T1 (foundation), B1-B3, S1-S2 and
// the joins J1-J2 (indexing), R1-R5 (reductions), X1 the STREAM triad.
#pragma once

#include "bench_common.hpp"

namespace bench {

struct range {
  double lo, hi;
};

// ---------------------------------------------------------------------------
// 1-d element-wise cases: T, NIn inputs, name, input ranges, rtol, loop.
// ---------------------------------------------------------------------------

// E1: r = a + 3.0*b
struct E1_case {
  using T = double;
  static constexpr int NIn = 2;
  static constexpr const char* name = "E1/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) r[i] = a[i] + 3.0 * b[i];
    });
  }
};

// E1u: E1 on arrays that start 8 bytes past a 64-byte boundary (a view
// x[1:] of an aligned array, or memory from std::vector) and whose length is
// not a multiple of the vector: numfuse's first store is partial (the others
// aligned) and its last vector overlaps the one before.
struct E1u_case : E1_case {
  static constexpr const char* name = "E1u/f64";
  static constexpr std::size_t offset_bytes = 8;
};

// X1: the STREAM triad a = b + s*c on 3 x 16M doubles (24 bytes per element
// by STREAM's convention). Same loop as E1; its own name so that the report
// can read the machine's bandwidth from the same run.
struct X1_case : E1_case {
  static constexpr const char* name = "X1/f64";
};

// E2: r = 2*a + 3*b*b - c/d
template <class TT>
struct E2_case {
  using T = TT;
  static constexpr int NIn = 4;
  static constexpr const char* name = sizeof(T) == 8 ? "E2/f64" : "E2/f32";
  static constexpr double rtol = sizeof(T) == 8 ? 1e-14 : 1e-6;
  static range input(int k) { return k == 3 ? range{0.5, 2.0} : range{-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    const T* c = in[2];
    const T* d = in[3];
    split(nt, n, 16, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) r[i] = T(2) * a[i] + T(3) * b[i] * b[i] - c[i] / d[i];
    });
  }
};

// E3: r = sin(a)*sin(a) + cos(b)*cos(b). The loop computes each sine and
// cosine once (scalar libm), as one would write it by hand.
template <class TT>
struct E3_case {
  using T = TT;
  static constexpr int NIn = 2;
  static constexpr const char* name = sizeof(T) == 8 ? "E3/f64" : "E3/f32";
  static constexpr double rtol = sizeof(T) == 8 ? 1e-12 : 1e-5;
  static range input(int) { return {-10.0, 10.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    split(nt, n, 16, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) {
        const T s = std::sin(a[i]);
        const T c = std::cos(b[i]);
        r[i] = s * s + c * c;
      }
    });
  }
};

// E4: r = exp(-0.5*a*a) * c
struct E4_case {
  using T = double;
  static constexpr int NIn = 2;
  static constexpr const char* name = "E4/f64";
  static constexpr double rtol = 1e-12;
  static range input(int k) { return k == 0 ? range{-3.0, 3.0} : range{-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* c = in[1];
    split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) r[i] = std::exp(-0.5 * a[i] * a[i]) * c[i];
    });
  }
};

// E5: r = where(a > 0.5, a, 0.1*a), a uniform in [0, 1): an unpredictable
// 50/50 condition.
struct E5_case {
  using T = double;
  static constexpr int NIn = 1;
  static constexpr const char* name = "E5/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {0.0, 1.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) r[i] = a[i] > 0.5 ? a[i] : 0.1 * a[i];
    });
  }
};

// T1: r = a + b*c on tiny arrays (per-call overhead).
struct T1_case {
  using T = double;
  static constexpr int NIn = 3;
  static constexpr const char* name = "T1/f64";
  static constexpr double rtol = 1e-14;
  static range input(int) { return {-1.0, 1.0}; }
  __attribute__((noinline)) static void loop(int nt, T* r, const T* const* in, std::size_t n) {
    const T* a = in[0];
    const T* b = in[1];
    const T* c = in[2];
    split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) r[i] = a[i] + b[i] * c[i];
    });
  }
};

inline constexpr std::int64_t k1M = 1 << 20;

/// Inputs and one output per element-wise case and size, shared by all sides
/// of a binary; the serial loop's result is the reference.
template <class Case>
struct ew_data {
  using T = typename Case::T;
  static constexpr int NIn = Case::NIn;
  std::size_t n;
  std::vector<placed_array<T>> in_store;
  const T* in[NIn];
  placed_array<T> out;  // written by every side
  placed_array<T> ref;  // the serial loop's result

  /// Bytes past alignment of every array (Case::offset_bytes, or 0).
  static constexpr std::size_t offset = [] {
    if constexpr (requires { Case::offset_bytes; }) {
      return Case::offset_bytes;
    } else {
      return std::size_t(0);
    }
  }();

  explicit ew_data(std::size_t n_) : n(n_), out(n_, offset), ref(n_, offset) {
    for (int k = 0; k < NIn; ++k) {
      const range rg = Case::input(k);
      in_store.push_back(make_input<T>(Case::name, n, k, rg.lo, rg.hi, offset));
      in[k] = in_store.back().data();
    }
    Case::loop(1, ref.data(), in, n);
  }
  /// Runs `side` once on a poisoned output and compares with the reference.
  template <class F>
  void verify(const std::string& side, F&& run) {
    std::fill(out.data(), out.data() + n, T(-12345));
    run();
    check_close(std::string(Case::name) + "/" + side + "/" + std::to_string(n), out.data(),
                ref.data(), n, Case::rtol);
  }
  double bytes() const { return double(n) * sizeof(T) * (NIn + 1); }
};

template <class Case>
ew_data<Case>& get_ew(std::size_t n) {
  static std::vector<std::unique_ptr<ew_data<Case>>> cache;
  for (auto& d : cache)
    if (d->n == n) return *d;
  cache.push_back(std::make_unique<ew_data<Case>>(n));
  return *cache.back();
}

/// Registers <Case::name>/<side>/<n> for the given sizes; fn(State&, data&)
/// runs the timed loop.
template <class Case, class Fn>
void register_ew(const std::string& side, std::vector<std::int64_t> sizes, Fn fn) {
  auto* b = benchmark::RegisterBenchmark((std::string(Case::name) + "/" + side).c_str(),
                                         [fn](benchmark::State& st) {
                                           auto& d = get_ew<Case>(std::size_t(st.range(0)));
                                           fn(st, d);
                                           set_bytes(st, d.bytes());
                                         });
  for (auto n : sizes) b->Arg(n);
  // Wall time: the threaded sides run on more than the timing thread.
  b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

/// The loop side(s) of an element-wise case: loop (1 thread) and, with
/// OpenMP, loop_omp (2 threads).
template <class Case>
void register_ew_loops(std::vector<std::int64_t> sizes) {
  for (int nt : {1, 2}) {
    if (nt > 1 && !kHaveOmp) continue;
    register_ew<Case>(loop_side(nt), sizes, [nt](benchmark::State& st, ew_data<Case>& d) {
      if (nt > 1) d.verify(loop_side(nt), [&] { Case::loop(nt, d.out.data(), d.in, d.n); });
      for (auto _ : st) {
        Case::loop(nt, d.out.data(), d.in, d.n);
        benchmark::ClobberMemory();
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Matrix / strided cases (row-major m x n doubles)
// ---------------------------------------------------------------------------

inline constexpr std::size_t kMat = 2000;    // B1-B3, S1, R5, J1
inline constexpr std::size_t kMatR2 = 4000;  // R2
inline constexpr std::size_t k16M = std::size_t(1) << 24;

// B1: R = A - b[None, :]
__attribute__((noinline)) inline void loop_B1(int nt, const double* A, const double* b, double* R,
                                              std::size_t m, std::size_t n) {
  split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i)
      for (std::size_t j = 0; j < n; ++j) R[i * n + j] = A[i * n + j] - b[j];
  });
}
// B2: R = x[:, None] * y[None, :]
__attribute__((noinline)) inline void loop_B2(int nt, const double* x, const double* y, double* R,
                                              std::size_t m, std::size_t n) {
  split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      const double xi = x[i];
      for (std::size_t j = 0; j < n; ++j) R[i * n + j] = xi * y[j];
    }
  });
}
// B3: R = A + c[:, None]
__attribute__((noinline)) inline void loop_B3(int nt, const double* A, const double* c, double* R,
                                              std::size_t m, std::size_t n) {
  split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      const double ci = c[i];
      for (std::size_t j = 0; j < n; ++j) R[i * n + j] = A[i * n + j] + ci;
    }
  });
}
// S1: R = A.T + A (n x n), cache-blocked: bands of 8 output rows, so each
// A.T load A[j*n + i0 .. i0+7] is one full cache line.
__attribute__((noinline)) inline void loop_S1(int nt, const double* A, double* R, std::size_t n) {
  constexpr std::size_t kb = 8;
  const std::size_t bands = (n + kb - 1) / kb;
  split_rows(nt, bands, n * kb, [&](std::size_t b0, std::size_t b1) {
    for (std::size_t bi = b0; bi < b1; ++bi) {
      const std::size_t i0 = bi * kb;
      const std::size_t i1 = std::min(n, i0 + kb);
      if (i1 - i0 == kb) {
        for (std::size_t j = 0; j < n; ++j) {
          const double* col = A + j * n + i0;
          for (std::size_t k = 0; k < kb; ++k) R[(i0 + k) * n + j] = col[k] + A[(i0 + k) * n + j];
        }
      } else {
        for (std::size_t i = i0; i < i1; ++i)
          for (std::size_t j = 0; j < n; ++j) R[i * n + j] = A[j * n + i] + A[i * n + j];
      }
    }
  });
}
// S2: r = a[::2] + b[::2], len(a) = 2n, n results
__attribute__((noinline)) inline void loop_S2(int nt, const double* a, const double* b, double* r,
                                              std::size_t n) {
  split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) r[i] = a[2 * i] + b[2 * i];
  });
}

// Reductions: four independent accumulators (what a good hand-written
// reduction does; GCC does not reassociate FP sums by itself).
inline double sum4(const double* a, std::size_t lo, std::size_t hi) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = lo;
  for (; i + 4 <= hi; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (; i < hi; ++i) s0 += a[i];
  return (s0 + s1) + (s2 + s3);
}
inline double sumsq4(const double* a, std::size_t lo, std::size_t hi) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = lo;
  for (; i + 4 <= hi; i += 4) {
    s0 += a[i] * a[i];
    s1 += a[i + 1] * a[i + 1];
    s2 += a[i + 2] * a[i + 2];
    s3 += a[i + 3] * a[i + 3];
  }
  for (; i < hi; ++i) s0 += a[i] * a[i];
  return (s0 + s1) + (s2 + s3);
}

// R1: sum(a)
__attribute__((noinline)) inline double loop_R1(int nt, const double* a, std::size_t n) {
  padded<double> part[kMaxThreads];
  split_t(nt, n, [&](int t, std::size_t lo, std::size_t hi) { part[t].v = sum4(a, lo, hi); });
  double s = 0;
  for (int t = 0; t < std::max(nt, 1); ++t) s += part[t].v;
  return s;
}
// R3: sqrt(sum(a*a))
__attribute__((noinline)) inline double loop_R3(int nt, const double* a, std::size_t n) {
  padded<double> part[kMaxThreads];
  split_t(nt, n, [&](int t, std::size_t lo, std::size_t hi) { part[t].v = sumsq4(a, lo, hi); });
  double s = 0;
  for (int t = 0; t < std::max(nt, 1); ++t) s += part[t].v;
  return std::sqrt(s);
}
// R2 axis 0: r[j] = sum_i A[i, j]. Threads split the columns.
__attribute__((noinline)) inline void loop_R2_axis0(int nt, const double* A, double* r, std::size_t m,
                                                    std::size_t n) {
  split_rows(nt, n, m, [&](std::size_t j0, std::size_t j1) {
    for (std::size_t j = j0; j < j1; ++j) r[j] = 0;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = j0; j < j1; ++j) r[j] += A[i * n + j];
  });
}
// R2 axis 1: r[i] = sum_j A[i, j]
__attribute__((noinline)) inline void loop_R2_axis1(int nt, const double* A, double* r, std::size_t m,
                                                    std::size_t n) {
  split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) r[i] = sum4(A + i * n, 0, n);
  });
}
// R4: argmax(a) (first index of the maximum; the inputs have no NaN). Blocks
// of 1024: a vectorizable 4-way max of the block, and an index search only in
// a block whose max beats the best so far.
inline void argmax_range(const double* a, std::size_t lo, std::size_t hi, double& best,
                         std::size_t& at) {
  best = a[lo];
  at = lo;
  constexpr std::size_t kBlock = 1024;
  for (std::size_t b = lo; b < hi; b += kBlock) {
    const std::size_t e = std::min(hi, b + kBlock);
    double m0 = a[b], m1 = a[b], m2 = a[b], m3 = a[b];
    std::size_t i = b;
    for (; i + 4 <= e; i += 4) {
      m0 = a[i] > m0 ? a[i] : m0;
      m1 = a[i + 1] > m1 ? a[i + 1] : m1;
      m2 = a[i + 2] > m2 ? a[i + 2] : m2;
      m3 = a[i + 3] > m3 ? a[i + 3] : m3;
    }
    for (; i < e; ++i) m0 = a[i] > m0 ? a[i] : m0;
    const double m = std::max(std::max(m0, m1), std::max(m2, m3));
    if (m > best) {
      best = m;
      for (std::size_t k = b; k < e; ++k)
        if (a[k] == m) {
          at = k;
          break;
        }
    }
  }
}
__attribute__((noinline)) inline std::size_t loop_R4(int nt, const double* a, std::size_t n) {
  padded<double> best[kMaxThreads];
  padded<std::size_t> at[kMaxThreads];
  for (int t = 0; t < kMaxThreads; ++t) best[t].v = -HUGE_VAL, at[t].v = n;
  split_t(nt, n, [&](int t, std::size_t lo, std::size_t hi) {
    if (lo < hi) argmax_range(a, lo, hi, best[t].v, at[t].v);
  });
  // Chunks are in index order, so a strictly greater value decides ties
  // in favour of the first index.
  std::size_t r = at[0].v;
  double m = best[0].v;
  for (int t = 1; t < std::min(std::max(nt, 1), kMaxThreads); ++t)
    if (best[t].v > m) m = best[t].v, r = at[t].v;
  return r;
}
// R5: per-row mean and (population) standard deviation, two passes as NumPy.
__attribute__((noinline)) inline void loop_R5(int nt, const double* A, double* mu, double* sd,
                                              std::size_t m, std::size_t n) {
  split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
    for (std::size_t i = i0; i < i1; ++i) {
      const double* row = A + i * n;
      const double mean = sum4(row, 0, n) / double(n);
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      std::size_t j = 0;
      for (; j + 4 <= n; j += 4) {
        const double d0 = row[j] - mean, d1 = row[j + 1] - mean, d2 = row[j + 2] - mean,
                     d3 = row[j + 3] - mean;
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      for (; j < n; ++j) s0 += (row[j] - mean) * (row[j] - mean);
      mu[i] = mean;
      sd[i] = std::sqrt(((s0 + s1) + (s2 + s3)) / double(n));
    }
  });
}

// J1: concatenate((A, B), axis) of two m x n matrices into a new array.
// The loop side allocates its result each call, like np.concatenate.
__attribute__((noinline)) inline double* loop_J1(int nt, const double* A, const double* B,
                                                 std::size_t m, std::size_t n, int axis) {
  auto* R = static_cast<double*>(std::malloc(2 * m * n * sizeof(double)));
  if (axis == 0) {
    split(nt, m * n, 8, [&](std::size_t lo, std::size_t hi) {
      std::copy(A + lo, A + hi, R + lo);
      std::copy(B + lo, B + hi, R + m * n + lo);
    });
  } else {
    split_rows(nt, m, n, [&](std::size_t i0, std::size_t i1) {
      for (std::size_t i = i0; i < i1; ++i) {
        std::copy(A + i * n, A + i * n + n, R + i * 2 * n);
        std::copy(B + i * n, B + i * n + n, R + i * 2 * n + n);
      }
    });
  }
  return R;
}
// J2: stack((a, b, c), axis=1) of three length-n vectors: an n x 3 result.
__attribute__((noinline)) inline double* loop_J2(int nt, const double* a, const double* b,
                                                 const double* c, std::size_t n) {
  auto* R = static_cast<double*>(std::malloc(3 * n * sizeof(double)));
  split(nt, n, 8, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      R[3 * i] = a[i];
      R[3 * i + 1] = b[i];
      R[3 * i + 2] = c[i];
    }
  });
  return R;
}

}  // namespace bench
