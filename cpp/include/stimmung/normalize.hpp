#pragma once
/// @file normalize.hpp
/// @brief UTF-8 validation, NFC normalization, case folding and the lookup keys of the lexicon.

#include <cstddef>
#include <string>
#include <string_view>

namespace stimmung {

/// @brief What to do with bytes that are not valid UTF-8.
enum class Utf8Policy {
  replace,  ///< replace each invalid sequence by U+FFFD (default; never throws)
  strict,   ///< throw InvalidInputError naming the byte offset
};

/// @return true when @p text is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
/// @remarks O(n) with an ASCII fast path.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

/// @brief Returns @p text with every maximal invalid sequence replaced by U+FFFD, or throws under
/// Utf8Policy::strict. An encoded surrogate (ED A0..BF xx, as Python's "surrogatepass" writes a lone
/// surrogate) becomes a single U+FFFD, so code-point offsets stay aligned with the Python string.
/// @param replaced if not null, receives the number of replacements made.
[[nodiscard]] std::string sanitize_utf8(std::string_view text, Utf8Policy policy = Utf8Policy::replace,
                                        std::size_t* replaced = nullptr);

/// @return @p text in Unicode Normalization Form C (Boost.Locale, ICU backend).
[[nodiscard]] std::string normalize_nfc(std::string_view text);

/// @return @p text with full Unicode case folding ("Straße" -> "strasse"), NFC first.
[[nodiscard]] std::string fold_case(std::string_view text);

/// @brief The key under which a word is looked up in the lexicon: NFC, case-folded, with ä/ö/ü written
/// ae/oe/ue and ß as ss, so "Nervosität", "NERVOSITÄT" and "Nervositaet" share one key. Invisible
/// (default-ignorable) code points such as a soft hyphen or a zero-width joiner are left out.
/// @remarks ASCII words take a fast path that allocates only the result.
[[nodiscard]] std::string lookup_key(std::string_view word);

/// @brief Appends the lookup key of @p word to @p out (no allocation when @p out has capacity).
void append_lookup_key(std::string_view word, std::string& out);

/// @return The number of code points in valid UTF-8 @p text.
[[nodiscard]] std::size_t count_code_points(std::string_view text) noexcept;

}  // namespace stimmung
