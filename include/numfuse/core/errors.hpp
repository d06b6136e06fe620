// numfuse/core/errors.hpp -- the exception types numfuse throws.
//
// Each mirrors the Python exception NumPy raises for the same mistake, and the
// messages follow NumPy's wording so that users can search for them.
#pragma once

#include <stdexcept>
#include <string>

namespace numfuse {

/// Base of every numfuse exception.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// NumPy's ValueError: a value (shape, size, argument) is not acceptable.
class value_error : public error {
 public:
  using error::error;
};

/// ValueError raised when operands cannot be broadcast together.
class broadcast_error : public value_error {
 public:
  using value_error::value_error;
};

/// NumPy's IndexError: an index is out of range.
class index_error : public error {
 public:
  using error::error;
};

/// NumPy's TypeError: an operation does not support the given dtypes.
class type_error : public error {
 public:
  using error::error;
};

/// NumPy's OverflowError: a (weak) scalar does not fit the array's dtype.
class overflow_error : public error {
 public:
  using error::error;
};

}  // namespace numfuse
