// The single translation unit that provides doctest's main(); every test
// executable links the numfuse_doctest_main object library.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
