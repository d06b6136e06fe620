// numfuse/expr/reduce.hpp -- the reduction node: plain data (the reduced
// operand, which axes, keepdims) plus the combining op and the accumulator
// dtype. A reduction is a lazy array operand: inside a larger expression it
// is computed once, before the elementwise pass, into a buffer it owns, and
// the elementwise kernel reads it as an array leaf (eval/reduce.hpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "numfuse/core/errors.hpp"
#include "numfuse/core/fwd.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/expr/node.hpp"

namespace numfuse {

/// The `axis` argument of a reduction: all axes (NumPy's axis=None, the
/// default), one axis, or several; negative axes count from the end.
///   np::sum(a)            np::sum(a, 1)          np::sum(a, {0, 2})
class axis_arg {
 public:
  axis_arg() = default;  // all axes
  axis_arg(std::nullopt_t) {}  // NOLINT: np::sum(a, std::nullopt, true)
  axis_arg(int axis) : all_(false), axes_{axis} {}  // NOLINT
  axis_arg(std::initializer_list<int> axes) : all_(false), axes_(axes) {}
  axis_arg(std::vector<int> axes) : all_(false), axes_(std::move(axes)) {}  // NOLINT

  /// Is this NumPy's axis=None (all axes)?
  bool is_none() const noexcept { return all_; }

  /// The reduced axes of an ndim-dimensional operand, as a bit set; throws
  /// axis_error / value_error with NumPy's messages.
  std::uint64_t mask(int ndim) const {
    if (all_) return ndim >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << ndim) - 1;
    // Two passes, as NumPy's ufunc.reduce: every axis is checked against
    // ndim before any duplicate is looked for (so (0, -2, -4) on a 2-d
    // array is an AxisError, not a duplicate).
    for (int a : axes_) {
      if (a < -ndim || a >= ndim) {
        throw axis_error("axis " + std::to_string(a) + " is out of bounds for array of dimension " +
                         std::to_string(ndim));
      }
    }
    std::uint64_t m = 0;
    for (int a : axes_) {
      const int n = a < 0 ? a + ndim : a;
      if (m & (std::uint64_t(1) << n)) throw value_error("duplicate value in 'axis'");
      m |= std::uint64_t(1) << n;
    }
    return m;
  }

 private:
  bool all_ = true;
  std::vector<int> axes_;
};

namespace expr {

/// Reductions computed as one sequential chain per result element, as
/// NumPy computes them: float products (NumPy's multiply.reduce multiplies
/// from the first element to the last; only float sums are pairwise).
template <class Op, class Acc>
inline constexpr bool sequential_reduce_v =
    std::is_floating_point_v<Acc> && std::is_same_v<Op, op::multiply>;

/// The identity a reduction starts from (maximum: the lowest value, -inf
/// for floats; minimum: the highest; fmax/fmin: NaN).
template <class Op, class T>
constexpr T reduce_identity() {
  if constexpr (std::is_same_v<Op, op::add>) {
    return T(0);
  } else if constexpr (std::is_same_v<Op, op::multiply>) {
    return T(1);
  } else if constexpr (std::is_same_v<Op, op::maximum>) {
    return std::is_floating_point_v<T> ? -std::numeric_limits<T>::infinity()
                                       : std::numeric_limits<T>::lowest();
  } else if constexpr (std::is_same_v<Op, op::fmax> || std::is_same_v<Op, op::fmin>) {
    // nanmax/nanmin (floats only): fmax(NaN, x) is x, and a slice of NaNs
    // stays NaN, as NumPy's nanmax gives for an all-NaN slice.
    static_assert(std::is_floating_point_v<T>, "fmax/fmin reductions are for floats");
    return std::numeric_limits<T>::quiet_NaN();
  } else {
    return std::is_floating_point_v<T> ? std::numeric_limits<T>::infinity()
                                       : std::numeric_limits<T>::max();
  }
}

/// The combining op on two scalars, with the vector op's semantics (NaN
/// propagates through maximum/minimum; integers wrap). The reduce kernel
/// uses it for horizontal steps, the parallel layer to fold chunk results.
template <class Op, class T>
constexpr T combine_scalar(T a, T b) {
  if constexpr (std::is_same_v<Op, op::add> || std::is_same_v<Op, op::multiply>) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      using U = std::make_unsigned_t<T>;
      const U x = static_cast<U>(a), y = static_cast<U>(b);
      return static_cast<T>(std::is_same_v<Op, op::add> ? U(x + y) : U(x * y));
    } else {
      return std::is_same_v<Op, op::add> ? T(a + b) : T(a * b);
    }
  } else if constexpr (std::is_same_v<Op, op::maximum>) {
    return (a > b || a != a) ? a : b;
  } else if constexpr (std::is_same_v<Op, op::fmax>) {  // nanmax: a NaN operand is ignored
    return (a > b || b != b) ? a : b;
  } else if constexpr (std::is_same_v<Op, op::fmin>) {
    return (a < b || b != b) ? a : b;
  } else {
    static_assert(std::is_same_v<Op, op::minimum>, "reduction op");
    return (a < b || a != a) ? a : b;
  }
}

/// "No index yet" in an arg-reduction's index result (an all-NaN slice of
/// nanargmax keeps it).
inline constexpr std::int64_t arg_none = std::numeric_limits<std::int64_t>::max();

/// Does value v at index i beat the best (bv, bi) so far (bi == arg_none:
/// nothing yet)? Ties keep the smaller index; argmax/argmin: the first NaN
/// wins. The nan forms never offer a NaN. The one rule of the kernel's
/// lanes and of any fold of partial results (eval/argreduce.hpp).
template <class Op, class C>
constexpr bool arg_better(C v, std::int64_t i, C bv, std::int64_t bi) {
  if (bi == arg_none) return true;
  if constexpr (std::is_floating_point_v<C> && !Op::skip_nan) {
    if (bv != bv) return v != v && i < bi;
    if (v != v) return true;
  }
  if (Op::max ? v > bv : v < bv) return true;
  return v == bv && i < bi;
}

/// Reduced rows are combined in chunks of this many elements, left to
/// right (NumPy's ufunc buffer size, which its float sums follow); chunk
/// boundaries never depend on the thread count.
inline constexpr std::ptrdiff_t reduce_chunk = 8192;

/// What reducing some axes of a shape gives: the bit set of reduced axes,
/// the result's shape (keepdims or not) and C strides, and how many
/// elements combine into each result.
struct reduced_shape {
  std::uint64_t axes = 0;
  dims shape_;
  dims estrides_;
  std::ptrdiff_t count = 1;

  reduced_shape(const dims& s, const axis_arg& axis, bool keepdims) : axes(axis.mask(s.size())) {
    for (int d = 0; d < s.size(); ++d) {
      if (reduces(d)) {
        count *= s[d];
        if (keepdims) shape_.push_back(1);
      } else {
        shape_.push_back(s[d]);
      }
    }
    estrides_ = numfuse::detail::c_strides(shape_);
  }
  bool reduces(int d) const noexcept { return (axes >> d) & 1; }
  const dims& shape() const noexcept { return shape_; }
  const dims& element_strides() const noexcept { return estrides_; }
};

/// reduce(Op, Acc) over some axes of A. Op is the combining elementwise op
/// (add, multiply, maximum, minimum); Acc the accumulator and result dtype.
/// `result` is filled by the engine before any kernel reads this node.
template <class Op, dtype Acc, class A>
struct reduce_node : node_tag, reduced_shape {
  using value_type = Acc;
  using array_type = ndarray<Acc>;  // what the elementwise pass reads (C order)
  using op_type = Op;
  A a;
  mutable std::shared_ptr<ndarray<Acc>> result;
  /// any/all are maximum/minimum over truth values with identities False and
  /// True: an empty any/all is valid (max/min of an empty array throws).
  bool empty_ok = false;

  reduce_node(A x, const axis_arg& axis, bool keepdims)
      : reduced_shape(x.shape(), axis, keepdims), a(std::move(x)) {}
  const Acc* data() const noexcept { return result->data(); }  // after evaluation
  /// A full reduction (or any size-1 result) converts to its scalar:
  /// `double s = np::sum(a);` (eval/reduce.hpp).
  operator Acc() const;  // NOLINT: implicit, as NumPy's 0-d results are scalars
};

/// var / std: sum((a - mean(a))**2) / (count - ddof), square-rooted for std.
/// Evaluated by the engine in two passes (mean, then squared deviations),
/// NumPy's algorithm; Acc is the float dtype of the result.
template <dtype Acc, class A>
struct var_node : node_tag, reduced_shape {
  using value_type = Acc;
  using array_type = ndarray<Acc>;
  A a;
  double ddof = 0;
  bool root = false;  // std
  bool keepdims = false;
  mutable std::shared_ptr<ndarray<Acc>> result;

  var_node(A x, const axis_arg& axis, bool keep, double dd, bool sqrt_of)
      : reduced_shape(x.shape(), axis, keep), a(std::move(x)), ddof(dd), root(sqrt_of),
        keepdims(keep) {}
  const Acc* data() const noexcept { return result->data(); }
};

/// var / std as var() and std() build them: a var_node that the engine
/// evaluates row by row when each result element reduces one row of the
/// plan (both passes while the row is in cache; eval/var_rows.hpp), and
/// as a var_node otherwise.
template <dtype Acc, class A>
struct var_rows_node : var_node<Acc, A> {
  using var_node<Acc, A>::var_node;
};
template <class T, class A> void evaluate(const var_rows_node<T, A>& v);  // eval/var_rows.hpp

template <class O, class T, class A>
inline constexpr bool is_array_leaf_v<reduce_node<O, T, A>> = true;
template <class O, class T, class A>
inline constexpr int leaf_count_v<reduce_node<O, T, A>> = 1;

template <class T, class A> inline constexpr bool is_array_leaf_v<var_node<T, A>> = true;
template <class T, class A> inline constexpr int leaf_count_v<var_node<T, A>> = 1;
template <class T, class A> inline constexpr bool is_array_leaf_v<var_rows_node<T, A>> = true;
template <class T, class A> inline constexpr int leaf_count_v<var_rows_node<T, A>> = 1;

template <class N> inline constexpr bool is_reduce_v = false;
template <class O, class T, class A> inline constexpr bool is_reduce_v<reduce_node<O, T, A>> = true;
template <class T, class A> inline constexpr bool is_reduce_v<var_node<T, A>> = true;
template <class T, class A> inline constexpr bool is_reduce_v<var_rows_node<T, A>> = true;

/// Calls f(r) for every reduction in n that is not inside another one
/// (inner reductions are the outer one's business), left to right.
template <class N, class F>
void for_each_reduction(const N& n, F&& f) {
  if constexpr (is_reduce_v<N>) {
    f(n);
  } else if constexpr (is_array_leaf_v<N> || requires { n.step; } || requires { n.value; }) {
    // arrays, iota and scalars hold no reduction
  } else if constexpr (requires { n.p->shape(); }) {
    for_each_reduction(*n.p, f);  // node_ref
  } else if constexpr (requires { n.c; }) {
    for_each_reduction(n.c, f);
    for_each_reduction(n.a, f);
    for_each_reduction(n.b, f);
  } else if constexpr (requires { n.b; }) {
    for_each_reduction(n.a, f);
    for_each_reduction(n.b, f);
  } else if constexpr (requires { n.a; }) {
    for_each_reduction(n.a, f);
  }
}

template <class N> inline constexpr bool has_reduction_v = false;
template <class O, class T, class A> inline constexpr bool has_reduction_v<reduce_node<O, T, A>> = true;
template <class T, class A> inline constexpr bool has_reduction_v<var_node<T, A>> = true;
template <class T, class A> inline constexpr bool has_reduction_v<var_rows_node<T, A>> = true;
template <class N> inline constexpr bool has_reduction_v<node_ref<N>> = has_reduction_v<N>;
template <class O, class A> inline constexpr bool has_reduction_v<unary<O, A>> = has_reduction_v<A>;
template <class O, class A, class B>
inline constexpr bool has_reduction_v<binary<O, A, B>> = has_reduction_v<A> || has_reduction_v<B>;
template <class C, class A, class B>
inline constexpr bool has_reduction_v<where_node<C, A, B>> =
    has_reduction_v<C> || has_reduction_v<A> || has_reduction_v<B>;

}  // namespace expr
}  // namespace numfuse
