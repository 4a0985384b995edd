// Tokenization: words, numbers and punctuation with byte and code-point offsets.
// Decides: token boundaries and kinds (hyphenated compounds stay one word).
// Does not decide: lookup keys (normalize.cpp) or what a token means to the rules.
//
// Design notes: ICU's word-boundary iterator (through Boost.Locale) runs at ~16 MB/s here, too slow for the
// hot path. This tokenizer implements the parts of UAX #29 that German news needs (letters and digits join;
// '.', apostrophes join letters to letters; '.', ',', ';' join digits to digits) with an ASCII fast path,
// and keeps hyphenated compounds whole. tests/cpp/test_tokenize.cpp holds it to ICU's boundaries on
// German text.
#include "stimmung/tokenize.hpp"

#include <unicode/uchar.h>

#include <array>
#include <bit>
#include <cstring>

#include "text_size.hpp"
#include "unicode.hpp"

namespace stimmung {
namespace detail {

namespace {

constexpr std::array<CharClass, 128> make_ascii_table() {
  std::array<CharClass, 128> t{};
  for (auto& c : t) c = CharClass::punct;
  for (char c : {' ', '\t', '\n', '\r', '\v', '\f'}) t[static_cast<unsigned char>(c)] = CharClass::space;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = CharClass::letter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = CharClass::letter;
  for (int c = '0'; c <= '9'; ++c) t[c] = CharClass::digit;
  t[0x1C] = t[0x1D] = t[0x1E] = t[0x1F] = CharClass::space;
  return t;
}
constexpr auto kAscii = make_ascii_table();

// Bytes that continue an ASCII run of a word: 1 for a digit, 2 for a letter, 0 for everything else
// (non-ASCII bytes included, which take the Unicode path).
constexpr std::uint8_t kDigitBit = 1, kLetterBit = 2;
constexpr std::array<std::uint8_t, 256> make_word_bytes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) {
    t[c] = kAscii[c] == CharClass::letter ? kLetterBit : kAscii[c] == CharClass::digit ? kDigitBit : 0;
  }
  return t;
}
constexpr auto kWordBytes = make_word_bytes();

// Bit 7 of each byte of the result is set where the byte of v lies in [lo, hi]; v must be 7-bit bytes.
constexpr std::uint64_t bytes_in_range(std::uint64_t v, unsigned char lo, unsigned char hi) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  return (v + kOnes * (0x80U - lo)) & ~(v + kOnes * (0x7FU - hi)) & (kOnes * 0x80U);
}

// Length of the run of ASCII letters and digits starting at text[i]; sets `letter` when the run holds a
// letter. Eight bytes per step (a typical word takes one), byte by byte in the last seven bytes of text.
[[gnu::always_inline]] inline std::size_t ascii_word_run(std::string_view text, std::size_t i, bool& letter) noexcept {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::size_t start = i;
  while (i + 8 <= text.size()) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    const std::uint64_t ascii = ~w & kHigh;  // bit 7 set on ASCII bytes
    const std::uint64_t v = w & ~kHigh;
    const std::uint64_t letters = bytes_in_range(v | 0x2020202020202020ULL, 'a', 'z') & ascii;
    const std::uint64_t word = (letters | bytes_in_range(v, '0', '9')) & ascii;
    const std::uint64_t stop = ~word & kHigh;
    if (stop == 0) {
      letter |= letters != 0;
      i += 8;
      continue;
    }
    const auto k = static_cast<unsigned>(std::countr_zero(stop)) / 8;  // word bytes before the stop
    letter |= (letters & ((std::uint64_t{1} << (8 * k)) - 1)) != 0;
    return i + k - start;
  }
  std::uint8_t seen = 0, bits = 0;
  while (i < text.size() && (bits = kWordBytes[static_cast<unsigned char>(text[i])]) != 0) {
    seen |= bits;
    ++i;
  }
  letter |= (seen & kLetterBit) != 0;
  return i - start;
}

CharClass classify_icu(char32_t c) noexcept {
  const auto cp = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(cp) || c == 0x200B) return CharClass::space;
  if (u_isdigit(cp)) return CharClass::digit;
  if (u_hasBinaryProperty(cp, UCHAR_ALPHABETIC)) return CharClass::letter;
  // Format characters (a soft hyphen, the zero-width joiners, a byte-order mark) continue a word as marks
  // do (UAX #29 WB4): "Kurs\u00ADeinbruch" is one word. The zero-width space above separates words.
  if ((U_GET_GC_MASK(cp) & (U_GC_M_MASK | U_GC_CF_MASK)) != 0) return CharClass::mark;
  return CharClass::punct;
}

// Umlauts, accented letters, typographic quotes and dashes are common in German news; three ICU property
// calls per such code point were ~9% of scoring. Everything below U+3000 (Latin, Greek, Cyrillic, general
// punctuation) is answered from a table that ICU fills once per process.
constexpr char32_t kTableEnd = 0x3000;

const std::array<CharClass, kTableEnd>& class_table() {
  static const auto table = [] {
    std::array<CharClass, kTableEnd> t{};
    for (char32_t c = 0; c < kTableEnd; ++c) t[c] = c < 128 ? kAscii[c] : classify_icu(c);
    return t;
  }();
  return table;
}

}  // namespace

CharClass classify(char32_t c) noexcept {
  if (c < 128) return kAscii[c];
  if (c < kTableEnd) return class_table()[c];
  return classify_icu(c);
}

}  // namespace detail

namespace {

using detail::CharClass;

// Joiners between two letters (UAX #29 MidLetter / MidNumLet, as ICU applies them).
bool joins_letters(char32_t c) noexcept {
  return c == '.' || c == '\'' || c == 0x2019 || c == 0x00B7 || c == 0x2027 || c == 0xFE52 || c == 0xFF07 ||
         c == 0xFF0E || c == ':';
}
// Joiners between two digits (MidNum / MidNumLet).
bool joins_digits(char32_t c) noexcept {
  return c == '.' || c == ',' || c == ';' || c == '\'' || c == 0x2019 || c == 0x066C || c == 0xFE50 ||
         c == 0xFE54 || c == 0xFF0C || c == 0xFF1B || c == 0xFE52 || c == 0xFF07 || c == 0xFF0E;
}
bool is_hyphen(char32_t c) noexcept { return c == '-' || c == 0x2011; }

// The tokenizer. With kCheck, it also validates the UTF-8 it decodes (ASCII needs no check; every other
// code point is decoded once, here) and returns false on an invalid sequence, whose bytes then count as
// single punctuation code points; without, the text must be valid UTF-8 and it returns true.
template <bool kCheck>
bool tokenize_impl(std::string_view text, std::vector<Token>& out, std::uint32_t base_byte, std::uint32_t base_cp) {
  const std::size_t n = text.size();
  bool valid = true;
  std::size_t i = 0;
  std::uint32_t cp = 0;
  bool line_start = true;
  bool space_before = false;
  const auto& table = detail::class_table();
  const auto classify = [&table](char32_t c) noexcept {
    if (c < 128) return detail::kAscii[c];
    return c < detail::kTableEnd ? table[c] : detail::classify_icu(c);
  };

  auto peek = [&](std::size_t at, std::size_t& len) -> char32_t {
    const auto b = static_cast<unsigned char>(text[at]);
    if (b < 0x80) {
      len = 1;
      return b;
    }
    if constexpr (kCheck) {
      if (detail::valid_sequence_length(text, at) == 0) {
        valid = false;
        len = 1;
        return 0xFFFD;
      }
    }
    return detail::decode(text, at, len);
  };

  while (i < n) {
    if (text[i] == ' ') {  // the common separator, before any decoding
      space_before = true;
      ++i;
      ++cp;
      continue;
    }
    std::size_t len = 1;
    const char32_t c = peek(i, len);
    const CharClass cls = classify(c);
    if (cls == CharClass::space) {
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C || c == 0x85) {
        line_start = true;
      }
      space_before = true;
      i += len;
      ++cp;
      continue;
    }
    Token tok;
    tok.begin = base_byte + static_cast<std::uint32_t>(i);
    tok.cp_begin = base_cp + cp;
    tok.line_start = line_start;
    tok.space_before = space_before;
    line_start = false;
    space_before = false;

    if (cls == CharClass::punct || cls == CharClass::mark) {
      i += len;
      ++cp;
      // A combining mark after punctuation belongs to it (UAX #29 WB4).
      while (i < n) {
        std::size_t l2 = 1;
        const char32_t d = peek(i, l2);
        if (classify(d) != CharClass::mark) break;
        i += l2;
        ++cp;
      }
      tok.kind = TokenKind::punct;
      tok.end = base_byte + static_cast<std::uint32_t>(i);
      tok.cp_end = base_cp + cp;
      out.push_back(tok);
      continue;
    }

    // A word or number: letters, digits and marks, with joiners between them.
    bool has_letter = cls == CharClass::letter;
    CharClass last = cls;  // class of the last letter/digit
    i += len;
    ++cp;
    while (i < n) {
      // The common case first: a run of ASCII letters and digits, one table lookup per byte.
      if (const std::size_t run = detail::ascii_word_run(text, i, has_letter); run != 0) {
        i += run;
        cp += static_cast<std::uint32_t>(run);
        last = detail::kWordBytes[static_cast<unsigned char>(text[i - 1])] == detail::kLetterBit ? CharClass::letter
                                                                                                : CharClass::digit;
        if (i >= n || text[i] == ' ') break;  // a space ends the word: no decoding needed
      }
      std::size_t l1 = 1;
      const char32_t d = peek(i, l1);
      const CharClass k = classify(d);
      if (k == CharClass::letter || k == CharClass::digit) {
        has_letter |= k == CharClass::letter;
        last = k;
        i += l1;
        ++cp;
        continue;
      }
      if (k == CharClass::mark) {
        i += l1;
        ++cp;
        continue;
      }
      if (k != CharClass::punct || i + l1 >= n) break;
      // A joiner counts only when the next code point continues the word.
      std::size_t l2 = 1;
      const char32_t e = peek(i + l1, l2);
      const CharClass next = classify(e);
      bool join = false;
      if (is_hyphen(d)) {
        join = next == CharClass::letter || next == CharClass::digit;
        if (join) tok.hyphenated = true;
      } else if (last == CharClass::letter && next == CharClass::letter) {
        join = joins_letters(d);
      } else if (last == CharClass::digit && next == CharClass::digit) {
        join = joins_digits(d);
      }
      if (!join) break;
      i += l1 + l2;
      cp += 2;
      has_letter |= next == CharClass::letter;
      last = next;
    }
    tok.kind = has_letter ? TokenKind::word : TokenKind::number;
    tok.end = base_byte + static_cast<std::uint32_t>(i);
    tok.cp_end = base_cp + cp;
    out.push_back(tok);
  }
  return valid;
}

}  // namespace

void tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t base_byte, std::uint32_t base_cp) {
  detail::check_text_size(std::size_t{base_byte} + text.size());
  tokenize_impl<false>(text, out, base_byte, base_cp);
}

namespace detail {

bool tokenize_checked(std::string_view text, std::vector<Token>& out, std::uint32_t base_byte, std::uint32_t base_cp) {
  return tokenize_impl<true>(text, out, base_byte, base_cp);
}

}  // namespace detail

std::vector<Token> tokenize(std::string_view text) {
  detail::check_text_size(text.size());  // before the reservation, which grows with the text
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 4);
  tokenize(text, out);
  return out;
}

}  // namespace stimmung
