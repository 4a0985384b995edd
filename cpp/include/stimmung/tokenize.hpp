#pragma once
/// @file tokenize.hpp
/// @brief Word tokenization with byte and code-point offsets.

#include <cstdint>
#include <string_view>
#include <vector>

namespace stimmung {

/// @brief What a token is.
enum class TokenKind : std::uint8_t {
  word,    ///< contains a letter ("Blase", "KI-Blase", "H100", "z.B")
  number,  ///< digits with inner separators ("100.000", "3,5")
  punct,   ///< one punctuation or symbol code point
};

/// @brief A token of the input. Offsets are half-open and refer to the text that was tokenized.
struct Token {
  std::uint32_t begin = 0;     ///< first byte
  std::uint32_t end = 0;       ///< one past the last byte
  std::uint32_t cp_begin = 0;  ///< first code point (a Python string index)
  std::uint32_t cp_end = 0;    ///< one past the last code point
  TokenKind kind = TokenKind::word;
  bool hyphenated = false;     ///< a compound written with hyphens ("KI-Blase")
  bool line_start = false;     ///< the token starts a line (used by the sentence splitter)
  bool space_before = false;   ///< whitespace precedes the token
};

/// @brief Splits valid UTF-8 @p text into word, number and punctuation tokens; whitespace is skipped.
/// Word boundaries follow Unicode's word-boundary rules (UAX #29, as ICU applies them) for German text,
/// except that hyphenated compounds stay one token ("KI-Blase"), with `hyphenated` set.
/// @param base_byte, base_cp added to every offset (for tokenizing a slice of a larger text).
/// @throws InvalidInputError when @p base_byte + the size of @p text exceeds kMaxTextBytes (scorer.hpp):
/// the offsets would not fit.
/// @remarks O(n); ASCII takes a fast path.
void tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t base_byte = 0,
              std::uint32_t base_cp = 0);

/// @brief Convenience overload returning a new vector.
[[nodiscard]] std::vector<Token> tokenize(std::string_view text);

}  // namespace stimmung
