// numfuse/views/members.hpp -- the NumPy methods ndarray and ndview share
// that return views (a.T(), a.reshape(shape)), as a CRTP base: the free
// functions of views/manipulation.hpp applied to the array itself. (A base
// class, because a member named T cannot live in a class whose template
// parameter is T.)
#pragma once

#include <utility>

#include "numfuse/core/shape.hpp"
#include "numfuse/expr/make.hpp"

namespace numfuse {

// Defined in views/manipulation.hpp.
template <class A>
  requires array_operand<A>
auto transpose(A&& a);
template <class A>
  requires array_operand<A>
auto reshape(A&& a, const dims& shape);

namespace detail {

template <class Derived>
class view_members {
 public:
  /// np.ndarray.T: the axes reversed (a view). Of a temporary array, the
  /// view owns the array.
  auto T() & { return numfuse::transpose(self()); }
  auto T() const& { return numfuse::transpose(cself()); }
  auto T() && { return numfuse::transpose(std::move(self())); }
  /// np.ndarray.reshape: a view when the layout allows, else a view of a
  /// copy (views/manipulation.hpp).
  auto reshape(const dims& shape) & { return numfuse::reshape(self(), shape); }
  auto reshape(const dims& shape) const& { return numfuse::reshape(cself(), shape); }
  auto reshape(const dims& shape) && { return numfuse::reshape(std::move(self()), shape); }

 private:
  Derived& self() noexcept { return static_cast<Derived&>(*this); }
  const Derived& cself() const noexcept { return static_cast<const Derived&>(*this); }
};

}  // namespace detail
}  // namespace numfuse
