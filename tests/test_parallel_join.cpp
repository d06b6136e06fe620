// Joins written in blocks (views/join.hpp, write_parts): concatenate, stack
// and hstack along an axis after the first write the result a block of rows
// at a time. Real blocks are 512 KiB; this file makes them 16 bytes (one row
// each) and makes any work worth threads, so that small golden cases take
// the blocked path, serially and on two threads, with blocks that split the
// operands at every row. Named test_parallel*: CI runs it under TSan too.
// Goldens: tests/data/indexing.txt (gen_indexing.py).
#define NUMFUSE_JOIN_BLOCK_BYTES 16
#define NUMFUSE_PARALLEL_MIN_COST 1

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <numfuse/numfuse.hpp>
#include <tuple>
#include <vector>

#include "indexing_common.hpp"

namespace np = numfuse;
using idx_test::check;
using S = np::slice;

namespace {

void run_joins() {
  idx_test::sources s;
  auto& [A, v, M, z] = s;
  const np::ndarray<std::int32_t> B = np::reshape(np::arange<std::int32_t>(0, 8, 1), {2, 4});
  // The golden cases of test_indexing_manip.cpp that join along a later axis.
  check(np::concatenate(std::forward_as_tuple(M.T().view(S(2)), B.view(S(), S(3)),
                                              B.view(S(), S(np::none, np::none, -1))),
                        1),
        "concatenate.1");
  check(np::concatenate(std::forward_as_tuple(M.T(), M.T()), -1), "concatenate.T");
  check(np::concatenate(np::array_split(M, 3, 1), 1), "concatenate.split");
  check(np::stack(std::forward_as_tuple(v, np::flip(v)), -1), "stack.-1");
  check(np::hstack(std::forward_as_tuple(M, M.view(S(), S(np::none, 1)))), "hstack.2d");
  // Larger ones: mixed dtypes, reversed operands, 3-d, several blocks.
  const auto j16 = np::arange<std::int16_t>(0, 37, 1);
  const np::ndarray<double> j64 = np::arange<double>(0, 37, 1) * 0.5;
  const auto j32 = np::arange<std::int32_t>(0, 37, 1);
  check(np::stack(std::forward_as_tuple(j16, j64, j32.view(S(np::none, np::none, -1))), 1),
        "join.stack3");
  const auto col = np::reshape(j64, {37, 1});
  check(np::stack(std::forward_as_tuple(col, col * 2), 2), "join.stack3_ax2");  // an expression
  const np::ndarray<double> P = np::reshape(np::arange<double>(0, 74, 1), {37, 2});
  const np::ndarray<std::int32_t> Q = np::reshape(np::arange<std::int32_t>(0, 111, 1), {37, 3});
  check(np::concatenate(std::forward_as_tuple(P, Q, P.view(S(), S(np::none, np::none, -1))), 1),
        "join.cat_ax1");
  const np::ndarray<std::int64_t> T3 = np::reshape(np::arange<std::int64_t>(0, 30, 1), {2, 5, 3});
  check(np::concatenate(std::vector<np::ndview<const std::int64_t>>{
                            T3.view(), T3.view(S(), S(), S(np::none, 1)),
                            T3.view(S(), S(), S(np::none, np::none, -1))},
                        2),
        "join.cat_3d");
  check(np::hstack(std::forward_as_tuple(P, Q)), "join.hstack");
  (void)A;
  (void)z;
}

}  // namespace

TEST_CASE("joins along a later axis, written one row per block, serially") {
  const int before = np::set_num_threads(1);
  run_joins();
  np::set_num_threads(before);
}

TEST_CASE("joins along a later axis, written one row per block, on two threads") {
  const int before = np::set_num_threads(2);
  run_joins();
  np::set_num_threads(before);
}
