#pragma once
// The built-in lexicon's bytes. Decides nothing about their meaning (parsed by lexicon_parse.cpp).
#include <string_view>

namespace stimmung::detail {
/// The bytes of cpp/data/lexicon.tsv, embedded at build time (see cmake/EmbedFile.cmake).
std::string_view builtin_lexicon_tsv() noexcept;
}  // namespace stimmung::detail
