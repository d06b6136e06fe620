// numfuse/expr/node.hpp -- expression nodes: plain data (children, shape,
// scalars) plus an op tag. No evaluation code lives here: evaluators are
// specialised per SIMD target in simd/evaluator-inl.h.
//
// Lifetime rule: a node holds lvalue operands (arrays, views, other nodes)
// by pointer and rvalue operands by value. An expression is therefore valid
// as long as the named arrays it refers to are alive; temporaries are owned.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

#include "numfuse/core/dtype.hpp"
#include "numfuse/core/fwd.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/expr/ops.hpp"

namespace numfuse::expr {

/// Base of every expression node (a tag: nodes carry no virtuals).
struct node_tag {};

template <class X>
concept node = std::derived_from<std::remove_cvref_t<X>, node_tag>;

namespace detail {
inline const dims& empty_shape() {
  static const dims s;
  return s;
}
}  // namespace detail

// --- leaves ------------------------------------------------------------

/// An array or view the expression refers to (an lvalue the user owns).
template <class A>
struct ref_leaf : node_tag {
  using array_type = A;
  using value_type = std::remove_const_t<typename A::element_type>;
  const A* p;
  explicit ref_leaf(const A& a) noexcept : p(&a) {}
  const value_type* data() const noexcept { return p->data(); }
  const dims& shape() const noexcept { return p->shape(); }
  const dims& element_strides() const noexcept { return p->element_strides(); }
  bool is_c_contiguous() const noexcept { return p->is_c_contiguous(); }
};

/// A temporary array or view the expression owns.
template <class A>
struct own_leaf : node_tag {
  using array_type = A;
  using value_type = std::remove_const_t<typename A::element_type>;
  A a;
  explicit own_leaf(A&& x) noexcept : a(std::move(x)) {}
  const value_type* data() const noexcept { return a.data(); }
  const dims& shape() const noexcept { return a.shape(); }
  const dims& element_strides() const noexcept { return a.element_strides(); }
  bool is_c_contiguous() const noexcept { return a.is_c_contiguous(); }
};

/// A scalar, already converted to the dtype it takes part in (NEP 50).
template <dtype T>
struct scalar_leaf : node_tag {
  using value_type = T;
  T value;
  explicit scalar_leaf(T v) noexcept : value(v) {}
  const dims& shape() const noexcept { return detail::empty_shape(); }
};

/// The 1-d sequence start + i*step, i = 0..n-1 (arange and linspace).
/// In the engine its "pointer" is the element index, its stride 1.
template <dtype T>
struct iota_leaf : node_tag {
  using value_type = T;
  T start, step;
  dims shape_;
  iota_leaf(T s, T d, std::ptrdiff_t n) : start(s), step(d), shape_{n} {}
  const dims& shape() const noexcept { return shape_; }
};

/// An lvalue expression used inside another one.
template <class N>
struct node_ref : node_tag {
  using value_type = typename N::value_type;
  const N* p;
  explicit node_ref(const N& n) noexcept : p(&n) {}
  const dims& shape() const noexcept { return p->shape(); }
};

template <class L> inline constexpr bool is_array_leaf_v = false;
template <class A> inline constexpr bool is_array_leaf_v<ref_leaf<A>> = true;
template <class A> inline constexpr bool is_array_leaf_v<own_leaf<A>> = true;

// --- typing --------------------------------------------------------------

template <class T>
using math_result_t =
    std::conditional_t<std::is_floating_point_v<T>, T,
                       std::conditional_t<(sizeof(T) <= 2), float, double>>;

/// Result and compute dtypes of a binary op on operand dtypes A and B.
template <class Op, class A, class B>
struct binary_types {
  using P = promote_t<A, B>;
  static constexpr op::kind k = Op::kind;
  static_assert(!(std::is_same_v<Op, op::subtract> && std::is_same_v<P, bool>),
                "numpy boolean subtract, the `-` operator, is not supported, use the "
                "bitwise_xor, the `^` operator, or the logical_xor function instead.");
  static_assert(!(k == op::kind::bitwise && std::is_floating_point_v<P>),
                "ufunc 'bitwise_and/or/xor' not supported for floating-point inputs.");
  static_assert(!(k == op::kind::int_only && std::is_floating_point_v<P>),
                "ufunc not supported for floating-point inputs (left_shift, right_shift, gcd, "
                "lcm take integers only).");
  static_assert(!((std::is_same_v<Op, op::gcd> || std::is_same_v<Op, op::lcm>) &&
                  std::is_same_v<P, bool>),
                "ufunc 'gcd'/'lcm' did not contain a loop with signature matching types "
                "(bool, bool).");
  // NumPy has no bool loop for these: bool operands take the int8 loop.
  using int_type = std::conditional_t<std::is_same_v<P, bool>, std::int8_t, P>;
  static_assert(!(k == op::kind::ldexp && !std::is_integral_v<B>),
                "ufunc 'ldexp' not supported for the input types, and the inputs could not be "
                "safely coerced to any supported types according to the casting rule ''safe''");
  static_assert(!(k == op::kind::ldexp && std::is_same_v<B, std::uint64_t>),
                "ufunc 'ldexp' not supported for the input types, and the inputs could not be "
                "safely coerced to any supported types according to the casting rule ''safe''");
  using compute_type = std::conditional_t<
      k == op::kind::float_power, double,
      std::conditional_t<k == op::kind::ldexp, math_result_t<A>,
      std::conditional_t<
      k == op::kind::true_divide && !std::is_floating_point_v<P>, double,
      std::conditional_t<
          k == op::kind::logical, bool,
          std::conditional_t<
              k == op::kind::int_arith || k == op::kind::int_only, int_type,
              std::conditional_t<k == op::kind::float_binary, math_result_t<P>, P>>>>>>;
  using value_type = std::conditional_t<
      k == op::kind::compare || k == op::kind::logical, bool,
      compute_type>;
};

/// Result dtype of a unary op on dtype T.
template <class Op, class T>
struct unary_types {
  static constexpr op::kind k = Op::kind;
  static_assert(!(std::is_same_v<Op, op::negative> && std::is_same_v<T, bool>),
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` "
                "operator or the logical_not function instead.");
  static_assert(!((std::is_same_v<Op, op::sign> || std::is_same_v<Op, op::positive>) &&
                  std::is_same_v<T, bool>),
                "ufunc 'sign'/'positive' did not contain a loop with signature matching types "
                "bool.");
  static_assert(!(k == op::kind::invert && std::is_floating_point_v<T>),
                "ufunc 'invert' not supported for floating-point inputs.");
  using value_type = std::conditional_t<
      k == op::kind::math, math_result_t<T>,
      std::conditional_t<k == op::kind::math64, std::conditional_t<std::is_floating_point_v<T>, T, double>,
      std::conditional_t<
          k == op::kind::logical || k == op::kind::predicate, bool,
          std::conditional_t<k == op::kind::int_unary && std::is_same_v<T, bool>, std::int8_t,
                             T>>>>;
};
template <class To, class T>
struct unary_types<op::cast<To>, T> {
  using value_type = To;
};

template <class Op> inline constexpr bool is_cast_v = false;
template <class To> inline constexpr bool is_cast_v<op::cast<To>> = true;

// --- interior nodes ----------------------------------------------------

/// The broadcast shape of a node's children, computed (and checked) once
/// when the node is built. Usually it is one child's own shape -- equal
/// shapes, an array with scalars, (3, 4) with (4,) -- and is kept as that
/// child's index, so that building a node copies no extents; only shapes
/// that combine several children, (3, 1) with (1, 4), are stored.
///
/// `same` records what the check saw for free: every array leaf below the
/// node has exactly the node's shape (scalars aside). An assignment of such
/// a node compares the output's shape with the node's once, not with each
/// leaf's (eval/assign.hpp, the fast path of small arrays).
struct result_shape {
  int child = 0;               // index of the child whose shape it is; -1: *own
  bool same = false;           // every array leaf has exactly this shape
  std::unique_ptr<dims> own;   // only when no child has the result's shape

  result_shape() = default;
  result_shape(result_shape&&) noexcept = default;
  result_shape& operator=(result_shape&&) noexcept = default;
  result_shape(const result_shape& o)
      : child(o.child), same(o.same), own(o.own ? std::make_unique<dims>(*o.own) : nullptr) {}
  result_shape& operator=(const result_shape& o) {
    if (this != &o) *this = result_shape(o);
    return *this;
  }

  /// The result shape of children with these shapes. Throws broadcast_error,
  /// with NumPy's message, when they are incompatible. children_same: every
  /// child has `same` leaves; scalar: bit j set when child j is a scalar
  /// (no memory, so its shape () need not equal the result's).
  template <class... S>
  [[gnu::always_inline]] static inline result_shape of(bool children_same, unsigned scalar,
                                                       const S&... shapes) {
    result_shape r;
    unsigned equal = 0;  // bit j: child j's shape is exactly the result's
    r.child = containing_child(equal, shapes...);
    if (r.child < 0) r.own = std::make_unique<dims>(broadcast_shapes(shapes...));
    r.same = children_same && (equal | scalar) == (1u << sizeof...(S)) - 1;
    return r;
  }

  /// (Branches, not an array of pointers indexed by child: the shape is on
  /// the critical path of a small assignment, and a store-forwarded index
  /// lookup costs more than a predicted branch.)
  const dims& get(const dims& a, const dims& b) const noexcept {
    return child == 0 ? a : (child == 1 ? b : *own);
  }
  const dims& get(const dims& c, const dims& a, const dims& b) const noexcept {
    return child == 0 ? c : (child == 1 ? a : (child == 2 ? b : *own));
  }

 private:
  /// Whether `from` broadcasts into `to`; eq: whether they are equal.
  [[gnu::always_inline]] static inline bool broadcasts_into(const dims& from, const dims& to,
                                                            bool& eq) noexcept {
    const int off = to.size() - from.size();
    if (off < 0) return false;
    const dims::value_type* f = from.data();
    const dims::value_type* t = to.data() + off;
    eq = off == 0;
    for (int i = 0; i < from.size(); ++i) {
      if (f[i] != t[i]) {
        if (f[i] != 1) return false;
        eq = false;
      }
    }
    return true;
  }
  /// The index of a shape every other one broadcasts into, or -1.
  static int containing_child(unsigned& equal, const dims& a, const dims& b) noexcept {
    bool eq = false;
    if (broadcasts_into(b, a, eq)) {  // equal shapes, a scalar b, (3, 4) with (4,)
      equal = 1u | (unsigned(eq) << 1);
      return 0;
    }
    if (broadcasts_into(a, b, eq)) {
      equal = 2u | unsigned(eq);
      return 1;
    }
    return -1;
  }
  static int containing_child(unsigned& equal, const dims& c, const dims& a,
                              const dims& b) noexcept {
    const dims* s[] = {&c, &a, &b};
    for (int k = 0; k < 3; ++k) {
      const int j1 = (k + 1) % 3, j2 = (k + 2) % 3;
      bool eq1 = false, eq2 = false;
      if (broadcasts_into(*s[j1], *s[k], eq1) && broadcasts_into(*s[j2], *s[k], eq2)) {
        equal = (1u << k) | (unsigned(eq1) << j1) | (unsigned(eq2) << j2);
        return k;
      }
    }
    return -1;
  }
};

template <class Op, class A> struct unary;
template <class Op, class A, class B> struct binary;
template <class C, class A, class B> struct where_node;

/// Whether every array leaf of a node has exactly the node's shape (see
/// result_shape::same). Leaves have their own shape; node kinds not listed
/// (reductions, gathers...) answer false, which only means "not known".
template <class N>
bool leaves_same(const N&) noexcept {
  return false;
}
template <class A>
bool leaves_same(const ref_leaf<A>&) noexcept {
  return true;
}
template <class A>
bool leaves_same(const own_leaf<A>&) noexcept {
  return true;
}
template <class T>
bool leaves_same(const scalar_leaf<T>&) noexcept {
  return true;
}
template <class T>
bool leaves_same(const iota_leaf<T>&) noexcept {
  return true;
}
template <class N>
bool leaves_same(const node_ref<N>& n) noexcept {
  return leaves_same(*n.p);
}
template <class Op, class A>
bool leaves_same(const unary<Op, A>& n) noexcept {
  return leaves_same(n.a);
}
template <class Op, class A, class B>
bool leaves_same(const binary<Op, A, B>& n) noexcept {
  return n.shape_.same;
}
template <class C, class A, class B>
bool leaves_same(const where_node<C, A, B>& n) noexcept {
  return n.shape_.same;
}

template <class L> inline constexpr unsigned is_scalar_leaf_v = 0;
template <class T> inline constexpr unsigned is_scalar_leaf_v<scalar_leaf<T>> = 1;

template <class Op, class A>
struct unary : node_tag {
  using value_type = typename unary_types<Op, typename A::value_type>::value_type;
  using op_type = Op;
  A a;
  explicit unary(A x) : a(std::move(x)) {}
  const dims& shape() const noexcept { return a.shape(); }
};

template <class Op, class A, class B>
struct binary : node_tag {
  using types = binary_types<Op, typename A::value_type, typename B::value_type>;
  using value_type = typename types::value_type;
  using compute_type = typename types::compute_type;
  using op_type = Op;
  A a;
  B b;
  result_shape shape_;
  template <class X, class Y>
  binary(X&& x, Y&& y)
      : a(std::forward<X>(x)),
        b(std::forward<Y>(y)),
        shape_(result_shape::of(leaves_same(a) && leaves_same(b),
                                is_scalar_leaf_v<A> | is_scalar_leaf_v<B> << 1, a.shape(),
                                b.shape())) {}
  const dims& shape() const noexcept { return shape_.get(a.shape(), b.shape()); }
};

template <class C, class A, class B>
struct where_node : node_tag {
  using value_type = promote_t<typename A::value_type, typename B::value_type>;
  C c;
  A a;
  B b;
  result_shape shape_;
  where_node(C cond, A x, B y)
      : c(std::move(cond)),
        a(std::move(x)),
        b(std::move(y)),
        shape_(result_shape::of(leaves_same(c) && leaves_same(a) && leaves_same(b),
                                is_scalar_leaf_v<C> | is_scalar_leaf_v<A> << 1 |
                                    is_scalar_leaf_v<B> << 2,
                                c.shape(), a.shape(), b.shape())) {}
  const dims& shape() const noexcept { return shape_.get(c.shape(), a.shape(), b.shape()); }
};

// --- leaf counting and visiting -----------------------------------------

/// Number of array operands (leaves with memory) in a node.
template <class N> inline constexpr int leaf_count_v = 0;
template <class A> inline constexpr int leaf_count_v<ref_leaf<A>> = 1;
template <class A> inline constexpr int leaf_count_v<own_leaf<A>> = 1;
template <class T> inline constexpr int leaf_count_v<iota_leaf<T>> = 1;
template <class N> inline constexpr int leaf_count_v<node_ref<N>> = leaf_count_v<N>;
template <class O, class A> inline constexpr int leaf_count_v<unary<O, A>> = leaf_count_v<A>;
template <class O, class A, class B>
inline constexpr int leaf_count_v<binary<O, A, B>> = leaf_count_v<A> + leaf_count_v<B>;
template <class C, class A, class B>
inline constexpr int leaf_count_v<where_node<C, A, B>> =
    leaf_count_v<C> + leaf_count_v<A> + leaf_count_v<B>;

/// Widest element size (bytes) of any value or compute type in a node; the
/// kernel's vector tag is chosen from it so that every type fits.
template <class N> inline constexpr int widest_v = int(sizeof(typename N::value_type));
template <class N> inline constexpr int widest_v<node_ref<N>> = widest_v<N>;
template <class O, class A>
inline constexpr int widest_v<unary<O, A>> =
    std::max({int(sizeof(typename unary<O, A>::value_type)), widest_v<A>});
template <class O, class A, class B>
inline constexpr int widest_v<binary<O, A, B>> =
    std::max({int(sizeof(typename binary<O, A, B>::compute_type)), widest_v<A>, widest_v<B>});
template <class C, class A, class B>
inline constexpr int widest_v<where_node<C, A, B>> =
    std::max({int(sizeof(typename where_node<C, A, B>::value_type)), widest_v<C>, widest_v<A>,
              widest_v<B>});

/// Work per element of a node, in cost units (about one vector add; each
/// op's cost is in the op table, expr/ops.hpp). A leaf costs 1 (its load).
/// Drives the thread cost model (eval/parallel.hpp): a sin is worth
/// parallelising at sizes where an add is not.
template <class N> inline constexpr int cost_v = 1;
template <class N> inline constexpr int cost_v<node_ref<N>> = cost_v<N>;
template <class O, class A> inline constexpr int cost_v<unary<O, A>> = O::cost + cost_v<A>;
template <class O, class A, class B>
inline constexpr int cost_v<binary<O, A, B>> = O::cost + cost_v<A> + cost_v<B>;
template <class C, class A, class B>
inline constexpr int cost_v<where_node<C, A, B>> = 1 + cost_v<C> + cost_v<A> + cost_v<B>;

/// Calls f(leaf) for every array/iota leaf, depth first, left to right
/// (the order in which evaluators number them).
template <class N, class F>
void for_each_leaf(const N& n, F&& f) {
  if constexpr (is_array_leaf_v<N>) {
    f(n);
  } else if constexpr (requires { n.step; }) {
    f(n);  // iota
  } else if constexpr (requires { n.p->shape(); } && !is_array_leaf_v<N>) {
    for_each_leaf(*n.p, f);  // node_ref
  } else if constexpr (requires { n.c; }) {
    for_each_leaf(n.c, f);
    for_each_leaf(n.a, f);
    for_each_leaf(n.b, f);
  } else if constexpr (requires { n.b; }) {
    for_each_leaf(n.a, f);
    for_each_leaf(n.b, f);
  } else if constexpr (requires { n.a; }) {
    for_each_leaf(n.a, f);
  }
}

}  // namespace numfuse::expr
