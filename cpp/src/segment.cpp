// Sentence segmentation of documents (German news).
// Decides: where sentences begin and end.
// Does not decide: clauses inside a sentence (clauses.cpp) or what a sentence scores.
//
// Design notes: Unicode's sentence boundaries (UAX #29, as ICU's break iterator finds them) are the base:
// sentence_breaks.cpp finds them with a scanner that looks only at terminators and line breaks, and leaves
// a text it cannot answer for (Extend/Format characters, invalid UTF-8) to ICU itself. German news breaks
// them in known ways, which are fixed here by merging segments back: abbreviations ("z. B.", "Dr."),
// ordinals and dates ("am 3. Oktober"), initials, and a quoted question or exclamation that the sentence
// goes on after („Warum?“, fragte er). Line breaks stay boundaries, so headlines and bullets without a
// final stop are sentences of their own. The word lists (abbreviations, amounts and their units, legal
// forms, months, words before ordinals, top-level domains) are the language profile's (profile_de.tsv).
// A text longer than kPieceBytes (256 KB) goes through ICU and the tokenizer piece by piece, so that memory
// stays bounded and cancellation is checked between pieces (icu_segments, missed_boundaries); a text
// shorter than that takes exactly the path it always took. The corrections tokenize only what they must:
// the word before a final period is read off the text when it is plain letters or digits after a space,
// and the next sentence's first word only when a test asks for it (issue 14: the splitter was 73% of
// a document's time, with ICU, a Boost.Locale converter per case folding and a second tokenization).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "cancel.hpp"
#include "engine.hpp"
#include "profile_data.hpp"
#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/tokenize.hpp"
#include "text_size.hpp"
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

// ICU's boundaries of text[begin, end), appended as offsets into text. The end counts as a boundary.
void icu_piece(std::string_view text, std::size_t begin, std::size_t end, std::vector<std::uint32_t>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data() + begin, static_cast<std::int64_t>(end - begin), &status);
  const std::unique_ptr<UText, decltype(&utext_close)> closer(utext, &utext_close);
  icu::BreakIterator& breaks = sentence_breaks();
  breaks.setText(utext, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU sentence break iterator: ") + u_errorName(status));
  breaks.first();
  for (std::int32_t at = breaks.next(); at != icu::BreakIterator::DONE; at = breaks.next()) {
    out.push_back(static_cast<std::uint32_t>(begin + static_cast<std::size_t>(at)));
  }
}

constexpr std::size_t kPieceBytes = detail::kWindowBytes;

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Where the piece of a long text that starts at `begin` ends, and whether that end is a boundary of the
// whole text. Preferably just after a line break in the piece's second half: UAX #29 always breaks there
// (SB4) and no rule looks across it, so ICU finds the same boundaries before it as in the whole text.
// Else inside an ASCII word: ICU then starts the next piece as it would go on inside a sentence, and
// any rule that looks ahead from a boundary candidate before the cut stops at that word's first letter.
// Else (a piece without a line break or an ASCII word) at a code-point boundary.
std::pair<std::size_t, bool> piece_end(std::string_view text, std::size_t begin) {
  if (text.size() - begin <= kPieceBytes) return {text.size(), true};
  const std::size_t limit = begin + kPieceBytes;
  const std::size_t half = begin + kPieceBytes / 2;
  const std::size_t line = text.substr(half, limit - half).rfind('\n');
  if (line != std::string_view::npos) return {half + line + 1, true};
  for (std::size_t at = limit; at > half; --at) {
    if (ascii_letter(text[at - 1]) && ascii_letter(text[at])) return {at, false};
  }
  std::size_t at = limit;
  while (at > half && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return {at > half ? at : limit, false};
}

// The boundaries of text[begin, end): from the scanner of sentence_breaks.cpp, or from ICU for a piece the
// scanner leaves to it (or always, for split_sentences_icu).
// Returns whether the scanner gave them (it then has validated the piece's UTF-8).
bool piece_breaks(std::string_view text, std::size_t begin, std::size_t end, std::vector<std::uint32_t>& out,
                  bool icu_only) {
  if (!icu_only && detail::sentence_breaks(text.substr(begin, end - begin), static_cast<std::uint32_t>(begin), out)) {
    return true;
  }
  icu_piece(text, begin, end, out);
  return false;
}

// Unicode's segments of text; *scanned (when given) turns false if ICU found those of any piece.
std::vector<SentenceSpan> icu_segments(std::string_view text, detail::CancelMeter* meter, bool icu_only = false,
                                       bool* scanned = nullptr) {
  std::vector<SentenceSpan> out;
  if (text.empty()) return out;
  std::vector<std::uint32_t> ends;
  std::uint32_t open = 0;  // where the current segment begins
  for (std::size_t begin = 0; begin < text.size();) {
    const auto [end, hard] = piece_end(text, begin);
    ends.clear();
    if (!piece_breaks(text, begin, end, ends, icu_only) && scanned != nullptr) *scanned = false;
    if (!hard && !ends.empty() && ends.back() == end) ends.pop_back();  // the cut is no boundary
    for (const std::uint32_t e : ends) {
      out.push_back({open, e});
      open = e;
    }
    detail::scored(meter, end - begin);
    begin = end;
  }
  return out;
}

bool in(const detail::WordList& list, std::string_view key) { return list.contains(key); }

// The folded form of a word: a short ASCII word (most words before a period) lowercased in place, others
// through fold_case, which folds ASCII the same way.
class FoldedWord {
 public:
  explicit FoldedWord(std::string_view w) {
    if (w.size() <= buf_.size() && std::all_of(w.begin(), w.end(), [](char c) { return (c & 0x80) == 0; })) {
      for (std::size_t i = 0; i < w.size(); ++i) {
        buf_[i] = w[i] >= 'A' && w[i] <= 'Z' ? static_cast<char>(w[i] + ('a' - 'A')) : w[i];  // not the C locale's
      }
      view_ = std::string_view(buf_.data(), w.size());
    } else {
      other_ = fold_case(w);
      view_ = other_;
    }
  }
  FoldedWord(const FoldedWord&) = delete;
  FoldedWord& operator=(const FoldedWord&) = delete;
  [[nodiscard]] std::string_view view() const noexcept { return view_; }

 private:
  std::array<char, 32> buf_{};
  std::string other_;
  std::string_view view_;
};

bool starts_lower(std::string_view s) {
  if (s.empty()) return false;
  std::size_t len = 1;
  const char32_t c = detail::decode(s, 0, len);
  if (c < 128) return std::islower(static_cast<int>(c)) != 0;
  // Not a letter (a quote, a dash): no case folding needed.
  if (detail::classify(c) != detail::CharClass::letter) return false;
  // Latin-1 letters (À-ÿ, the umlauts): folding keeps à-ÿ and changes À-Þ and ß ("ss"), without a converter.
  if (c >= 0xC0 && c <= 0xFF) return c >= 0xE0;
  return fold_case(s.substr(0, len)) == s.substr(0, len);
}

bool starts_continuation_punct(std::string_view s) {
  return !s.empty() && (s[0] == ',' || s[0] == ';' || s[0] == ':' || s.starts_with("–") || s.starts_with("—"));
}

// The first word of `s` (letters, digits, hyphens), folded; toks is scratch space.
std::string first_word(std::string_view s, std::vector<Token>& toks) {
  constexpr std::size_t kHead = 64;  // the tokenizer below sees this much of s
  // Letters (ASCII, À-ÿ but × ÷) and ASCII digits up to a space or the end: one token, as the tokenizer
  // would make it (a joiner needs a letter or digit on both sides, and nothing else is inside).
  std::size_t end = 0;
  while (end < s.size()) {
    const auto c = static_cast<unsigned char>(s[end]);
    if (ascii_letter(static_cast<char>(c)) || (c >= '0' && c <= '9')) {
      ++end;
    } else if (c == 0xC3 && end + 1 < s.size() && (static_cast<unsigned char>(s[end + 1]) & 0xC0) == 0x80 &&
               s[end + 1] != '\x97' && s[end + 1] != '\xB7') {
      end += 2;
    } else {
      break;
    }
  }
  if (end > 0 && (end == s.size() ? end <= kHead : end < kHead && s[end] == ' ')) return fold_case(s.substr(0, end));
  toks.clear();
  tokenize(s.substr(0, std::min<std::size_t>(s.size(), kHead)), toks);
  for (const Token& t : toks) {
    if (t.kind != TokenKind::punct) return fold_case(s.substr(t.begin, t.end - t.begin));
  }
  return {};
}

// An abbreviation written with inner periods ("z.B", "u.a", "Dipl.-Ing"), not a domain ("x.ai").
bool dotted_abbreviation(const detail::ProfileData& lang, std::string_view key) {
  if (key.find('.') == std::string_view::npos || key.front() == '.') return false;
  const std::size_t last_dot = key.rfind('.');
  if (in(lang.domains, key.substr(last_dot + 1))) return false;
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

// std::isspace of the "C" locale, inlined (it was a library call per byte). Bytes from 0x80 on are never
// white space here: in UTF-8 they are parts of code points.
constexpr bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Where the last `chunks` whitespace-separated chunks of `s` begin (0 if it has fewer). Tokens never span
// white space, so tokenizing from there gives the same last tokens as tokenizing all of `s`, and at least
// `chunks` of them when `s` has that many. Never more than the last 4 KB (on a code-point boundary): the
// chunks of real text are shorter, and a megabyte without white space must not be tokenized whole.
std::size_t tail_start(std::string_view s, std::size_t chunks) {
  constexpr std::size_t kMaxTail = 4096;
  std::size_t floor = s.size() > kMaxTail ? s.size() - kMaxTail : 0;
  while (floor > 0 && floor < s.size() && (static_cast<unsigned char>(s[floor]) & 0xC0) == 0x80) ++floor;
  std::size_t at = s.size();
  while (chunks > 0) {
    while (at > floor && ascii_space(s[at - 1])) --at;   // the space before
    while (at > floor && !ascii_space(s[at - 1])) --at;  // the chunk
    if (at == floor) return floor;
    --chunks;
  }
  return at;
}

// Where the token that ends at s[end] begins, when it is a run of letters (ASCII, or À-ÿ but × and ÷) or,
// with `digits`, of ASCII digits, that white space or the start of s precedes: the tokenizer makes such a run
// one token (no joiner inside it, none before it). npos for anything else, and for a run of 64 bytes or
// more, which the tokenizer decides.
std::size_t simple_token_begin(std::string_view s, std::size_t end, bool digits) {
  constexpr std::size_t kMaxRun = 64;
  std::size_t at = end;
  while (at > 0 && end - at < kMaxRun) {
    const auto c = static_cast<unsigned char>(s[at - 1]);
    if (digits ? (c >= '0' && c <= '9') : ascii_letter(static_cast<char>(c))) {
      --at;
    } else if (!digits && at >= 2 && static_cast<unsigned char>(s[at - 2]) == 0xC3 && c >= 0x80 && c <= 0xBF &&
               c != 0x97 && c != 0xB7) {
      at -= 2;
    } else {
      break;
    }
  }
  if (at == end || end - at >= kMaxRun || (at > 0 && s[at - 1] != ' ')) return std::string_view::npos;
  return at;
}

// Decides whether the boundary between `prev` and `next` (trimmed segments) is false.
// toks and scratch are the caller's buffers, reused from boundary to boundary.
bool false_boundary(const detail::ProfileData& lang, std::string_view prev, std::string_view next,
                    bool line_break_between, std::vector<Token>& toks, std::vector<Token>& scratch) {
  if (next.empty() || prev.empty()) return false;
  if (starts_continuation_punct(next)) return true;
  if (line_break_between) return false;
  const bool next_lower = starts_lower(next);
  // The word before the final period, and for a number the token before it. Tokenizing the tail of prev
  // finds them; the common endings need no tokenizer and give the same answers: a last code point that is
  // a letter or digit ends a word or number token (below: false); one that is punctuation other than the
  // period is a punctuation token of its own (joiners join only before a letter or digit); and
  // " Börse." / " 20." is the word or number before the period (simple_token_begin), " am 20." also the
  // word before the number.
  std::string_view w;
  bool number = false;
  std::optional<std::string_view> before;  // the token before a number's (none: nullopt)
  if (prev.back() != '.') {
    std::size_t at = prev.size() - 1;
    while (at > 0 && (static_cast<unsigned char>(prev[at]) & 0xC0) == 0x80) --at;
    std::size_t len = 1;
    const detail::CharClass cls = detail::classify(detail::decode(prev, at, len));
    if (cls == detail::CharClass::letter || cls == detail::CharClass::digit) return false;
    // A quoted question or exclamation the sentence continues after: „Warum?“, fragte er.
    if (cls == detail::CharClass::punct) return next_lower;
  }
  bool found = false;
  if (const std::size_t end = prev.size() - 1; prev.back() == '.') {
    if (const std::size_t b = simple_token_begin(prev, end, false); b != std::string_view::npos) {
      w = prev.substr(b, end - b);
      found = true;
    } else if (const std::size_t d = simple_token_begin(prev, end, true); d != std::string_view::npos) {
      w = prev.substr(d, end - d);
      number = true;
      if (d == 0) {
        found = true;
      } else if (const std::size_t e = simple_token_begin(prev, d - 1, false); e != std::string_view::npos) {
        before = prev.substr(e, d - 1 - e);
        found = true;
      }
    }
  }
  if (!found) {
    toks.clear();  // byte offsets into prev (code-point offsets are not used here)
    const std::size_t start = tail_start(prev, 3);
    tokenize(prev.substr(start), toks, static_cast<std::uint32_t>(start));
    if (toks.empty()) return false;
    const Token& last = toks.back();
    const std::string_view last_text = prev.substr(last.begin, last.end - last.begin);
    if (next_lower && last.kind == TokenKind::punct && last_text != ".") return true;
    if (last_text != "." || toks.size() < 2) return false;
    const Token& word = toks[toks.size() - 2];
    if (word.end != last.begin || word.kind == TokenKind::punct) return false;  // "Text ." or "..."
    w = prev.substr(word.begin, word.end - word.begin);
    number = word.kind == TokenKind::number;
    if (toks.size() >= 3) before = prev.substr(toks[toks.size() - 3].begin, toks[toks.size() - 3].end - toks[toks.size() - 3].begin);
  }
  const FoldedWord folded(w);
  const std::string_view key = folded.view();
  // The next sentence's first word is needed by few of the tests below (most boundaries follow a word that
  // is neither a number nor on a list): found once, when first asked for.
  std::string next_word;
  bool next_word_found = false;
  const auto next_key = [&]() -> const std::string& {
    if (!next_word_found) {
      next_word = first_word(next, scratch);
      next_word_found = true;
    }
    return next_word;
  };
  if (number) {
    if (next_lower) return true;
    // Ordinals and dates: "am 3. Oktober", "im 2. Quartal"; a number after a noun ends a sentence
    // ("auf Platz 14. Vor einem Jahr"), and so does a year ("im Jahr 2025. Danach").
    for (const auto& m : lang.months) {
      if (next_key().starts_with(m)) return true;
    }
    if (w.size() > 2 || !before) return false;
    const std::string before_key = fold_case(*before);
    return in(lang.ordinal_context, before_key);
  }
  // An amount before its unit: "Mrd. Euro", "Mio. USD", and a compound whose last part is one ("Mrd. Taiwan-Dollar").
  const auto unit = [&lang](std::string_view k) {
    const std::size_t dash = k.rfind('-');
    return in(lang.units, k) || (dash != std::string_view::npos && in(lang.units, k.substr(dash + 1)));
  };
  if (in(lang.amounts, key)) return next_lower || unit(next_key()) || (!next.empty() && std::isdigit(static_cast<unsigned char>(next[0])));
  // A unit written with a slash ("80 km/h.", "Euro/kWh.") ends in a letter that the lists may hold as an
  // abbreviation ("h" of "d. h."): after a slash it is none.
  const auto w_at = static_cast<std::size_t>(w.data() - prev.data());
  if (!number && w_at > 0 && prev[w_at - 1] == '/' && w.front() >= 'a' && w.front() <= 'z') return next_lower;
  // An abbreviation that may end a sentence goes on before a lowercase word, a bracket ("Inc. (BREIT)")
  // and the legal form after "Co.".
  if (in(lang.final_abbreviations, key)) {
    return next_lower || next.front() == '(' || (key == "co" && in(lang.legal_forms, next_key()));
  }
  if (in(lang.abbreviations, key)) return true;
  if (dotted_abbreviation(lang, key)) return true;
  // Street names: "Hafenstr. 12".
  if (key.size() > 4 && key.ends_with("str") && !next.empty() && std::isdigit(static_cast<unsigned char>(next[0]))) return true;
  // An initial ("Donald J. Trump").
  if (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0])) != 0 && !next_lower) return true;
  if (next_lower) {
    for (const auto& m : lang.months) {
      if (next_key().starts_with(m)) return true;
    }
  }
  return false;
}

// Tokens of a segment, piece by piece for a long one, in a window that keeps the last three tokens of the
// previous piece: memory stays bounded by the piece, and a callback sees token i with tokens i-2 .. i+1
// exactly as in one tokenization of the whole segment.
class TokenWindow {
 public:
  explicit TokenWindow(std::string_view seg) : seg_(seg) {}

  // Calls visit(toks, i) for every i in [1, n-1) of the segment's n tokens; toks[i-2 .. i+1] are valid.
  template <typename Visit>
  void run(Visit&& visit, detail::CancelMeter* meter) {
    if (seg_.size() <= kPieceBytes) {
      tokenize(seg_, toks_);
      for (std::size_t i = 1; i + 1 < toks_.size(); ++i) visit(toks_, i);
      return;
    }
    std::size_t next = 1;  // the next i to visit, as an index of toks_
    for (std::size_t begin = 0; begin < seg_.size();) {
      const std::size_t end = piece_end_at_space(begin);
      // From the start of the last token kept (or the piece), so the first new token gets its
      // line_start and space_before right; the re-tokenized last token itself is dropped.
      const std::size_t from = toks_.empty() ? begin : toks_.back().begin;
      const std::size_t kept = toks_.size();
      tokenize(seg_.substr(from, end - from), toks_, static_cast<std::uint32_t>(from));
      if (kept > 0) toks_.erase(toks_.begin() + static_cast<std::ptrdiff_t>(kept));
      for (; next + 1 < toks_.size(); ++next) visit(toks_, next);
      if (toks_.size() > 3) {
        const std::size_t drop = toks_.size() - 3;
        toks_.erase(toks_.begin(), toks_.begin() + static_cast<std::ptrdiff_t>(drop));
        next -= drop;
      }
      detail::scored(meter, end - begin);
      begin = end;
    }
  }

 private:
  // A piece ends before white space (tokens never span it) in its second half, else on a code point.
  std::size_t piece_end_at_space(std::size_t begin) const {
    if (seg_.size() - begin <= kPieceBytes) return seg_.size();
    const std::size_t limit = begin + kPieceBytes;
    for (std::size_t at = limit; at > begin + kPieceBytes / 2; --at) {
      if (std::isspace(static_cast<unsigned char>(seg_[at])) != 0) return at;
    }
    std::size_t at = limit;
    while (at > begin + 1 && (static_cast<unsigned char>(seg_[at]) & 0xC0) == 0x80) --at;
    return at;
  }

  std::string_view seg_;
  std::vector<Token> toks_;
};

// Boundaries ICU misses inside one of its segments: after ". " before a lowercase brand name ("eBay",
// "iPhones") or a year ("1999 hieß es"), and after an ellipsis before a capitalized word.
std::vector<std::uint32_t> missed_boundaries(const detail::ProfileData& lang, std::string_view text, SentenceSpan span,
                                             detail::CancelMeter* meter) {
  std::vector<std::uint32_t> out;
  const std::string_view seg = text.substr(span.begin, span.end - span.begin);
  // Each boundary found here follows a period or an ellipsis that has more text after it: most segments
  // hold none, and need no tokenizing.
  const std::size_t last = seg.find_last_not_of(" \t\r\n\v\f");
  if (last == std::string_view::npos) return out;
  const std::string_view body = seg.substr(0, last);
  if (body.find('.') == std::string_view::npos && body.find("…") == std::string_view::npos) return out;
  TokenWindow(seg).run([&](const std::vector<Token>& toks, std::size_t i) {
    const Token& p = toks[i];
    const Token& n = toks[i + 1];
    if (p.kind != TokenKind::punct || !n.space_before || n.line_start) return;
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
    if (pt == "." && before.end == p.begin && before.kind == TokenKind::word && !in(lang.abbreviations, fold_case(bt)) &&
        !in(lang.final_abbreviations, fold_case(bt)) && !dotted_abbreviation(lang, fold_case(bt)) && bt.size() > 1) {
      // "… Zahlen. eBay verzeichnete …": lowercase then uppercase inside the word.
      const bool camel = n.kind == TokenKind::word && starts_lower(nt) &&
                         std::any_of(nt.begin() + 1, nt.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      // "… verändere alles. 1999 hieß es …": a year opens the sentence; so does any number after a plain
      // word ("… nicht überraschend. 90% der Aktiven …"), which Unicode's rules join when a lowercase word
      // follows the number: a lowercase word of four letters or more, or any word of six or more, is no
      // abbreviation the lists could have missed.
      const bool year = n.kind == TokenKind::number && nt.size() == 4;
      const bool plain_word = (bt.size() >= 4 && starts_lower(bt)) || bt.size() >= 6;
      const bool figure = n.kind == TokenKind::number && plain_word;
      split = camel || year || figure;
    }
    if (pt == "…" || (pt == "." && i >= 2 && seg.substr(toks[i - 2].begin, 1) == "." && seg.substr(toks[i - 1].begin, 1) == ".")) {
      split = n.kind == TokenKind::word && !starts_lower(nt);
    }
    if (split) out.push_back(span.begin + n.begin);
  }, meter);
  return out;
}

}  // namespace

std::vector<SentenceSpan> split_sentences_icu(std::string_view text) {
  detail::check_text_size(text.size());
  std::vector<SentenceSpan> out;
  for (const SentenceSpan s : icu_segments(text, nullptr, true)) {
    const SentenceSpan t = trimmed(text, s.begin, s.end);
    if (t.end > t.begin) out.push_back(t);
  }
  return out;
}

namespace detail {

void icu_sentence_breaks(std::string_view text, std::uint32_t base, std::vector<std::uint32_t>& out) {
  if (text.empty()) return;
  const std::size_t first = out.size();
  icu_piece(text, 0, text.size(), out);
  for (std::size_t i = first; i < out.size(); ++i) out[i] += base;
}

namespace {

// The splitter. With unchecked_utf8, text may be invalid UTF-8: nullopt then says that it is, found before
// anything else reads it. The boundary scanner validates every byte it reads, so valid text needs no pass of
// its own; only text some of whose pieces went to ICU is checked with is_valid_utf8.
std::optional<std::vector<SentenceSpan>> split(std::string_view text, const ProfileData& lang, CancelMeter* meter,
                                               bool unchecked_utf8) {
  check_text_size(text.size());
  std::vector<SentenceSpan> out;
  std::vector<SentenceSpan> raw;
  std::vector<Token> toks, scratch;  // false_boundary's buffers
  bool scanned = true;
  const std::vector<SentenceSpan> segments = icu_segments(text, meter, false, &scanned);
  if (unchecked_utf8 && !scanned && !is_valid_utf8(text)) return std::nullopt;
  for (const SentenceSpan seg : segments) {
    std::uint32_t begin = seg.begin;
    for (const std::uint32_t cut : missed_boundaries(lang, text, seg, meter)) {
      raw.push_back({begin, cut});
      begin = cut;
    }
    raw.push_back({begin, seg.end});
  }
  for (const SentenceSpan s : raw) {
    detail::scored(meter, s.end - s.begin);  // the merge pass costs as much as ICU's (case folding)
    const SentenceSpan t = trimmed(text, s.begin, s.end);
    if (t.end <= t.begin) continue;
    if (!out.empty()) {
      const SentenceSpan& p = out.back();
      const std::string_view gap = text.substr(p.end, t.begin - p.end);
      const bool line_break = std::any_of(gap.begin(), gap.end(), [](char c) { return c == '\n' || c == '\r'; });
      if (false_boundary(lang, text.substr(p.begin, p.end - p.begin), text.substr(t.begin, t.end - t.begin),
                         line_break, toks, scratch)) {
        out.back().end = t.end;
        continue;
      }
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view text, const ProfileData& lang, CancelMeter* meter) {
  return *split(text, lang, meter, false);
}

std::optional<std::vector<SentenceSpan>> split_sentences_if_valid(std::string_view text, const ProfileData& lang,
                                                                  CancelMeter* meter) {
  return split(text, lang, meter, true);
}

}  // namespace detail

std::vector<SentenceSpan> split_sentences(std::string_view text) {
  return detail::split_sentences(text, Profile::builtin().data(), nullptr);
}

std::vector<SentenceSpan> split_sentences(std::string_view text, const Cancellation& cancel) {
  return split_sentences(text, Profile::builtin(), cancel);
}

std::vector<SentenceSpan> split_sentences(std::string_view text, const Profile& profile) {
  return detail::split_sentences(text, profile.data(), nullptr);
}

std::vector<SentenceSpan> split_sentences(std::string_view text, const Profile& profile, const Cancellation& cancel) {
  detail::CancelMeter meter(cancel);
  return detail::split_sentences(text, profile.data(), &meter);
}

}  // namespace stimmung
