#pragma once
// The size check at every public entry point that takes a text (scorer.cpp, document.cpp, segment.cpp,
// tokenize.cpp).
// Decides: which texts are too long to score (more than kMaxTextBytes, because offsets in results are
// 32-bit) and what the refusal says. Does not decide what a caller does with a refused record (a batch
// fails as a whole; the CLI checks each record first and gives it an error row).

#include <cstddef>
#include <string>
#include <string_view>

#include "stimmung/error.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung::detail {

/// Throws InvalidInputError saying that @p what (e.g. "text", "texts[17]") is @p bytes long, over the limit.
[[noreturn]] inline void text_too_large(std::size_t bytes, std::string_view what) {
  throw InvalidInputError(std::string(what) + " is " + std::to_string(bytes) +
                          " bytes of UTF-8; stimmung scores texts of at most " + std::to_string(kMaxTextBytes) +
                          " bytes (4 GiB - 1, kMaxTextBytes; offsets in results are 32-bit): split it first");
}

/// Throws InvalidInputError (text_too_large) when @p bytes is more than kMaxTextBytes.
inline void check_text_size(std::size_t bytes, std::string_view what = "text") {
  if (bytes > kMaxTextBytes) [[unlikely]] {
    text_too_large(bytes, what);
  }
}

}  // namespace stimmung::detail
