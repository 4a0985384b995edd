#pragma once
// Internal UTF-8 helpers shared by normalization, tokenization and segmentation.
// Decides: UTF-8 decoding and character classes. Does not decide token, key or sentence boundaries.

#include <cstddef>
#include <cstdint>
#include <locale>
#include <string_view>
#include <vector>

#include "stimmung/tokenize.hpp"

namespace stimmung::detail {

/// The Boost.Locale (ICU) locale "de_DE.UTF-8", generated once per process.
const std::locale& locale();

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t valid_multibyte_length(std::string_view s, std::size_t i) noexcept;
inline std::size_t valid_sequence_length(std::string_view s, std::size_t i) noexcept {
  // The common cases inline: ASCII, and two-byte sequences (umlauts, ß); the rest out of line.
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) return 2;
  return valid_multibyte_length(s, i);
}

/// Length of the invalid sequence at s[i] that one U+FFFD replaces.
std::size_t invalid_sequence_length(std::string_view s, std::size_t i) noexcept;

/// Decodes the code point at s[i] (valid UTF-8 assumed) and sets len to its byte length.
inline char32_t decode(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto at = [&](std::size_t k) -> char32_t {
    return i + k < s.size() ? static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F) : 0;
  };
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  if (b0 < 0xE0) {
    len = 2;
    return (static_cast<char32_t>(b0 & 0x1F) << 6) | at(1);
  }
  if (b0 < 0xF0) {
    len = 3;
    return (static_cast<char32_t>(b0 & 0x0F) << 12) | (at(1) << 6) | at(2);
  }
  len = 4;
  return (static_cast<char32_t>(b0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
}

/// ASCII upper case to lower case in all eight bytes of @p w at once. Bytes with bit 7 set may only follow
/// (at higher addresses than) the bytes whose result matters: a carry only moves toward higher bytes.
constexpr std::uint64_t ascii_lower8(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const std::uint64_t at_least_a = w + kOnes * (0x80 - 'A');  // bit 7 set where byte >= 'A'
  const std::uint64_t above_z = w + kOnes * (0x7F - 'Z');     // bit 7 set where byte > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & (kOnes * 0x80);
  return w | (upper >> 2);  // 0x80 >> 2 == 0x20, the case bit
}
static_assert(ascii_lower8(0x5A41615B40317A5AULL) == 0x7A61615B40317A7AULL);

/// Writes the lookup key of a word made of ASCII and precomposed German letters to dst (w.size() bytes:
/// ä, ö, ü, ß and their spellings ae, oe, ue, ss are both two bytes). Returns false, with dst partly
/// written, when the word needs the full Unicode path (append_lookup_key).
bool german_key(std::string_view w, char* dst) noexcept;

/// stimmung::tokenize for text that may hold invalid UTF-8: returns false when it does (the tokens are
/// then meaningless), validating only the non-ASCII code points it decodes anyway.
bool tokenize_checked(std::string_view text, std::vector<Token>& out, std::uint32_t base_byte,
                      std::uint32_t base_cp);

/// Unicode character classes the tokenizer needs (ICU properties for non-ASCII).
enum class CharClass : std::uint8_t { space, letter, digit, mark, punct };
CharClass classify(char32_t c) noexcept;

}  // namespace stimmung::detail
