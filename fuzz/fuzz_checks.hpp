#pragma once
// Design notes: the bodies of the fuzz targets live here, as plain functions over bytes, so that the same
// checks run in two places: under libFuzzer (fuzz/fuzz_*.cpp, clang) and as a GoogleTest replaying the
// seed corpus and the regression inputs (tests/cpp/test_fuzz_regressions.cpp, any compiler, also in the
// sanitizer build). A broken invariant prints what broke and aborts, which both drivers report as a crash.

#include <stimmung/stimmung.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stimmung::fuzz {

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "stimmung fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

inline void check_scores(const std::vector<double>& scores, std::size_t n_tones) {
  require(scores.size() == n_tones, "one score per tone");
  for (const double s : scores) require(s >= 0.0 && s <= 1.0, "score in [0, 1] (and not NaN)");
}

// Code points of text[0, at), counted on from the last question (offsets are asked in ascending order, so
// checking all cues and sentences of a text costs one pass over it, not one per offset).
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {}
  std::size_t at(std::size_t offset) {
    if (offset < at_) at_ = count_ = 0;
    count_ += count_code_points(text_.substr(at_, offset - at_));
    at_ = offset;
    return count_;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0, count_ = 0;
};

// Cues of one sentence: inside [begin, end) of `text`, in text order, surface and code-point offsets
// agreeing with the bytes they point at.
inline void check_cues(const SentenceScore& r, std::string_view text, std::size_t begin, std::size_t end) {
  std::uint32_t last = 0;
  CodePoints starts(text), ends(text);
  for (const Cue& c : r.cues) {
    require(c.begin <= c.end, "cue begin <= end");
    require(c.begin >= begin && c.end <= end, "cue inside its sentence and the scored text");
    require(c.begin >= last, "cues in text order");
    last = c.begin;
    require(c.surface == text.substr(c.begin, c.end - c.begin), "cue surface is the text at its offsets");
    require(c.cp_begin == starts.at(c.begin), "cue code-point start");
    require(c.cp_end == ends.at(c.end), "cue code-point end");
    require(std::isfinite(c.weight), "finite cue weight");
  }
}

inline bool same_sentence(const SentenceScore& a, const SentenceScore& b) {
  if (a.scores != b.scores || a.cues.size() != b.cues.size() || a.begin != b.begin || a.end != b.end) return false;
  for (std::size_t i = 0; i < a.cues.size(); ++i) {
    const Cue& x = a.cues[i];
    const Cue& y = b.cues[i];
    if (x.begin != y.begin || x.end != y.end || x.term != y.term || x.tone != y.tone || x.weight != y.weight ||
        x.modifiers != y.modifiers || x.match != y.match) {
      return false;
    }
  }
  return true;
}

inline bool same_document(const DocumentScore& a, const DocumentScore& b) {
  if (a.mean != b.mean || a.max != b.max || a.share != b.share || a.text != b.text ||
      a.sentences.size() != b.sentences.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    if (!same_sentence(a.sentences[i], b.sentences[i])) return false;
  }
  return true;
}

inline const Scorer& replace_scorer() {
  static const Scorer scorer;
  return scorer;
}

inline const Scorer& strict_scorer() {
  static const Scorer scorer(Lexicon::builtin(), ScorerOptions{Utf8Policy::strict});
  return scorer;
}

inline void check_document(const DocumentScore& doc, std::string_view input, std::size_t n_tones) {
  const std::string_view text = doc.text.empty() ? input : std::string_view(doc.text);
  require(is_valid_utf8(text), "a document is scored as valid UTF-8");
  require(doc.replaced_bytes == 0 || !doc.text.empty(), "replacements leave the scored text behind");
  check_scores(doc.mean, n_tones);
  check_scores(doc.max, n_tones);
  check_scores(doc.share, n_tones);
  std::uint32_t prev_end = 0;
  CodePoints starts(text);
  for (const SentenceScore& s : doc.sentences) {
    require(s.begin < s.end && s.end <= text.size(), "sentence span non-empty and inside the text");
    require(s.begin >= prev_end, "sentences ordered and non-overlapping");
    prev_end = s.end;
    require(s.cp_begin == starts.at(s.begin), "sentence code-point start");
    check_scores(s.scores, n_tones);
    check_cues(s, text, s.begin, s.end);
  }
}

// Whether an input gets the checks that score it again (determinism, the batch numbers against score(),
// the strict policy on valid text): one input in eight, chosen by its bytes so a replay repeats the
// choice. The other valid inputs are scored twice (score, the document) instead of eight times, which
// keeps fuzz_score fast.
inline bool full_checks(std::string_view bytes) { return std::hash<std::string_view>{}(bytes) % 8 == 0; }

/// Target "score": arbitrary bytes through Scorer::score and score_document, under both UTF-8 policies.
/// The Scorers are built once (function statics) and reused for every input.
inline void check_score(std::string_view bytes) {
  const Scorer& scorer = replace_scorer();
  const std::size_t n_tones = scorer.tones().size();
  const bool valid = is_valid_utf8(bytes);
  const bool full = full_checks(bytes);
  const std::string clean = valid ? std::string() : sanitize_utf8(bytes);
  const std::string_view repaired = valid ? bytes : std::string_view(clean);
  require(valid || is_valid_utf8(clean), "sanitize_utf8 yields valid UTF-8");
  require(valid || clean != bytes, "invalid input is repaired");
  if (valid && full) require(sanitize_utf8(bytes) == bytes, "valid input is left as it is");

  const SentenceScore r = scorer.score(bytes);
  check_scores(r.scores, n_tones);
  require(r.begin == 0 && r.end == repaired.size(), "a sentence spans the whole scored text");
  check_cues(r, repaired, 0, repaired.size());
  if (full) require(same_sentence(r, scorer.score(bytes)), "score is deterministic");
  // UTF-8 is validated while tokenizing: whatever the tokenizer made of invalid bytes must not leak out.
  if (!valid) require(same_sentence(r, scorer.score(clean)), "invalid input scores exactly as its repaired text");
  if (full) {
    std::vector<double> numbers(n_tones);
    std::vector<std::int64_t> n_cues(1);
    scorer.score_batch_into(std::span<const std::string_view>(&bytes, 1), numbers, n_cues);
    require(numbers == r.scores && n_cues[0] == static_cast<std::int64_t>(r.cues.size()),
            "the numbers-only batch agrees with score");
  }

  const DocumentScore doc = scorer.score_document(bytes);
  check_document(doc, bytes, n_tones);
  if (full) require(same_document(doc, scorer.score_document(bytes)), "score_document is deterministic");

  // Strict: valid input scores exactly as under replace; invalid input throws InvalidInputError and
  // nothing else (any other exception escapes to the fuzzer as a crash).
  if (valid && !full) return;
  const Scorer& strict = strict_scorer();
  try {
    const SentenceScore s = strict.score(bytes);
    require(valid, "strict score accepts only valid UTF-8");
    require(same_sentence(s, r), "strict and replace agree on valid input");
  } catch (const InvalidInputError&) {
    require(!valid, "strict score throws only for invalid UTF-8");
  }
  try {
    const DocumentScore d = strict.score_document(bytes);
    require(valid, "strict score_document accepts only valid UTF-8");
    require(same_document(d, doc), "strict and replace documents agree on valid input");
  } catch (const InvalidInputError&) {
    require(!valid, "strict score_document throws only for invalid UTF-8");
  }
}

inline void check_spans(const std::vector<SentenceSpan>& spans, std::string_view text) {
  std::uint32_t prev_end = 0;
  for (const SentenceSpan& s : spans) {
    require(s.begin < s.end, "span non-empty");
    require(s.end <= text.size(), "span inside the text");
    require(s.begin >= prev_end, "spans ordered and non-overlapping");
    prev_end = s.end;
    const auto boundary = [&](std::size_t at) {
      return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    };
    require(boundary(s.begin) && boundary(s.end), "spans start and end on code-point boundaries");
  }
}

/// Target "split": split_sentences (and the plain ICU variant) on sanitized bytes.
inline void check_split(std::string_view bytes) {
  const std::string text = sanitize_utf8(bytes);
  const auto spans = split_sentences(text);
  check_spans(spans, text);
  require(split_sentences(text).size() == spans.size(), "split_sentences is deterministic");
  check_spans(split_sentences_icu(text), text);
}

/// Target "lexicon": Lexicon::from_string on arbitrary bytes. Only LexiconError may escape the parser; a
/// lexicon that parses compiles into a Scorer that scores, and survives its own TSV round trip.
inline void check_lexicon(std::string_view bytes) {
  Lexicon lex;
  try {
    lex = Lexicon::from_string(bytes, "<fuzz>");
  } catch (const LexiconError& e) {
    require(std::string_view(e.what()).starts_with("<fuzz>:"), "a LexiconError names its source");
    return;
  }
  require(lex.tones().size() >= 3, "the three built-in tones come first");
  const Scorer scorer(lex);
  const std::size_t n_tones = scorer.tones().size();
  static constexpr std::string_view kSentence = "Die KI-Blase könnte bald platzen, sagen Insider nicht ohne Sorge?";
  const SentenceScore r = scorer.score(kSentence);
  check_scores(r.scores, n_tones);
  check_cues(r, kSentence, 0, kSentence.size());
  const std::string_view doc_text = "Die Märkte sind nervös. Laut Insidern droht ein Crash! Oder nicht?";
  check_document(scorer.score_document(doc_text), doc_text, n_tones);

  const Lexicon again = Lexicon::from_string(lex.to_tsv(), "<round trip>");
  require(again.size() == lex.size(), "to_tsv round trip keeps every entry");
  require(again.tones() == lex.tones(), "to_tsv round trip keeps the tones");
  for (std::size_t i = 0; i < lex.size(); ++i) {
    const LexiconEntry& a = lex.entries()[i];
    const LexiconEntry& b = again.entries()[i];
    require(a.term == b.term && a.tone == b.tone && a.kind == b.kind && a.weight == b.weight && a.pos == b.pos &&
                a.compound == b.compound && a.forms == b.forms && a.separable == b.separable && a.gap == b.gap &&
                a.exact == b.exact && a.free_order == b.free_order && a.kon1 == b.kon1 &&
                a.reportative == b.reportative && a.clause_scope == b.clause_scope,
            "to_tsv round trip gives an equal entry");
  }
}

}  // namespace stimmung::fuzz
