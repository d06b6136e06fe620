// numfuse/numfuse.hpp -- NumPy's array API for C++, lazy and fused.
//
//   #include <numfuse/numfuse.hpp>
//   namespace np = numfuse;
//   np::ndarray<double> c = a * b + np::sin(a);   // one SIMD pass
#pragma once

#include "numfuse/config.hpp"
#include "numfuse/core/dtype.hpp"
#include "numfuse/core/errors.hpp"
#include "numfuse/core/shape.hpp"
#include "numfuse/core/ndview.hpp"
#include "numfuse/core/ndarray.hpp"
#include "numfuse/core/creation.hpp"
#include "numfuse/expr/operators.hpp"
#include "numfuse/expr/functions.hpp"
#include "numfuse/expr/reductions.hpp"
#include "numfuse/eval/argreduce.hpp"
#include "numfuse/eval/select_var.hpp"
#include "numfuse/eval/scan.hpp"
#include "numfuse/eval/var_rows.hpp"
#include "numfuse/eval/eval_many.hpp"
#include "numfuse/expr/diff_average.hpp"
#include "numfuse/expr/reduce_where.hpp"
#include "numfuse/expr/ufuncs.hpp"
#include "numfuse/views/index.hpp"
#include "numfuse/views/manipulation.hpp"
#include "numfuse/views/join.hpp"
#include "numfuse/views/matrix.hpp"
#include "numfuse/eval/parallel.hpp"
#include "numfuse/views/advanced.hpp"
#include "numfuse/views/select.hpp"
#include "numfuse/views/manip2.hpp"
#include "numfuse/simd/target.hpp"
#include "numfuse/io/print.hpp"
#include "numfuse/io/npy.hpp"
#include "numfuse/io/npz.hpp"
