// Sentence segmentation of documents (German news).
// Decides: where sentences begin and end.
// Does not decide: clauses inside a sentence (clauses.cpp) or what a sentence scores.
//
// Design notes: Unicode's sentence boundaries (ICU's break iterator) are the base. German news breaks
// them in known ways, which are fixed here by merging segments back: abbreviations ("z. B.", "Dr."),
// ordinals and dates ("am 3. Oktober"), initials, and a quoted question or exclamation that the sentence
// goes on after („Warum?“, fragte er). Line breaks stay boundaries, so headlines and bullets without a
// final stop are sentences of their own.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <string>

#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"
#include "unicode.hpp"

namespace stimmung {
namespace {


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

// ICU's German sentence break iterator, one per thread (creating one loads its rules), reading the UTF-8
// text in place through a UText: boundaries come back as byte offsets, with no conversion to UTF-16 (which
// the Boost.Locale boundary API does, code point by code point).
icu::BreakIterator& sentence_breaks() {
  thread_local const std::unique_ptr<icu::BreakIterator> iter = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getGerman(), status));
    if (U_FAILURE(status) || !it) throw Error(std::string("ICU sentence break iterator: ") + u_errorName(status));
    return it;
  }();
  return *iter;
}

std::vector<SentenceSpan> icu_segments(std::string_view text) {
  std::vector<SentenceSpan> out;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
  const std::unique_ptr<UText, decltype(&utext_close)> closer(utext, &utext_close);
  icu::BreakIterator& breaks = sentence_breaks();
  breaks.setText(utext, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU sentence break iterator: ") + u_errorName(status));
  std::int32_t begin = breaks.first();
  for (std::int32_t end = breaks.next(); end != icu::BreakIterator::DONE; begin = end, end = breaks.next()) {
    out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  }
  return out;
}

// Abbreviations after which a period never ends a sentence (lowercase, without the period).
constexpr std::string_view kAbbreviations[] = {
    "z",    "b",    "u",    "a",    "d",     "h",    "dr",   "prof", "nr",   "bzw",  "ca",   "vgl",   "evtl",
    "ggf",  "inkl", "jh",   "str",  "abs",  "s",     "sog",  "st",   "bspw", "zzgl", "ua",   "zb",   "dh",    "o",
    "ä",    "v",    "chr",  "hr",   "fr",   "min",   "max",  "gegr", "ehem", "i",    "e",    "bzgl", "jr",    "sen",
    "mr",   "mrs",  "ms",   "vs",   "dt",   "engl",  "franz", "lt",  "urspr", "vorr", "insb", "tel",  "allg",  "nachf",
    "bd",   "art",  "gem",  "dipl", "ing",  "hrsg",  "jg",   "aufl", "ebd",  "vol",  "no",   "abt",  "kap",   "ziff",
    "lit",  "mind", "rd",   "sa",   "so",   "tägl",  "mio",  "mrd",  "tsd",  "bio"};
// Abbreviations that may also end a sentence: a boundary unless a lowercase word follows.
constexpr std::string_view kFinalAbbreviations[] = {"usw", "etc", "u.ä", "usf", "ff", "co", "inc", "corp", "ltd", "ag"};
// Amount abbreviations ("5 Mrd. Euro") end a sentence unless a unit, a lowercase word or a number follows.
constexpr std::string_view kAmounts[] = {"mio", "mrd", "tsd", "bio"};
constexpr std::string_view kUnits[] = {"euro", "dollar", "us-dollar", "franken", "pfund", "yen", "yuan", "rubel",
                                       "kronen", "tonnen", "barrel", "menschen", "nutzer", "kunden", "aktien", "stück",
                                       "einwohner", "mitarbeiter", "beschäftigte", "stellen", "fahrzeuge", "dollars",
                                       "kilowattstunden", "megawatt", "gigawatt", "abonnenten", "haushalte"};
// Legal forms after "& Co.".
constexpr std::string_view kLegalForms[] = {"kg", "kgaa", "ohg", "gmbh"};
constexpr std::string_view kMonths[] = {"januar", "februar", "märz",      "april",   "mai",      "juni",
                                        "juli",   "august",  "september", "oktober", "november", "dezember"};
// Words before an ordinal ("am 3. Oktober", "im 2. Quartal", "der 20. Jahrestag").
constexpr std::string_view kOrdinalContext[] = {"am",  "im",   "zum",  "vom",  "beim", "der",   "die",   "das",
                                                "des", "dem",  "den",  "bis",  "ab",   "seit",  "ihr",   "ihrem",
                                                "ihren", "sein", "seinem", "seinen", "zur", "jeder", "jedem", "vor",
                                                "nach", "dieser", "diesem", "und", "oder", "bzw"};
// Top-level domains: "x.ai" or "Amazon.com" at the end of a sentence are no abbreviations.
constexpr std::string_view kDomains[] = {"com", "de", "ai", "io", "net", "org", "eu", "at", "ch", "uk", "fr", "es",
                                         "it", "nl", "be", "pl", "cn", "jp", "us", "gov", "info", "biz", "co", "app"};

template <typename List>
bool in(const List& list, std::string_view key) {
  return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

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

// The first word of `s` (letters, digits, hyphens), folded.
std::string first_word(std::string_view s) {
  const std::vector<Token> toks = tokenize(s.substr(0, std::min<std::size_t>(s.size(), 64)));
  for (const Token& t : toks) {
    if (t.kind != TokenKind::punct) return fold_case(s.substr(t.begin, t.end - t.begin));
  }
  return {};
}

// An abbreviation written with inner periods ("z.B", "u.a", "Dipl.-Ing"), not a domain ("x.ai").
bool dotted_abbreviation(std::string_view key) {
  if (key.find('.') == std::string_view::npos || key.front() == '.') return false;
  const std::size_t last_dot = key.rfind('.');
  if (in(kDomains, key.substr(last_dot + 1))) return false;
  std::size_t start = 0;
  while (start <= key.size()) {
    std::size_t dot = key.find('.', start);
    if (dot == std::string_view::npos) dot = key.size();
    std::string_view part = key.substr(start, dot - start);
    if (!part.empty() && part.front() == '-') part.remove_prefix(1);
    if (part.size() > 4) return false;
    start = dot + 1;
  }
  return true;
}

// Where the last `chunks` whitespace-separated chunks of `s` begin (0 if it has fewer). Tokens never span
// white space, so tokenizing from there gives the same last tokens as tokenizing all of `s`, and at least
// `chunks` of them when `s` has that many.
std::size_t tail_start(std::string_view s, std::size_t chunks) {
  std::size_t at = s.size();
  while (chunks > 0) {
    while (at > 0 && std::isspace(static_cast<unsigned char>(s[at - 1])) != 0) --at;  // the space before
    while (at > 0 && std::isspace(static_cast<unsigned char>(s[at - 1])) == 0) --at;  // the chunk
    if (at == 0) return 0;
    --chunks;
  }
  return at;
}

// Decides whether the boundary between `prev` and `next` (trimmed segments) is false.
bool false_boundary(std::string_view prev, std::string_view next, bool line_break_between) {
  if (next.empty() || prev.empty()) return false;
  if (starts_continuation_punct(next)) return true;
  if (line_break_between) return false;
  std::vector<Token> toks;  // byte offsets into prev (code-point offsets are not used here)
  const std::size_t start = tail_start(prev, 3);
  tokenize(prev.substr(start), toks, static_cast<std::uint32_t>(start));
  if (toks.empty()) return false;
  const Token& last = toks.back();
  const std::string_view last_text = prev.substr(last.begin, last.end - last.begin);
  const bool next_lower = starts_lower(next);
  // A quoted question or exclamation the sentence continues after: „Warum?“, fragte er.
  if (next_lower && last.kind == TokenKind::punct && last_text != ".") return true;
  if (last_text != "." || toks.size() < 2) return false;
  const Token& word = toks[toks.size() - 2];
  if (word.end != last.begin || word.kind == TokenKind::punct) return false;  // "Text ." or "..."
  const std::string_view w = prev.substr(word.begin, word.end - word.begin);
  const std::string key = fold_case(w);
  const std::string next_key = first_word(next);
  if (word.kind == TokenKind::number) {
    if (next_lower) return true;
    // Ordinals and dates: "am 3. Oktober", "im 2. Quartal"; a number after a noun ends a sentence
    // ("auf Platz 14. Vor einem Jahr"), and so does a year ("im Jahr 2025. Danach").
    for (const auto m : kMonths) {
      if (next_key.starts_with(m)) return true;
    }
    if (w.size() > 2 || toks.size() < 3) return false;
    const Token& before = toks[toks.size() - 3];
    const std::string before_key = fold_case(prev.substr(before.begin, before.end - before.begin));
    return in(kOrdinalContext, before_key);
  }
  if (in(kAmounts, key)) return next_lower || in(kUnits, next_key) || (!next.empty() && std::isdigit(static_cast<unsigned char>(next[0])));
  if (in(kFinalAbbreviations, key)) return next_lower || (key == "co" && in(kLegalForms, next_key));
  if (in(kAbbreviations, key)) return true;
  if (dotted_abbreviation(key)) return true;
  // Street names: "Hafenstr. 12".
  if (key.size() > 4 && key.ends_with("str") && !next.empty() && std::isdigit(static_cast<unsigned char>(next[0]))) return true;
  // An initial ("Donald J. Trump").
  if (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0])) != 0 && !next_lower) return true;
  if (next_lower) {
    for (const auto m : kMonths) {
      if (next_key.starts_with(m)) return true;
    }
  }
  return false;
}

// Boundaries ICU misses inside one of its segments: after ". " before a lowercase brand name ("eBay",
// "iPhones") or a year ("1999 hieß es"), and after an ellipsis before a capitalized word.
std::vector<std::uint32_t> missed_boundaries(std::string_view text, SentenceSpan span) {
  std::vector<std::uint32_t> out;
  const std::string_view seg = text.substr(span.begin, span.end - span.begin);
  // Each boundary found here follows a period or an ellipsis that has more text after it: most segments
  // hold none, and need no tokenizing.
  const std::size_t last = seg.find_last_not_of(" \t\r\n\v\f");
  if (last == std::string_view::npos) return out;
  const std::string_view body = seg.substr(0, last);
  if (body.find('.') == std::string_view::npos && body.find("…") == std::string_view::npos) return out;
  const std::vector<Token> toks = tokenize(seg);
  for (std::size_t i = 1; i + 1 < toks.size(); ++i) {
    const Token& p = toks[i];
    const Token& n = toks[i + 1];
    if (p.kind != TokenKind::punct || !n.space_before || n.line_start) continue;
    const std::string_view pt = seg.substr(p.begin, p.end - p.begin);
    const std::string_view nt = seg.substr(n.begin, n.end - n.begin);
    const Token& before = toks[i - 1];
    const std::string_view bt = seg.substr(before.begin, before.end - before.begin);
    bool split = false;
    // Closing quotes and brackets may stand between the word and the period („Rekord“. iPhones ...).
    const bool closing = before.kind == TokenKind::punct &&
                         (bt == "“" || bt == "”" || bt == "\"" || bt == "»" || bt == ")" || bt == "’");
    if (pt == "." && closing && before.end == p.begin) {
      const bool camel = n.kind == TokenKind::word && starts_lower(nt) &&
                         std::any_of(nt.begin() + 1, nt.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      split = camel;
    }
    if (pt == "." && before.end == p.begin && before.kind == TokenKind::word && !in(kAbbreviations, fold_case(bt)) &&
        !in(kFinalAbbreviations, fold_case(bt)) && !dotted_abbreviation(fold_case(bt)) && bt.size() > 1) {
      // "… Zahlen. eBay verzeichnete …": lowercase then uppercase inside the word.
      const bool camel = n.kind == TokenKind::word && starts_lower(nt) &&
                         std::any_of(nt.begin() + 1, nt.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      // "… verändere alles. 1999 hieß es …": a year opens the sentence.
      const bool year = n.kind == TokenKind::number && nt.size() == 4;
      split = camel || year;
    }
    if (pt == "…" || (pt == "." && i >= 2 && seg.substr(toks[i - 2].begin, 1) == "." && seg.substr(toks[i - 1].begin, 1) == ".")) {
      split = n.kind == TokenKind::word && !starts_lower(nt);
    }
    if (split) out.push_back(span.begin + n.begin);
  }
  return out;
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
  std::vector<SentenceSpan> raw;
  for (const SentenceSpan seg : icu_segments(text)) {
    std::uint32_t begin = seg.begin;
    for (const std::uint32_t cut : missed_boundaries(text, seg)) {
      raw.push_back({begin, cut});
      begin = cut;
    }
    raw.push_back({begin, seg.end});
  }
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
