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

/// NumPy's AxisError (a ValueError and an IndexError in NumPy; a
/// value_error here): an axis argument is out of range.
class axis_error : public value_error {
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

/// Python's ZeroDivisionError (np.average: weights that sum to zero).
class zero_division_error : public error {
 public:
  using error::error;
};

/// NumPy's OverflowError: a (weak) scalar does not fit the array's dtype.
class overflow_error : public error {
 public:
  using error::error;
};

/// NumPy's OSError: a file cannot be opened, read or written (np.save,
/// np.load). Also the base of file_format_error, so that one handler catches
/// every problem with a file.
class io_error : public error {
 public:
  using error::error;
};

/// A file is not a valid .npy or .npz: bad magic string, malformed header,
/// truncated data, broken zip structure or checksum. np.load raises
/// ValueError, EOFError or zipfile.BadZipFile for these.
class file_format_error : public io_error {
 public:
  using io_error::io_error;
};

}  // namespace numfuse
