#pragma once
// The built-in language profile's bytes. Decides nothing about their meaning (parsed by profile.cpp).
#include <string_view>

namespace stimmung::detail {
/// The bytes of cpp/data/profile_de.tsv, embedded at build time (see cmake/EmbedFile.cmake).
std::string_view builtin_profile_tsv() noexcept;
}  // namespace stimmung::detail
