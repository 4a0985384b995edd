// Normalization: UTF-8 validity and repair, and the lookup key of a word.
// Decides: what invalid UTF-8 becomes, and the key every lexicon word and text word is compared by.
// Does not decide: where words begin and end (tokenize.cpp) or what a key matches (lexicon_index.hpp).
//
// Design notes: offsets must stay meaningful to the caller, so stimmung never rewrites the text it scores
// except to replace invalid UTF-8. Normalization (NFC, case folding, the ASCII spellings of umlauts) is
// applied per word, to build lookup keys. German words made of ASCII and precomposed umlauts take a fast
// path; anything else goes through Boost.Locale's ICU backend.
#include "stimmung/normalize.hpp"

#include <algorithm>

#include <boost/locale.hpp>
#include <unicode/uchar.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <locale>

#include "stimmung/error.hpp"
#include "unicode.hpp"

namespace stimmung {
namespace {

const std::locale& icu_locale() {
  // Generated once per process: locale generation is expensive, using it is thread-safe.
  static const std::locale loc = [] {
    boost::locale::generator gen;
    gen.use_ansi_encoding(false);
    return gen("de_DE.UTF-8");
  }();
  return loc;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

namespace detail {

const std::locale& locale() { return icu_locale(); }

std::size_t valid_multibyte_length(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  const std::size_t n = s.size();
  auto cont = [&](std::size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

std::size_t invalid_sequence_length(std::string_view s, std::size_t i) noexcept {
  // An encoded surrogate (ED A0..BF 80..BF) is one code point in the caller's string: replace it whole.
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  if (b0 == 0xED && cont(i + 1) && cont(i + 2)) return 3;
  // Otherwise the maximal prefix of a would-be sequence, at least one byte (Unicode's "maximal subpart").
  std::size_t need = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
  else if (b0 >= 0xE0 && b0 <= 0xEF) need = 2;
  else if (b0 >= 0xF0 && b0 <= 0xF4) need = 3;
  std::size_t k = 1;
  while (k <= need && cont(i + k)) ++k;
  return k;
}

bool german_key(std::string_view w, char* dst) noexcept {
  const std::size_t n = w.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t v;
      std::memcpy(&v, w.data() + i, 8);
      if ((v & 0x8080808080808080ULL) == 0) {
        v = ascii_lower8(v);
        std::memcpy(dst + i, &v, 8);
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      dst[i++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    if (c == 0xC3 && i + 1 < n) {
      const char* rep = nullptr;
      switch (static_cast<unsigned char>(w[i + 1])) {
        case 0xA4: case 0x84: rep = "ae"; break;  // ä Ä
        case 0xB6: case 0x96: rep = "oe"; break;  // ö Ö
        case 0xBC: case 0x9C: rep = "ue"; break;  // ü Ü
        case 0x9F: rep = "ss"; break;             // ß
        default: break;
      }
      if (rep != nullptr) {
        dst[i] = rep[0];
        dst[i + 1] = rep[1];
        i += 2;
        continue;
      }
    }
    return false;
  }
  return true;
}

}  // namespace detail

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // Eight ASCII bytes at a time: most of German news is ASCII.
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t len = detail::valid_sequence_length(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string sanitize_utf8(std::string_view text, Utf8Policy policy, std::size_t* replaced) {
  std::string out;
  std::size_t count = 0;
  std::size_t i = 0;
  std::size_t copied = 0;  // text[copied, i) is valid and not yet appended
  const std::size_t n = text.size();
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = detail::valid_sequence_length(text, i);
    if (len != 0) {
      i += len;
      continue;
    }
    if (policy == Utf8Policy::strict) {
      throw InvalidInputError("invalid UTF-8 at byte " + std::to_string(i));
    }
    if (count == 0) out.reserve(n + 8);
    out.append(text.substr(copied, i - copied));
    out.append(kReplacement);
    ++count;
    i += detail::invalid_sequence_length(text, i);
    copied = i;
  }
  if (replaced != nullptr) *replaced = count;
  if (count == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

std::string normalize_nfc(std::string_view text) {
  const std::string valid = sanitize_utf8(text);
  return boost::locale::normalize(valid, boost::locale::norm_nfc, icu_locale());
}

std::string fold_case(std::string_view text) {
  // ASCII and the Latin-1 letters À-ÿ (U+00C0-U+00FF: the umlauts, ß, accented letters; two bytes, C3 xx)
  // fold without the converter Boost.Locale opens and closes on every call: full case folding lowercases
  // A-Z and À-Þ (not ×), turns ß into "ss" and keeps the rest; NFC changes nothing, as such text holds no
  // combining mark. Everything else (a combining mark, ẞ, Greek, invalid UTF-8) takes the full path.
  // Each of these folds to as many bytes as it has ("ß" to "ss" too), so the copy is folded in place.
  std::string out(text);
  for (std::size_t i = 0; i < out.size();) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') out[i] = static_cast<char>(b + ('a' - 'A'));
      ++i;
      continue;
    }
    const auto c = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0;
    if (b != 0xC3 || (c & 0xC0) != 0x80) return boost::locale::fold_case(normalize_nfc(text), icu_locale());
    if (c == 0x9F) {  // ß
      out[i] = 's';
      out[i + 1] = 's';
    } else if (c < 0x9F && c != 0x97) {  // À-Þ but ×
      out[i + 1] = static_cast<char>(c + 0x20);
    }
    i += 2;
  }
  return out;
}

namespace {

// Appends the key of a word made of ASCII and precomposed German letters; returns false when the word
// needs the full Unicode path.
bool append_german_fast(std::string_view w, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + w.size());
  if (detail::german_key(w, out.data() + start)) return true;
  out.resize(start);
  return false;
}

// True when @p word holds a default-ignorable code point (soft hyphen, zero-width joiners, word joiner,
// byte-order mark, bidi marks); @p visible then receives the word without them.
bool strip_invisible(std::string_view word, std::string& visible) {
  bool found = false;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t len = 1;
    if (static_cast<unsigned char>(word[i]) >= 0x80 && detail::valid_sequence_length(word, i) != 0 &&
        u_hasBinaryProperty(static_cast<UChar32>(detail::decode(word, i, len)), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      if (!found) visible.assign(word.substr(0, i));
      found = true;
    } else if (found) {
      visible.append(word.substr(i, len));
    }
    i += len;
  }
  return found;
}

}  // namespace

void append_lookup_key(std::string_view word, std::string& out) {
  if (append_german_fast(word, out)) return;
  // Web pages hyphenate long compounds with soft hyphens ("Kurs\u00ADeinbruch") and may leave other
  // invisible characters inside a word: the key is that of the word as it reads.
  std::string visible;
  if (strip_invisible(word, visible)) {
    word = visible;
    if (append_german_fast(word, out)) return;
  }
  // Full path: NFC (decomposed umlauts), full case folding (ẞ, accented capitals), then the same
  // ae/oe/ue spelling as the fast path; other letters (é, ø, ...) are kept as folded.
  const std::string folded = fold_case(word);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '\xC3' && i + 1 < folded.size()) {
      const char* rep = nullptr;
      switch (static_cast<unsigned char>(folded[i + 1])) {
        case 0xA4: rep = "ae"; break;
        case 0xB6: rep = "oe"; break;
        case 0xBC: rep = "ue"; break;
        default: break;
      }
      if (rep != nullptr) {
        out.append(rep, 2);
        ++i;
        continue;
      }
    }
    out.push_back(folded[i]);
  }
}

std::string lookup_key(std::string_view word) {
  std::string out;
  out.reserve(word.size() + 4);
  append_lookup_key(word, out);
  return out;
}

std::size_t count_code_points(std::string_view text) noexcept {
  // Every byte that is not a continuation byte (10xxxxxx) starts a code point; eight bytes at a time.
  std::size_t n = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    const std::uint64_t continuation = w & ~(w << 1) & 0x8080808080808080ULL;  // bit 7 set, bit 6 clear
    // One bit per byte: a multiply sums them into the top byte (no popcount instruction in baseline x86-64).
    n += 8 - static_cast<std::size_t>(((continuation >> 7) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < text.size(); ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace stimmung
