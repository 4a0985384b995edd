// Unicode's sentence boundaries (UAX #29) of a text, as ICU's sentence break iterator finds them.
// Decides: nothing of its own: it must give ICU's boundaries, or say that it cannot.
// Does not decide: the German corrections (segment.cpp merges and adds boundaries after this).
//
// Design notes: ICU's break iterator was ~27% of the time of scoring a document of prose (a state machine
// per code point, read through a UText). Almost every code point of German text is a letter, digit, space
// or comma, which decides nothing: a boundary can only follow a paragraph separator or a run of sentence
// terminators (. ! ? and the like, then closing punctuation, then spaces). This scanner looks at those
// runs only and applies the rules SB3-SB11 there, with the Sentence_Break property from ICU (a table below
// U+3000, filled once). Rule SB5 (Extend and Format characters, e.g. a soft hyphen or a combining accent,
// are transparent) makes every rule look through them; a text that holds one, or invalid UTF-8, is left
// to ICU instead (sentence_breaks returns false), as is everything the scanner is not sure of.
// tests/cpp/test_boundaries.cpp holds it to ICU's boundaries on random text.
#include <unicode/uchar.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "unicode.hpp"

namespace stimmung::detail {
namespace {

using SB = USentenceBreak;

constexpr char32_t kTableEnd = 0x3000;

struct Tables {
  std::array<std::uint8_t, kTableEnd> sb{};  // the Sentence_Break class below U+3000
  // ASCII bytes the scanner must look at: terminators, separators (and Extend/Format, of which ASCII
  // has none). Letters, digits, spaces and other punctuation decide nothing by themselves.
  std::array<bool, 128> stop{};
  bool swar = false;  // skip8 may test the stops: they are . ! ? LF CR, as it assumes
  bool latin1 = false;  // no code point of U+00C0..U+00FF matters (so their two bytes are skipped unread)
};

bool matters(std::uint8_t c) {
  return c == U_SB_ATERM || c == U_SB_STERM || c == U_SB_CR || c == U_SB_LF || c == U_SB_SEP ||
         c == U_SB_EXTEND || c == U_SB_FORMAT;
}

// Whether the ASCII bytes that matter are exactly . ! ? LF CR (which skip8 tests without the table).
bool swar_stops(const std::array<bool, 128>& stop) {
  std::array<bool, 128> expected{};
  for (const char c : {'.', '!', '?', '\n', '\r'}) expected[static_cast<unsigned char>(c)] = true;
  return stop == expected;
}

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    for (char32_t c = 0; c < kTableEnd; ++c) {
      out.sb[c] = static_cast<std::uint8_t>(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK));
    }
    for (std::size_t c = 0; c < 128; ++c) out.stop[c] = matters(out.sb[c]);
    out.swar = swar_stops(out.stop);
    out.latin1 = std::none_of(out.sb.begin() + 0xC0, out.sb.begin() + 0x100, matters);
    return out;
  }();
  return t;
}

class Scanner {
 public:
  Scanner(std::string_view text, const Tables& tables)
      : s_(text), table_(tables.sb), stop_(tables.stop), swar_(tables.swar), latin1_(tables.latin1) {}

  // The class of the code point at i and its length; ok_ turns false on invalid UTF-8 or on Extend/Format.
  SB at(std::size_t i, std::size_t& len) {
    const auto b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) {
      len = 1;
      return static_cast<SB>(table_[b]);
    }
    len = valid_sequence_length(s_, i);
    if (len == 0) {
      ok_ = false;
      len = 1;
      return U_SB_OTHER;
    }
    std::size_t l = 0;
    const char32_t c = decode(s_, i, l);
    const SB cls = c < kTableEnd ? static_cast<SB>(table_[c])
                                 : static_cast<SB>(u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK));
    if (cls == U_SB_EXTEND || cls == U_SB_FORMAT) ok_ = false;
    return cls;
  }

  // The class of the code point that ends before i (i > 0).
  SB before(std::size_t i) {
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s_[start]) & 0xC0) == 0x80) --start;
    std::size_t len = 0;
    return at(start, len);
  }

  // The first byte at or after i that the scanner must look at (non-ASCII, or one of the five ASCII stops),
  // sixteen bytes per step with SSE2, else eight; stops at the last seven bytes of the text.
  std::size_t skip8(std::size_t i) const {
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), question = _mm_set1_epi8('?');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    while (i + 16 <= s_.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + i));
      const __m128i hit = _mm_or_si128(
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)), _mm_cmpeq_epi8(v, question)),
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)), v));  // v: bit 7, non-ASCII
      if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
        return i + static_cast<std::size_t>(std::countr_zero(mask));
      }
      i += 16;
    }
#endif
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const auto zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };  // exact in its lowest set byte
    while (i + 8 <= s_.size()) {
      std::uint64_t w;
      std::memcpy(&w, s_.data() + i, 8);
      const std::uint64_t hit = (w & kHigh) | zero(w ^ (kOnes * '.')) | zero(w ^ (kOnes * '!')) |
                                zero(w ^ (kOnes * '?')) | zero(w ^ (kOnes * '\n')) | zero(w ^ (kOnes * '\r'));
      if (hit != 0) return i + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
      i += 8;
    }
    return i;
  }

  static bool para_sep(SB c) { return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF; }
  static bool terminator(SB c) { return c == U_SB_ATERM || c == U_SB_STERM; }

  // Appends the boundaries (byte offsets + base; the end of the text counts as one). Returns false when
  // the text must go to ICU (out then holds partial results).
  bool run(std::uint32_t base, std::vector<std::uint32_t>& out) {
    const std::size_t n = s_.size();
    std::size_t i = 0;
    while (i < n && ok_) {
      if (swar_) i = skip8(i);
      if (i >= n) break;
      const auto b = static_cast<unsigned char>(s_[i]);
      if (b < 0x80 && !stop_[b]) {
        ++i;
        continue;
      }
      // À-ÿ (umlauts, ß): letters and × ÷, none of which matters; always valid as two bytes.
      if (b == 0xC3 && latin1_ && i + 1 < n && (static_cast<unsigned char>(s_[i + 1]) & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      std::size_t len = 1;
      const SB cls = at(i, len);
      if (para_sep(cls)) {  // SB3, SB4
        i += len;
        if (cls == U_SB_CR && i < n && s_[i] == '\n') ++i;
        out.push_back(base + static_cast<std::uint32_t>(i));
        continue;
      }
      if (!terminator(cls)) {
        i += len;
        continue;
      }
      i = after_terminator(i, cls, len, base, out);
    }
    if (!ok_) return false;
    if (out.empty() || out.back() != base + n) {
      if (n > 0) out.push_back(base + static_cast<std::uint32_t>(n));
    }
    return true;
  }

 private:
  // Decides what follows the terminator at t (class term, len bytes): returns where scanning goes on,
  // having appended the boundary if there is one.
  std::size_t after_terminator(std::size_t t, SB term, std::size_t len, std::uint32_t base,
                               std::vector<std::uint32_t>& out) {
    const std::size_t n = s_.size();
    for (;;) {
      std::size_t j = t + len;
      if (j >= n) return j;  // SB2: the end is a boundary anyway
      std::size_t l = 1;
      SB c = at(j, l);
      if (!ok_) return n;
      if (term == U_SB_ATERM) {
        if (c == U_SB_NUMERIC) return j;  // SB6
        if (c == U_SB_UPPER && t > 0) {  // SB7
          const SB p = before(t);
          if (!ok_) return n;
          if (p == U_SB_UPPER || p == U_SB_LOWER) return j;
        }
      }
      while (c == U_SB_CLOSE) {  // SB9
        j += l;
        if (j >= n) return j;
        c = at(j, l);
      }
      while (c == U_SB_SP) {  // SB10
        j += l;
        if (j >= n) return j;
        c = at(j, l);
      }
      if (!ok_) return n;
      if (terminator(c)) {  // SB8a: the run goes on
        t = j;
        term = c;
        len = l;
        continue;
      }
      if (c == U_SB_SCONTINUE) return j;  // SB8a
      if (para_sep(c)) {  // SB10, then SB4
        j += l;
        if (c == U_SB_CR && j < n && s_[j] == '\n') ++j;
        out.push_back(base + static_cast<std::uint32_t>(j));
        return j;
      }
      if (term == U_SB_ATERM && lower_follows(j)) return j;  // SB8
      if (!ok_) return n;
      out.push_back(base + static_cast<std::uint32_t>(j));  // SB11
      return j;
    }
  }

  // SB8: whether, from k on, a lowercase letter comes before any OLetter, Upper, Lower, ParaSep or
  // terminator.
  bool lower_follows(std::size_t k) {
    const std::size_t n = s_.size();
    while (k < n) {
      std::size_t l = 1;
      const SB c = at(k, l);
      if (!ok_) return false;
      if (c == U_SB_LOWER) return true;
      if (c == U_SB_OLETTER || c == U_SB_UPPER || para_sep(c) || terminator(c)) return false;
      k += l;
    }
    return false;
  }

  std::string_view s_;
  const std::array<std::uint8_t, kTableEnd>& table_;
  const std::array<bool, 128>& stop_;
  bool swar_;
  bool latin1_;
  bool ok_ = true;
};

}  // namespace

bool sentence_breaks(std::string_view text, std::uint32_t base, std::vector<std::uint32_t>& out) {
  const std::size_t size = out.size();
  Scanner scanner(text, tables());
  if (scanner.run(base, out)) return true;
  out.resize(size);
  return false;
}

}  // namespace stimmung::detail
