#pragma once
// Parsing and validation of lexicon entries (format: docs/lexicon-format.md), shared by every way a
// Lexicon is made (file, string, entries).

#include <string_view>
#include <vector>

#include "stimmung/lexicon.hpp"

namespace stimmung::detail {

/// The entries of lexicon text, in line order. @throws LexiconError naming @p source and the line.
std::vector<LexiconEntry> parse_lexicon(std::string_view text, std::string_view source);

/// Checks entries built in code like parsed lines and fills in a missing `source` ("source:n").
/// @throws LexiconError naming @p source and the entry's position (1-based).
void validate_entries(std::vector<LexiconEntry>& entries, std::string_view source);

}  // namespace stimmung::detail
