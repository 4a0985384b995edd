#pragma once
/// @file stimmung.hpp
/// @brief Everything of stimmung's public C++ API.

#include "stimmung/error.hpp"
#include "stimmung/lexicon.hpp"
#include "stimmung/normalize.hpp"
#include "stimmung/profile.hpp"
#include "stimmung/result.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"
