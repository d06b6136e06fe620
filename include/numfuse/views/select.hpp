#pragma once
#include "numfuse/views/advanced.hpp"
