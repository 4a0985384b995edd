// Design notes: Unicode's sentence boundaries (ICU through Boost.Locale) are the base. German news breaks
// them in known ways, which are fixed here by merging segments back: abbreviations ("z. B.", "Dr."),
// ordinals and dates ("am 3. Oktober"), initials, and a quoted question or exclamation that the sentence
// goes on after („Warum?“, fragte er). Line breaks stay boundaries, so headlines and bullets without a
// final stop are sentences of their own.
#include <boost/locale.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include "stimmung/normalize.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"
#include "unicode.hpp"

namespace stimmung {
namespace {

namespace lb = boost::locale::boundary;


// Trims ASCII and Unicode white space (NBSP, thin spaces) from a span.
SentenceSpan trimmed(std::string_view text, std::uint32_t b, std::uint32_t e) {
  while (b < e) {
    std::size_t len = 1;
    const char32_t c = detail::decode(text, b, len);
    if (detail::classify(c) != detail::CharClass::space) break;
    b += static_cast<std::uint32_t>(len);
  }
  while (e > b) {
    std::uint32_t s = e - 1;
    while (s > b && (static_cast<unsigned char>(text[s]) & 0xC0) == 0x80) --s;
    std::size_t len = 1;
    const char32_t c = detail::decode(text, s, len);
    if (detail::classify(c) != detail::CharClass::space) break;
    e = s;
  }
  return {b, e};
}

std::vector<SentenceSpan> icu_segments(std::string_view text) {
  std::vector<SentenceSpan> out;
  if (text.empty()) return out;
  const char* base = text.data();
  lb::segment_index<const char*> index(lb::sentence, base, base + text.size(), detail::locale());
  for (const auto& seg : index) {
    out.push_back({static_cast<std::uint32_t>(seg.begin() - base), static_cast<std::uint32_t>(seg.end() - base)});
  }
  return out;
}

// Abbreviations after which a period never ends a sentence (lowercase, without the period).
constexpr std::array<std::string_view, 64> kAbbreviations = {
    "z",     "b",    "u",    "a",    "d",     "h",    "dr",   "prof",  "mio",  "mrd",  "nr",   "bzw", "ca",
    "vgl",   "evtl", "ggf",  "inkl", "jh",    "str",  "abs",  "s",     "sog",  "st",   "co",   "bspw", "zzgl",
    "ua",    "zb",   "dh",   "o",    "ä",     "v",    "chr",  "hr",    "fr",   "min",  "max",  "tsd", "gegr",
    "ehem",  "i",    "e",    "bzgl", "ff",    "jr",   "sen",  "mr",    "mrs",  "ms",   "vs",   "corp", "inc",
    "ltd",   "gmbh", "dt",   "engl", "franz", "lt",   "urspr", "vorr", "insb", "tel",  "allg", "nachf"};
// Abbreviations that may also end a sentence: a boundary unless a lowercase word follows.
constexpr std::array<std::string_view, 4> kFinalAbbreviations = {"usw", "etc", "u.ä", "usf"};
constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "märz",      "april",   "mai",      "juni",
                                                      "juli",   "august",  "september", "oktober", "november", "dezember"};

bool starts_lower(std::string_view s) {
  if (s.empty()) return false;
  std::size_t len = 1;
  const char32_t c = detail::decode(s, 0, len);
  if (c < 128) return std::islower(static_cast<int>(c)) != 0;
  const std::string lower = fold_case(s.substr(0, len));
  return lower == s.substr(0, len) && detail::classify(c) == detail::CharClass::letter;
}

bool starts_continuation_punct(std::string_view s) {
  return !s.empty() && (s[0] == ',' || s[0] == ';' || s[0] == ':' || s.starts_with("–") || s.starts_with("—"));
}

// Decides whether the boundary between `prev` and `next` (trimmed segments) is false.
bool false_boundary(std::string_view prev, std::string_view next, bool line_break_between) {
  if (next.empty() || prev.empty()) return false;
  if (starts_continuation_punct(next)) return true;
  if (line_break_between) return false;
  const std::vector<Token> toks = tokenize(prev);
  if (toks.empty()) return false;
  const Token& last = toks.back();
  const std::string_view last_text = prev.substr(last.begin, last.end - last.begin);
  // A quoted question or exclamation the sentence continues after: „Warum?“, fragte er.
  if (starts_lower(next) && last.kind == TokenKind::punct && last_text != ".") return true;
  if (last_text != "." || toks.size() < 2) return false;
  const Token& word = toks[toks.size() - 2];
  if (word.end != last.begin) return false;  // "Text ." is no abbreviation
  const std::string_view w = prev.substr(word.begin, word.end - word.begin);
  const std::string key = fold_case(w);
  const bool next_lower = starts_lower(next);
  if (word.kind == TokenKind::number) {
    // Ordinals and dates: "am 3. Oktober", "im 2. Quartal", "24. 11."; four-digit years end sentences.
    if (w.size() <= 2) return true;
    return next_lower;
  }
  for (const auto a : kAbbreviations) {
    if (key == a) return true;
  }
  // Abbreviations written with inner periods ("z.B", "u.a", "d.h") are one token.
  if (key.find('.') != std::string::npos && key.size() <= 6) return true;
  for (const auto a : kFinalAbbreviations) {
    if (key == a) return next_lower;
  }
  // An initial ("Donald J. Trump").
  if (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0])) != 0 && !next_lower) return true;
  if (next_lower) {
    // A lowercase continuation after a period: "ca. 5 Mio. der Aktien" is already covered; lowercase
    // month-less continuations are rare but real ("2. Quartal" handled above).
    const std::string next_key = fold_case(next.substr(0, std::min<std::size_t>(next.size(), 12)));
    for (const auto m : kMonths) {
      if (next_key.starts_with(m)) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<SentenceSpan> split_sentences_icu(std::string_view text) {
  std::vector<SentenceSpan> out;
  for (const SentenceSpan s : icu_segments(text)) {
    const SentenceSpan t = trimmed(text, s.begin, s.end);
    if (t.end > t.begin) out.push_back(t);
  }
  return out;
}

std::vector<SentenceSpan> split_sentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  const std::vector<SentenceSpan> raw = icu_segments(text);
  for (const SentenceSpan s : raw) {
    const SentenceSpan t = trimmed(text, s.begin, s.end);
    if (t.end <= t.begin) continue;
    if (!out.empty()) {
      const SentenceSpan& p = out.back();
      const std::string_view gap = text.substr(p.end, t.begin - p.end);
      const bool line_break = gap.find('\n') != std::string_view::npos || gap.find('\r') != std::string_view::npos;
      if (false_boundary(text.substr(p.begin, p.end - p.begin), text.substr(t.begin, t.end - t.begin), line_break)) {
        out.back().end = t.end;
        continue;
      }
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace stimmung
